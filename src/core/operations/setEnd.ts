/** How a chain ends: <backingStore/> (no backing file) or nothing (probed). */
import { setEnd } from '../ops/fields';
import type { Operation } from './types';

export const setEndOp: Operation<'set-end'> = {
  kind: 'set-end',
  label: 'Set chain end',
  title: (req) => (req.end === 'terminated' ? 'Terminate the chain' : 'Leave the chain open'),
  apply: (doc, req) => setEnd(doc, req.uid, req.end),
  commands: null,
};
