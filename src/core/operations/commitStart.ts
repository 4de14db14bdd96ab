/** The first phase of an active commit. */
import { startActiveCommit } from '../ops/jobs';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const commitStartOp: Operation<'commit-start'> = {
  kind: 'commit-start',
  label: 'Start active commit',
  apply: (doc, req) => startActiveCommit(doc, req),
  commands: hostCommands,
};
