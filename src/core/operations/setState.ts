/** The guest's state, offline or running (domain.md §2). */
import { setState } from '../ops/numbering';
import type { Operation } from './types';

export const setStateOp: Operation<'set-state'> = {
  kind: 'set-state',
  label: 'Guest state',
  title: (req) => `Guest ${req.state}`,
  apply: (doc, req) => setState(doc, req.state),
  commands: null,
};
