/**
 * The line diff: applying its hunks to the old text gives the new text, it
 * is as short as a plain LCS table says it can be, and its hunks are grouped
 * as `diff -u` groups them (3 lines of context, close hunks joined).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../src/core/diff/hunks';
import type { Hunk } from '../../../src/core/diff/hunks';
import { splitLines } from '../../../src/core/diff/lines';
import { applyHunks, lcsLength } from './apply';

/** Few distinct lines, so texts share many lines and the diff has choices to make. */
const line = fc.constantFrom('<disk>', '</disk>', "  <source file='a'/>", "  <source file='b'/>", '  <backingStore/>', '', ' ', 'x');
const text = fc.tuple(fc.array(line, { maxLength: 24 }), fc.boolean()).map(([ls, eol]) => ls.join('\n') + (eol && ls.length > 0 ? '\n' : ''));

/** A text and an edit of it (lines removed, inserted, replaced), closer to what a user does than two random texts. */
const edited = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.array(fc.tuple(fc.nat(40), fc.constantFrom('del', 'ins', 'rep'), line), { maxLength: 6 }), fc.boolean(), fc.boolean())
  .map(([ls, edits, eolA, eolB]) => {
    const next = [...ls];
    for (const [at, kind, l] of edits) {
      const i = next.length === 0 ? 0 : at % (next.length + 1);
      if (kind === 'ins') next.splice(i, 0, l);
      else if (kind === 'del') next.splice(i, 1);
      else next.splice(i, 1, l);
    }
    const join = (xs: string[], eol: boolean) => xs.join('\n') + (eol && xs.length > 0 ? '\n' : '');
    return [join(ls, eolA), join(next, eolB)] as const;
  });

const pair = fc.oneof(fc.tuple(text, text), edited);

/** Lines as the diff compares them: a last line without a line end is not the same line as one with it. */
function keyed(t: string): string[] {
  const s = splitLines(t);
  return s.lines.map((l, i) => (!s.eolAtEnd && i === s.lines.length - 1 ? `${l}\u0000` : l));
}

const changes = (h: Hunk) => h.lines.filter((l) => l.kind !== 'context').length;

describe('lineDiff', () => {
  it('applying the hunks to the old text gives the new text, for any context size', () => {
    fc.assert(
      fc.property(pair, fc.integer({ min: 0, max: 4 }), ([a, b], ctx) => {
        expect(applyHunks(a, lineDiff(a, b, ctx).hunks)).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('is minimal: removed + added = both lengths minus twice the longest common subsequence', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const d = lineDiff(a, b);
        const [ka, kb] = [keyed(a), keyed(b)];
        expect(d.added + d.removed).toBe(ka.length + kb.length - 2 * lcsLength(ka, kb));
      }),
      { numRuns: 2000 },
    );
  });

  it('groups as diff -u does: at most 3 context lines at each end, hunks joined when their contexts would meet', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const { hunks } = lineDiff(a, b);
        for (const h of hunks) {
          expect(changes(h)).toBeGreaterThan(0);
          const kinds = h.lines.map((l) => l.kind);
          const lead = kinds.findIndex((k) => k !== 'context');
          const trail = kinds.length - 1 - kinds.findLastIndex((k) => k !== 'context');
          expect(lead).toBeLessThanOrEqual(3);
          expect(trail).toBeLessThanOrEqual(3);
          // Inside a hunk, an unchanged run between two changes is at most 6 lines (else two hunks).
          const inner = kinds.slice(lead, kinds.length - trail).join(',').split(/(?:added|removed)/).map((s) => s.split('context').length - 1);
          for (const run of inner) expect(run).toBeLessThanOrEqual(6);
          expect(h.oldCount).toBe(h.lines.filter((l) => l.kind !== 'added').length);
          expect(h.newCount).toBe(h.lines.filter((l) => l.kind !== 'removed').length);
        }
        const trailing = (h: Hunk) => h.lines.length - 1 - h.lines.findLastIndex((l) => l.kind !== 'context');
        const leading = (h: Hunk) => h.lines.findIndex((l) => l.kind !== 'context');
        for (let i = 1; i < hunks.length; i++) {
          const [prev, next] = [hunks[i - 1]!, hunks[i]!];
          const between = next.oldStart - (prev.oldStart + prev.oldCount);
          // Two hunks: more than 2 × 3 unchanged lines separate their changes, and none is shown twice.
          expect(between).toBeGreaterThan(0);
          expect(trailing(prev) + between + leading(next)).toBeGreaterThan(6);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('finds nothing between equal texts, nor between CRLF and LF line ends', () => {
    expect(lineDiff('a\nb\n', 'a\nb\n').hunks).toEqual([]);
    expect(lineDiff('a\r\nb\r\n', 'a\nb\n').hunks).toEqual([]);
    expect(lineDiff('', '')).toMatchObject({ hunks: [], added: 0, removed: 0, oldLines: 0, newLines: 0 });
  });

  it('numbers lines on both sides and keeps 3 lines of context', () => {
    const old = Array.from({ length: 12 }, (_, i) => `l${i + 1}`);
    const now = [...old];
    now.splice(5, 1, 'six', 'six and a half');
    const d = lineDiff(old.join('\n') + '\n', now.join('\n') + '\n');
    expect(d).toMatchObject({ added: 2, removed: 1, oldLines: 12, newLines: 13 });
    expect(d.hunks).toHaveLength(1);
    const h = d.hunks[0]!;
    expect([h.oldStart, h.oldCount, h.newStart, h.newCount]).toEqual([3, 7, 3, 8]);
    expect(h.lines.map((l) => [l.kind[0], l.oldLine, l.newLine, l.text])).toEqual([
      ['c', 3, 3, 'l3'],
      ['c', 4, 4, 'l4'],
      ['c', 5, 5, 'l5'],
      ['r', 6, null, 'l6'],
      ['a', null, 6, 'six'],
      ['a', null, 7, 'six and a half'],
      ['c', 7, 8, 'l7'],
      ['c', 8, 9, 'l8'],
      ['c', 9, 10, 'l9'],
    ]);
  });

  it('tells a missing line end at the end of the text from one that is there', () => {
    const d = lineDiff('a\nb', 'a\nb\n');
    expect(d.hunks[0]!.lines.map((l) => [l.kind, l.text, l.noEol])).toEqual([
      ['context', 'a', false],
      ['removed', 'b', true],
      ['added', 'b', false],
    ]);
  });

  it('runs without recursion on large inputs (no stack overflow, correct result)', () => {
    const n = 30_000;
    const a = Array.from({ length: n }, (_, i) => `<line ${i % 7}/>`).join('\n');
    const b = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? `<other ${i}/>` : `<line ${(i + 3) % 7}/>`)).join('\n');
    const d = lineDiff(a, b);
    expect(applyHunks(a, d.hunks)).toBe(b);
  });
});
