/** A node leaves the tree; its backing store moves up (or, asked, its whole subtree goes). */
import { removeNode, removeRefusal } from '../ops/remove';
import type { Operation } from './types';

export const removeOp: Operation<'remove'> = {
  kind: 'remove',
  label: 'Remove',
  title: (req) => (req.end !== undefined ? 'Remove link' : req.subtree ? 'Remove subtree' : 'Remove node'),
  available: (doc, req) => removeRefusal(doc, req.uid, { subtree: req.subtree }) ?? true,
  apply: (doc, req) => removeNode(doc, req.uid, { subtree: req.subtree, end: req.end }),
  commands: null,
};
