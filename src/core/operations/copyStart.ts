/** The first phase of a copy: the job runs until it is ended (job-end). */
import { startCopy } from '../ops/jobs';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const copyStartOp: Operation<'copy-start'> = {
  kind: 'copy-start',
  label: 'Start copy',
  apply: (doc, req) => startCopy(doc, req),
  commands: hostCommands,
};
