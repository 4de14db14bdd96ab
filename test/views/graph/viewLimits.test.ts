/** How far a big graph may zoom out, and where it opens (src/views/graph/viewLimits.ts). */
import { describe, expect, it } from 'vitest';
import { BASE_MIN_ZOOM, MAX_ON_SCREEN, OPEN_ON_SCREEN, OPEN_ZOOM, minZoomFor, onScreen, openZoomFor } from '../../../src/views/graph/viewLimits';

/** A row of `disks` disks of two nodes (and a frame) each, as core/layout places them: 310 px apart, 466 px tall. */
const row = (disks: number) => ({ box: { x: 0, y: 0, width: disks * 310, height: 466 }, count: disks * 3 });
/** `disks` disks of `levels` expanded layers each: a dense graph, 152 px per level. */
const block = (disks: number, levels: number) => ({ box: { x: 0, y: 0, width: disks * 310, height: levels * 152 }, count: disks * (levels + 1) });

describe('viewLimits', () => {
  it('a graph of MAX_ON_SCREEN nodes or fewer is not limited: it fits whole', () => {
    const r = row(MAX_ON_SCREEN / 3);
    expect(minZoomFor(r.box, r.count, 900, 700)).toBe(BASE_MIN_ZOOM);
  });

  it('a 2,000-disk row is long but thin: even zoomed fully out few of its nodes are in view, so no limit', () => {
    const r = row(2000);
    expect(onScreen(r.box, r.count, 900, 700, BASE_MIN_ZOOM)).toBeLessThan(MAX_ON_SCREEN);
    expect(minZoomFor(r.box, r.count, 900, 700)).toBe(BASE_MIN_ZOOM);
    // It opens closer: legible (OPEN_ZOOM), so with far fewer than OPEN_ON_SCREEN nodes in view.
    const open = openZoomFor(r.box, r.count, 900, 700);
    expect(open).toBe(OPEN_ZOOM);
    expect(onScreen(r.box, r.count, 900, 700, open)).toBeLessThanOrEqual(OPEN_ON_SCREEN);
    expect(onScreen(r.box, r.count, 900, 700, open)).toBeGreaterThan(6);
  });

  it('30 disks of 100 expanded layers: at the least zoom about MAX_ON_SCREEN nodes are in view, never more', () => {
    const r = block(30, 100);
    const z = minZoomFor(r.box, r.count, 900, 700);
    expect(z).toBeGreaterThan(BASE_MIN_ZOOM);
    const seen = onScreen(r.box, r.count, 900, 700, z);
    expect(seen).toBeLessThanOrEqual(MAX_ON_SCREEN);
    expect(seen).toBeGreaterThan(MAX_ON_SCREEN * 0.95);
    // Opening: fewer nodes in view, so a closer zoom.
    const open = openZoomFor(r.box, r.count, 900, 700);
    expect(open).toBeGreaterThan(z);
    expect(onScreen(r.box, r.count, 900, 700, open)).toBeLessThanOrEqual(OPEN_ON_SCREEN);
  });

  it('a bigger pane allows less zoom for the same number of nodes in view; the least zoom stays at most 1', () => {
    const r = block(30, 100);
    expect(minZoomFor(r.box, r.count, 1800, 1000)).toBeGreaterThan(minZoomFor(r.box, r.count, 900, 700));
    expect(minZoomFor({ x: 0, y: 0, width: 200, height: 90 }, 10_000, 900, 700)).toBeLessThanOrEqual(1);
  });
});
