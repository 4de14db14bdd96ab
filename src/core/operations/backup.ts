/** Backup: a point-in-time copy; the chain does not change, the target uses up an id. */
import { backup } from '../ops/backup';
import type { Operation } from './types';
import { hostCommands } from '../commands';

export const backupOp: Operation<'backup'> = {
  kind: 'backup',
  label: 'Backup',
  apply: (doc, req) => backup(doc, req),
  commands: hostCommands,
};
