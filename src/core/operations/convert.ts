/** The document in the other dialect (domain.md §3). */
import { convert } from '../ops/numbering';
import type { Operation } from './types';

export const convertOp: Operation<'convert'> = {
  kind: 'convert',
  label: 'Convert dialect',
  title: (req) => `Convert to ${req.dialect}`,
  apply: (doc, req) => convert(doc, req.dialect),
  commands: null,
};
