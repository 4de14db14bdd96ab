/**
 * A line diff as the text `diff -u` prints, for the user to copy: two
 * header lines, then each hunk as `@@ -l,s +l,s @@` and its lines marked
 * ' ', '-' or '+'. As in GNU diff, a count of 1 is left out, an empty range
 * is numbered by the line before it, and a last line without a line end is
 * followed by "\ No newline at end of file", so `patch` reads it back.
 */
import type { Hunk, LineDiff } from './hunks';

/** Header labels may come from file names: keep them on one line. */
const oneLine = (label: string): string => label.replace(/[\r\n]+/g, ' ');

function range(start: number, count: number): string {
  const from = count === 0 ? start - 1 : start;
  return count === 1 ? `${from}` : `${from},${count}`;
}

export function hunkHeader(h: Hunk): string {
  return `@@ -${range(h.oldStart, h.oldCount)} +${range(h.newStart, h.newCount)} @@`;
}

const SIGN = { context: ' ', removed: '-', added: '+' } as const;

/** The unified diff text; empty when nothing changed (as `diff` prints nothing). */
export function unifiedDiff(diff: LineDiff, oldLabel: string, newLabel: string): string {
  if (diff.hunks.length === 0) return '';
  const out = [`--- ${oneLine(oldLabel)}`, `+++ ${oneLine(newLabel)}`];
  for (const h of diff.hunks) {
    out.push(hunkHeader(h));
    for (const line of h.lines) {
      out.push(SIGN[line.kind] + line.text);
      if (line.noEol) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}
