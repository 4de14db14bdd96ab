/** A node becomes the backing store (or a member) of another. */
import { canReparent, reparent } from '../ops/reparent';
import type { Operation } from './types';

export const reparentOp: Operation<'reparent'> = {
  kind: 'reparent',
  label: 'Connect as backing store',
  // Asked on every pointer move while a link is dragged: the plan alone, not the whole edit.
  available: (doc, req) => (req.uid === req.parent ? 'A node cannot back itself.' : canReparent(doc, req.uid, req.parent) ?? true),
  apply: (doc, req) => reparent(doc, req.uid, req.parent),
  commands: null,
};
