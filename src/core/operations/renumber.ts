/** Fresh ids, offline only (domain.md §2). */
import { renumber } from '../ops/numbering';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const renumberOp: Operation<'renumber'> = {
  kind: 'renumber',
  label: 'Renumber',
  apply: (doc) => renumber(doc),
  commands: hostCommands,
};
