/** How the Changes view names its two sides and their times (also in the copied diff's header lines). */
import type { Snapshot } from '../../state/baseline';

export type Since = 'opened' | 'saved';

/** "14:05" today, otherwise "2 Dec, 14:05": enough to tell which opening or save is meant. */
export function when(at: number, now: number = Date.now()): string {
  const d = new Date(at);
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date(now).toDateString() ? time : `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })}, ${time}`;
}

/** `2026-12-02 14:05:09`, local time: the timestamp `diff -u` puts after a tab in its header lines. */
export function stamp(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The `---` header: which baseline, its name, its time. */
export const oldHeader = (since: Since, base: Snapshot): string => `${since}: ${base.name}\t${stamp(base.at)}`;

/** The `+++` header: the document now, named as Save XML would name it. */
export const newHeader = (fileName: string, at: number): string => `now: ${fileName}\t${stamp(at)}`;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
