/** Pull: copies the data of the layers below a node up into it and drops them. */
import { pull } from '../ops/pull';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const pullOp: Operation<'pull'> = {
  kind: 'pull',
  label: 'Pull',
  apply: (doc, req) => pull(doc, req.base === undefined ? { top: req.top } : { top: req.top, base: req.base }),
  commands: hostCommands,
};
