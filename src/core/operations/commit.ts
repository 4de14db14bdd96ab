/** Commit: merges top..above-base down into base (one-shot; the active layer's two phases are commit-start and job-end). */
import { commit } from '../ops/commit';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const commitOp: Operation<'commit'> = {
  kind: 'commit',
  label: 'Commit',
  apply: (doc, req) => commit(doc, { top: req.top, base: req.base, keepOverlay: req.keepOverlay }),
  commands: hostCommands,
};
