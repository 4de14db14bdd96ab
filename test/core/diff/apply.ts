/** Test helpers: apply a line diff's hunks to the old text, and the LCS length by plain dynamic programming. */
import type { Hunk } from '../../../src/core/diff/hunks';
import { joinLines, splitLines } from '../../../src/core/diff/lines';

/**
 * The new text from the old one and the hunks alone, as `patch` would make
 * it. Throws when a context or removed line is not the old text's line at
 * that number, so the line numbers are checked too.
 */
export function applyHunks(oldText: string, hunks: readonly Hunk[]): string {
  const old = splitLines(oldText);
  const out: string[] = [];
  // Whether the line last written ends with a line end: that decides how the new text ends.
  let lastEol = true;
  let next = 0; // 0-based: the next old line not yet copied
  const copy = (): void => {
    lastEol = next === old.lines.length - 1 ? old.eolAtEnd : true;
    out.push(old.lines[next++]!);
  };
  for (const h of hunks) {
    // diff -u numbers an empty range by the line before it; Hunk keeps the line after (see hunks.ts).
    const from = h.oldStart - 1;
    if (from < next) throw new Error(`hunk at old line ${h.oldStart} overlaps the previous one`);
    while (next < from) copy();
    if (out.length !== h.newStart - 1) throw new Error(`hunk new start ${h.newStart}, but ${out.length} lines come before it`);
    for (const line of h.lines) {
      if (line.kind !== 'added') {
        if (old.lines[next] !== line.text) throw new Error(`old line ${next + 1} is not '${line.text}'`);
        if (line.oldLine !== next + 1) throw new Error(`line numbered ${line.oldLine}, expected ${next + 1}`);
        next++;
      }
      if (line.kind !== 'removed') {
        out.push(line.text);
        lastEol = !line.noEol;
        if (line.newLine !== out.length) throw new Error(`new line numbered ${line.newLine}, expected ${out.length}`);
      }
    }
  }
  while (next < old.lines.length) copy();
  return joinLines({ lines: out, eolAtEnd: out.length === 0 || lastEol });
}

export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Int32Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    prev = cur;
  }
  return prev[b.length]!;
}
