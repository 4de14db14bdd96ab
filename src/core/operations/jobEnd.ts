/** The second phase of a copy or an active commit: pivot, cancel, or keep the overlay. */
import { finishJob } from '../ops/jobs';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const jobEndOp: Operation<'job-end'> = {
  kind: 'job-end',
  label: 'End the job',
  title: (req) => (req.end === 'pivot' ? 'Pivot' : req.end === 'cancel' ? 'Cancel copy' : 'Keep overlay'),
  apply: (doc, req) => finishJob(doc, req.disk, req.end),
  commands: hostCommands,
};
