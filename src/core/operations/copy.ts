/** Copy in one step: the copy is made, then the disk pivots to it (or the job is cancelled). */
import { copy } from '../ops/copy';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const copyOp: Operation<'copy'> = {
  kind: 'copy',
  label: 'Copy',
  title: (req) => (req.cancel ? 'Copy (cancelled)' : 'Copy'),
  apply: (doc, req) => copy(doc, { at: req.at, dest: req.dest, shallow: req.shallow, cancel: req.cancel }),
  commands: hostCommands,
};
