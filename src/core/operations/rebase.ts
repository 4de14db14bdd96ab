/**
 * Rebase: U gets a new backing file N from further down its own chain (the
 * graph's backing edge dragged down). Offline it is qemu-img rebase; while
 * the guest runs QEMU has no live rebase, so it is pull(U, base N): the same
 * document change and pull's commands (ops/rebase.ts, commands/rebase.ts).
 */
import { rebase } from '../ops/rebase';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const rebaseOp: Operation<'rebase'> = {
  kind: 'rebase',
  label: 'Rebase',
  title: (_req, doc) => (doc.state === 'running' ? 'Rebase (a pull: the guest runs)' : 'Rebase'),
  apply: (doc, req) => rebase(doc, { uid: req.uid, onto: req.onto }),
  commands: hostCommands,
};
