/** Paths shortened for display keep the file name and extension (src/core/text/fitPath.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPath, middleEllipsis } from '../../../src/core/text/fitPath';

const len = (s: string) => [...s].length;

describe('fitPath', () => {
  it('a path that fits is unchanged', () => {
    expect(fitPath('/img/a.qcow2', 20)).toBe('/img/a.qcow2');
  });

  it('the directory goes first; the whole file name stays', () => {
    expect(fitPath('/var/lib/libvirt/images/web01.snap-20240301.qcow2', 36)).toBe('/var/lib/…/web01.snap-20240301.qcow2');
    expect(fitPath('/var/lib/libvirt/images/web01.snap-20240301.qcow2', 33)).toBe('/var/…/web01.snap-20240301.qcow2');
    // Only the root fits before the name.
    expect(fitPath('/var/lib/libvirt/images/web01.snap-20240301.qcow2', 30)).toBe('/…/web01.snap-20240301.qcow2');
    // Room for the name and an ellipsis only: the slash goes, the name stays whole.
    expect(fitPath('/var/lib/libvirt/images/web01.snap-20240301.qcow2', 26)).toBe('…web01.snap-20240301.qcow2');
  });

  it('a file name too long alone keeps its extension and loses its middle', () => {
    const p = '/var/lib/libvirt/images/web01-production-database.snap-20240301.qcow2';
    const f = fitPath(p, 26);
    expect(f.startsWith('…/web01')).toBe(true);
    expect(f.endsWith('.qcow2')).toBe(true);
    expect(len(f)).toBe(26);
  });

  it('for any path and width ≥ 8: at most that wide, the extension kept when the name had one', () => {
    const seg = fc.stringMatching(/^[a-z0-9._😀-]{1,20}$/u);
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 6 }), fc.constantFrom('.qcow2', '.img', '.iso'), fc.integer({ min: 12, max: 60 }), (segs, ext, max) => {
        const path = `/${segs.join('/')}${ext}`;
        const f = fitPath(path, max);
        expect(len(f)).toBeLessThanOrEqual(Math.max(max, len(path) <= max ? len(path) : max));
        if (len(path) > max) expect(f.endsWith(ext)).toBe(true);
        else expect(f).toBe(path);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('middleEllipsis', () => {
  it('keeps both ends and never splits a character', () => {
    expect(middleEllipsis('abcdefghij', 5)).toBe('ab…ij');
    expect(middleEllipsis('😀😀😀😀😀😀', 4)).toBe('😀😀…😀');
    expect(middleEllipsis('short', 10)).toBe('short');
  });
});
