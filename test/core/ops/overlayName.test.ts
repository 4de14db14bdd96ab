/** Default overlay names from a pattern (src/core/ops/overlayName.ts). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERLAY_PATTERN, overlayName, overlayStem, patternReason } from '../../../src/core/ops/overlayName';

const IMG = '/var/lib/libvirt/images';
const name = (base: string | null, used: string[] = [], pattern?: string, extra: { format?: string; id?: number } = {}) =>
  overlayName({ base, target: 'vda', format: extra.format ?? 'qcow2', id: extra.id ?? 7, used: new Set(used), date: '20261201' }, pattern);

describe('overlayName, default pattern', () => {
  it('NAME.snapN.qcow2 next to the image, N from 1', () => {
    expect(DEFAULT_OVERLAY_PATTERN).toBe('{name}.snap{n}.{ext}');
    expect(name(`${IMG}/web01.qcow2`, [`${IMG}/web01.qcow2`])).toBe(`${IMG}/web01.snap1.qcow2`);
  });

  it('replaces an earlier .snapN instead of stacking, and counts on from the highest in the document', () => {
    const used = [`${IMG}/web01.snap1.qcow2`, `${IMG}/web01.qcow2`];
    expect(name(`${IMG}/web01.snap1.qcow2`, used)).toBe(`${IMG}/web01.snap2.qcow2`);
    expect(name(`${IMG}/web01.snap2.qcow2`, [`${IMG}/web01.snap2.qcow2`, `${IMG}/web01.snap7.qcow2`])).toBe(`${IMG}/web01.snap8.qcow2`);
    // Names that already stacked come back to their stem.
    expect(name(`${IMG}/base.snap1.snap2.snap3.qcow2`, [])).toBe(`${IMG}/base.snap1.qcow2`);
  });

  it('the extension is the overlay format\'s, not the image below\'s', () => {
    expect(name(`${IMG}/vm.raw`)).toBe(`${IMG}/vm.snap1.qcow2`);
    expect(name(`${IMG}/vm.snap4`)).toBe(`${IMG}/vm.snap1.qcow2`);
    expect(name(`${IMG}/vm`)).toBe(`${IMG}/vm.snap1.qcow2`);
  });

  it('a block device or a network source: a file in libvirt\'s images directory', () => {
    expect(name('/dev/vg0/web01')).toBe(`${IMG}/web01.snap1.qcow2`);
    expect(name(null)).toBe(`${IMG}/vda.snap1.qcow2`);
  });

  it('skips a name in use', () => {
    expect(name(`${IMG}/a.qcow2`, [`${IMG}/a.snap1.qcow2`])).toBe(`${IMG}/a.snap2.qcow2`);
  });
});

describe('overlayName, the user\'s pattern', () => {
  it('{date}, {id} and {n} fields', () => {
    expect(name(`${IMG}/web01.qcow2`, [], '{name}-{date}-{n}.{ext}')).toBe(`${IMG}/web01-20261201-1.qcow2`);
    expect(name(`${IMG}/web01.qcow2`, [], '{name}.overlay{id}.{ext}')).toBe(`${IMG}/web01.overlay7.qcow2`);
  });

  it('strips what the pattern itself added, so its names do not stack either', () => {
    expect(name(`${IMG}/web01-20261130-3.qcow2`, [`${IMG}/web01-20261130-3.qcow2`], '{name}-{date}-{n}.{ext}')).toBe(`${IMG}/web01-20261201-1.qcow2`);
    expect(overlayStem('web01.overlay12.qcow2', '{name}.overlay{id}.{ext}')).toBe('web01');
  });

  it('refuses a pattern that cannot give each overlay its own name', () => {
    expect(patternReason('')).toMatch(/empty/);
    expect(patternReason('{name}.qcow2')).toMatch(/\{n\} or \{id\}/);
    expect(patternReason('{name}.{when}.qcow2')).toMatch(/unknown field \{when\}/);
    expect(patternReason('../{name}.snap{n}.{ext}')).toMatch(/without "\/"/);
    expect(patternReason(DEFAULT_OVERLAY_PATTERN)).toBeNull();
  });
});
