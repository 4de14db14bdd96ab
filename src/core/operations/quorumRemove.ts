/** A member leaves its quorum, never down to the threshold. */
import { quorumRemove } from '../ops/quorum';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const quorumRemoveOp: Operation<'quorum-remove'> = {
  kind: 'quorum-remove',
  label: 'Remove quorum member',
  apply: (doc, req) => quorumRemove(doc, req),
  commands: hostCommands,
};
