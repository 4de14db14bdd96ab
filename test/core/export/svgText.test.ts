/**
 * Text helpers of the SVG export: middleEllipsis (paths shortened in the
 * middle, keeping the file name and extension) and XML escaping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { middleEllipsis } from '../../../src/core/export/middleEllipsis';
import { esc } from '../../../src/core/export/svgText';
import { parseXml } from '../../../src/core/xml/parse';
import { isShortFormOf } from './svgRead';

const cps = (s: string): number => Array.from(s).length;
const segment = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '-', '_', '.', 'é', '😀'), minLength: 1, maxLength: 14 });
const path = fc.array(segment, { minLength: 1, maxLength: 7 }).map((s) => `/${s.join('/')}`);

describe('middleEllipsis', () => {
  it('shortens to the width, in the middle, keeping the start and the end', () => {
    fc.assert(
      fc.property(fc.oneof(path, fc.string({ unit: 'binary', maxLength: 60 })), fc.integer({ min: 2, max: 40 }), (s, max) => {
        const out = middleEllipsis(s, max);
        expect(cps(out)).toBeLessThanOrEqual(max);
        if (cps(s) <= max) expect(out).toBe(s);
        else expect(isShortFormOf(out, s)).toBe(true);
        // Astral characters are never split into halves.
        expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the whole file name whenever it fits, and the extension of one that does not', () => {
    fc.assert(
      fc.property(path, fc.integer({ min: 4, max: 40 }), (p, max) => {
        const name = p.slice(p.lastIndexOf('/') + 1);
        const out = middleEllipsis(p, max);
        if (cps(name) + 1 <= max) expect(out.endsWith(name)).toBe(true);
        const dot = name.lastIndexOf('.');
        const ext = dot > 0 ? name.slice(dot) : '';
        if (ext && cps(ext) <= max - 3) expect(out.endsWith(ext)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('cuts the directory at a whole segment', () => {
    expect(middleEllipsis('/var/lib/libvirt/images/top.qcow2', 26)).toBe('/var/lib/…/top.qcow2');
    expect(middleEllipsis('/var/lib/libvirt/images/web01.snapshot-2024-03-01T10-00.qcow2', 26)).toBe('web01.snapsho…T10-00.qcow2');
    expect(middleEllipsis('/path/to/a', 26)).toBe('/path/to/a');
    expect(middleEllipsis('abc', 1)).toBe('…');
    expect(middleEllipsis('abc', 0)).toBe('');
  });
});

describe('esc', () => {
  it('makes any string safe in element text and in a quoted attribute', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", '\u0001', '\uD800', '\uFFFE'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 40 }), (s) => {
        const r = parseXml(`<t a="${esc(s)}" b='${esc(s)}'>${esc(s)}</t>`);
        expect(r.ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
