/** A new image between a node and its backing store (a new member under a quorum). */
import { insertBelow, insertBelowRefusal } from '../ops/insert';
import { findByUid, isQuorum } from '../ops/locate';
import type { Operation } from './types';

export const insertBelowOp: Operation<'insert-below'> = {
  kind: 'insert-below',
  label: 'Add backing image below',
  title: (req, doc) => { const at = findByUid(doc, req.uid); return at && isQuorum(at.node) ? 'Add member (no host command)' : 'Add backing image below'; },
  available: (doc, req) => insertBelowRefusal(doc, req.uid, req.init) ?? true,
  apply: (doc, req) => insertBelow(doc, req.uid, req.init),
  commands: null,
};
