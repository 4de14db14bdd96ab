/**
 * One short line for an applied operation ("Snapshot: vda: new vda[5] on
 * vda[4]"), for the toast. The whole story (what stays valid, the host
 * commands) is in "What happened"; the toast only says what changed where.
 */
import type { DerivedDoc, NodeView } from '../numbers/derive';
import { derive } from '../numbers/derive';
import type { DomainDoc } from '../model/types';
import type { OpSummary } from '../ops/types';

const MAX = 96;

function firstSentence(message: string): string {
  const i = message.search(/\.(\s|$)/);
  return i < 0 ? message : message.slice(0, i);
}

function added(after: DerivedDoc, v: NodeView): string {
  const disk = after.disks[v.disk]?.target ?? '';
  const below = v.childUids[0] ? after.byUid.get(v.childUids[0]) : undefined;
  return `${disk}: new ${v.headline}${below ? ` on ${below.headline}` : ''}`;
}

export function shortText(title: string, before: DomainDoc, after: DomainDoc, summary: OpSummary): string {
  const a = derive(after);
  const b = derive(before);
  const parts: string[] = [];
  for (const u of summary.added) {
    const v = a.byUid.get(u);
    if (v) parts.push(added(a, v));
  }
  const gone = summary.removed.map((u) => b.byUid.get(u)).filter((v): v is NodeView => v !== undefined);
  if (gone.length > 0) parts.push(`removed ${gone.slice(0, 3).map((v) => v.headline).join(', ')}${gone.length > 3 ? ` and ${gone.length - 3} more` : ''}`);
  // Ids that changed under the same node (a renumber, a conversion, a stop): the toast names them, the reason is in What happened.
  const moved = [...a.byUid].filter(([u, v]) => !summary.added.includes(u) && b.byUid.has(u) && b.byUid.get(u)!.id !== v.id);
  if (moved.length > 0) {
    const name = (v: NodeView) => v.name ?? `[${v.id ?? '?'}]`;
    const list = moved.slice(0, 3).map(([u, v]) => `${name(b.byUid.get(u)!)}→${name(v)}`).join(', ');
    parts.push(`ids ${list}${moved.length > 3 ? ` and ${moved.length - 3} more` : ''}`);
  }
  let body = parts.length > 0 ? parts.join('; ') : firstSentence(summary.message);
  // A message that starts with the title ("Snapshot: …") must not say it twice.
  if (body.toLowerCase().startsWith(`${title.toLowerCase()}:`)) body = body.slice(title.length + 1).trim();
  const line = body ? `${title}: ${body}` : title;
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}
