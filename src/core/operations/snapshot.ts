/** Snapshot (domain.md §6): a new qcow2 overlay on each chain top named, in one transaction. */
import { snapshot } from '../ops/snapshot';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const snapshotOp: Operation<'snapshot'> = {
  kind: 'snapshot',
  label: 'Snapshot',
  title: (req) => (req.targets.length > 1 ? `Snapshot of ${req.targets.length} nodes` : 'Snapshot'),
  apply: (doc, req) => snapshot(doc, req.targets, req.names),
  commands: hostCommands,
};
