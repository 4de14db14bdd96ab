/** A new quorum in a node's place, with the node as its one member (proposal dialect). */
import { wrapInQuorum } from '../ops/insert';
import type { Operation } from './types';

export const wrapQuorumOp: Operation<'wrap-quorum'> = {
  kind: 'wrap-quorum',
  label: 'Wrap in a new quorum',
  apply: (doc, req) => wrapInQuorum(doc, req.uid),
  commands: null,
};
