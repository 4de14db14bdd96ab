/** A quorum's vote threshold. */
import { setThreshold } from '../ops/quorum';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const thresholdOp: Operation<'threshold'> = {
  kind: 'threshold',
  label: 'Set threshold',
  title: (req) => `Set threshold to ${String(req.value).trim()}`,
  apply: (doc, req) => setThreshold(doc, req),
  commands: hostCommands,
};
