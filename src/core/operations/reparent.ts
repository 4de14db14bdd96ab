/** A node becomes the backing store (or a member) of another. */
import { reparent } from '../ops/reparent';
import type { Operation } from './types';

export const reparentOp: Operation<'reparent'> = {
  kind: 'reparent',
  label: 'Connect as backing store',
  apply: (doc, req) => reparent(doc, req.uid, req.parent),
  commands: null,
};
