/** The unified text: the format of `diff -u`, read back by GNU patch when it is installed. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../src/core/diff/hunks';
import { unifiedDiff } from '../../../src/core/diff/unified';

const u = (a: string, b: string) => unifiedDiff(lineDiff(a, b), 'opened: old.xml', 'now: new.xml');

describe('unifiedDiff', () => {
  it('prints the headers, the hunk ranges and the marked lines', () => {
    const old = ['<disk>', "  <source file='top'/>", '  <backingStore/>', '</disk>', ''].join('\n');
    const now = ['<disk>', "  <source file='snap'/>", "  <backingStore type='file'>", "    <source file='top'/>", '  </backingStore>', '</disk>', ''].join('\n');
    expect(u(old, now)).toBe(
      [
        '--- opened: old.xml',
        '+++ now: new.xml',
        '@@ -1,4 +1,6 @@',
        ' <disk>',
        "-  <source file='top'/>",
        '-  <backingStore/>',
        "+  <source file='snap'/>",
        "+  <backingStore type='file'>",
        "+    <source file='top'/>",
        '+  </backingStore>',
        ' </disk>',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing changed', () => {
    expect(u('a\n', 'a\n')).toBe('');
  });

  it('numbers as GNU diff does: a count of 1 left out, an empty range by the line before it', () => {
    expect(u('', 'a\nb\n').split('\n')[2]).toBe('@@ -0,0 +1,2 @@');
    expect(u('a\n', '').split('\n')[2]).toBe('@@ -1 +0,0 @@');
    expect(u('a\nb\nc\nd\ne\n', 'a\nb\nc\nd\nX\ne\n').split('\n')[2]).toBe('@@ -2,4 +2,5 @@');
  });

  it('marks a last line without a line end', () => {
    expect(u('a\nb', 'a\nc')).toBe('--- opened: old.xml\n+++ now: new.xml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n');
  });

  it('keeps each header on one line', () => {
    expect(unifiedDiff(lineDiff('a\n', 'b\n'), 'opened: two\nlines', 'now').split('\n')[0]).toBe('--- opened: two lines');
  });
});

const HAVE_PATCH = spawnSync('patch', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!HAVE_PATCH)('GNU patch applies the unified text (real tool)', () => {
  it('turns the old text into the new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-diff-'));
    const line = fc.constantFrom('<disk>', '</disk>', "  <source file='a'/>", '  <backingStore/>', '', 'x', 'y');
    const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.boolean()).map(([ls, eol]) => ls.join('\n') + (eol && ls.length > 0 ? '\n' : ''));
    try {
      fc.assert(
        fc.property(text, text, (a, b) => {
          const diff = u(a, b);
          fc.pre(diff !== '');
          writeFileSync(join(dir, 'old'), a);
          writeFileSync(join(dir, 'p.diff'), diff);
          const r = spawnSync('patch', ['--quiet', '--force', '-o', join(dir, 'out'), join(dir, 'old'), join(dir, 'p.diff')], { encoding: 'utf8' });
          expect(r.stderr + r.stdout).toBe('');
          expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(b);
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
