/**
 * Host commands as one text (what `strata op … --commands` prints): the
 * virsh lines, then for QMP the sh lines to run first and the QMP commands
 * as JSON lines, one command per line, the form a QMP socket reads
 * (e.g. `socat - UNIX-CONNECT:/path/qmp.sock`). Every line that is not a
 * command starts with `#`.
 */
import type { HostCommands } from './types';

export function formatHostCommands(hc: HostCommands): string {
  const lines = ['# virsh', ...hc.virsh];
  if (hc.prepare.length > 0) lines.push('# QMP: first, on the host (sh)', ...hc.prepare);
  lines.push('# QMP: one command per line');
  if (hc.qmp.length === 0) lines.push('# (none)');
  for (const c of hc.qmp) lines.push(JSON.stringify(c));
  for (const n of hc.notes) lines.push(`# note: ${n}`);
  return lines.join('\n') + '\n';
}
