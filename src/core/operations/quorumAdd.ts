/** A new member for a quorum (proposal dialect). */
import { quorumAdd } from '../ops/quorum';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const quorumAddOp: Operation<'quorum-add'> = {
  kind: 'quorum-add',
  label: 'Add quorum member',
  apply: (doc, req) => quorumAdd(doc, req),
  commands: hostCommands,
};
