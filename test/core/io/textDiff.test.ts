/** The minimal-change text diff the XML pane applies (src/core/io/textDiff.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimalChange, normalizeNewlines } from '../../../src/core/io/textDiff';

const applyEdit = (text: string, e: { from: number; to: number; insert: string } | null): string => (e ? text.slice(0, e.from) + e.insert + text.slice(e.to) : text);

/** Strings over a small alphabet with astral characters, so prefixes, suffixes and surrogate pairs collide often. */
const text = fc.array(fc.constantFrom('a', 'b', '<', '>', '\n', 'é', '😀', '𝄞'), { maxLength: 24 }).map((cs) => cs.join(''));

describe('minimalChange', () => {
  it('equal texts need no change', () => {
    expect(minimalChange('<disk/>', '<disk/>')).toBeNull();
  });

  it('replaces only the part that differs', () => {
    expect(minimalChange("<source file='/a.qcow2'/>", "<source file='/b.qcow2'/>")).toEqual({ from: 15, to: 16, insert: 'b' });
    expect(minimalChange('abc', 'abXc')).toEqual({ from: 2, to: 2, insert: 'X' });
    expect(minimalChange('abXc', 'abc')).toEqual({ from: 2, to: 3, insert: '' });
  });

  it('never splits a surrogate pair (the edit is whole characters)', () => {
    // 😀 and 😁 share their high surrogate: a naive prefix would cut between the halves.
    const e = minimalChange('x😀y', 'x😁y')!;
    expect(e).toEqual({ from: 1, to: 3, insert: '😁' });
    // 𝄞 (U+1D11E) and 😞 (U+1F61E) share their low surrogate: the same for the suffix.
    expect(minimalChange('𝄞', '😞')).toEqual({ from: 0, to: 2, insert: '😞' });
  });

  it('for any two texts: applying the edit gives the target; the kept prefix and suffix are common; no half characters', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const e = minimalChange(a, b);
        expect(applyEdit(a, e)).toBe(b);
        if (!e) return a === b;
        expect(a.slice(0, e.from)).toBe(b.slice(0, e.from));
        expect(a.slice(e.to)).toBe(b.slice(b.length - (a.length - e.to)));
        const whole = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
        return whole(e.insert) && whole(a.slice(e.from, e.to));
      }),
      { numRuns: 2000 },
    );
  });

  it('is minimal up to whole characters: nothing more than the differing span (plus at most one half pair each side)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const e = minimalChange(a, b);
        if (!e) return true;
        let pre = 0;
        while (pre < Math.min(a.length, b.length) && a[pre] === b[pre]) pre++;
        return e.from >= pre - 1 && e.from <= pre;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeNewlines', () => {
  it('CRLF and lone CR become LF; text without CR is returned as is', () => {
    expect(normalizeNewlines('a\r\nb\rc\n')).toBe('a\nb\nc\n');
    const plain = '<disk>\n</disk>';
    expect(normalizeNewlines(plain)).toBe(plain);
  });
});
