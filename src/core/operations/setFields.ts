/** The inspector's edits: type, format, threshold, source and driver attributes. */
import { setFields } from '../ops/fields';
import type { Operation } from './types';

export const setFieldsOp: Operation<'set-fields'> = {
  kind: 'set-fields',
  label: 'Edit field',
  apply: (doc, req) => setFields(doc, req.uid, req.patch),
  commands: null,
};
