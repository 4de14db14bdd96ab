/**
 * The graph zoomed far out (below 0.35): nodes are bare boxes and the links
 * are one SVG of Strata's own (views/graph/FarEdges.tsx), not React Flow's
 * edges. A drag there moves the node and its links in place (DragSteps) and
 * commits once on drop: the links must follow the node during the drag, end
 * at its handles after the drop, come back with Undo, and be React Flow's
 * edges again once zoomed back in.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { EXAMPLE, boxOf } from './support/editor';

type Point = { x: number; y: number };

/** The screen points where a far link starts and ends. */
async function endsOf(path: Locator): Promise<{ from: Point; to: Point }> {
  return path.evaluate((el) => {
    const p = el as SVGPathElement;
    const m = p.getScreenCTM()!;
    const at = (len: number) => new DOMPoint(p.getPointAtLength(len).x, p.getPointAtLength(len).y).matrixTransform(m);
    const a = at(0);
    const b = at(p.getTotalLength());
    return { from: { x: a.x, y: a.y }, to: { x: b.x, y: b.y } };
  });
}

const near = (a: Point, b: Point, what: string, tolerance = 3): void => {
  expect.soft(Math.abs(a.x - b.x), `${what}: x ${a.x} vs ${b.x}`).toBeLessThanOrEqual(tolerance);
  expect.soft(Math.abs(a.y - b.y), `${what}: y ${a.y} vs ${b.y}`).toBeLessThanOrEqual(tolerance);
};

async function zoomUntil(page: Page, far: boolean): Promise<void> {
  const button = page.locator(far ? '.react-flow__controls-zoomout' : '.react-flow__controls-zoomin');
  for (let i = 0; i < 20 && (await page.locator('.sn-far').count() > 0) !== far; i++) {
    await button.click();
    await page.waitForTimeout(120);
  }
  await expect(page.locator('.sn-far').first()).toBeVisible({ visible: far });
}

test('zoomed far out, a dragged node takes its links along, and Undo brings both back', async ({ ed, page }) => {
  await ed.loadExample(EXAMPLE.mailChain);
  await expect(ed.edges).toHaveCount(2);
  await zoomUntil(page, true);
  // React Flow draws no edges here: the two links are paths of the far layer.
  await expect(ed.edges).toHaveCount(0);
  const links = page.locator('.far-edges:not(.far-edges-live) g[data-id] path');
  await expect(links).toHaveCount(2);

  const mid = ed.node('vda[1]');
  await ed.waitStill(mid);
  const start = await boxOf(mid);
  const top = await boxOf(ed.node('vda[0]'));
  // The link into vda[1] (from vda[0] above) ends on vda[1]'s top edge, the link out of it starts at its bottom.
  const id = await mid.getAttribute('data-id');
  const into = `g[data-id$="->${id}"] path`;
  const out = `g[data-id^="${id}->"] path`;
  near((await endsOf(page.locator(`.far-edges ${into}`))).to, { x: start.x + start.width / 2, y: start.y }, 'link into vda[1], before');
  near((await endsOf(page.locator(`.far-edges ${out}`))).from, { x: start.x + start.width / 2, y: start.y + start.height }, 'link out of vda[1], before');
  near((await endsOf(page.locator(`.far-edges ${into}`))).from, { x: top.x + top.width / 2, y: top.y + top.height }, 'link from vda[0], before');

  const from = { x: start.x + start.width / 2, y: start.y + start.height / 2 };
  const d = { x: 90, y: 25 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // React Flow starts the drag at the first move past its threshold (here the first step, 2 px) and moves the node by
  // what follows: the node ends 2 px short of the mouse's whole way.
  await page.mouse.move(from.x + 4, from.y + 4, { steps: 2 });
  const way = { x: d.x - 2, y: d.y - 2 };
  await page.mouse.move(from.x + d.x / 2, from.y + d.y / 2, { steps: 6 });
  await page.mouse.move(from.x + d.x, from.y + d.y, { steps: 6 });
  // Mid-drag: the node's two links are in the live layer and follow it.
  await expect(page.locator('.far-edges-live g[data-id] path')).toHaveCount(2);
  await expect(links).toHaveCount(0);
  // A step is drawn at the next frame: wait for the last one.
  await expect.poll(async () => Math.abs((await boxOf(mid)).x - (start.x + way.x))).toBeLessThan(1);
  const during = await boxOf(mid);
  near({ x: during.x, y: during.y }, { x: start.x + way.x, y: start.y + way.y }, 'node under the mouse');
  near((await endsOf(page.locator(`.far-edges-live ${into}`))).to, { x: during.x + during.width / 2, y: during.y }, 'link into vda[1], mid-drag');
  await page.mouse.up();

  // Dropped: every link back in the one layer, ending at the node where it now is, and the move is in the document.
  await expect(page.locator('.far-edges-live')).toHaveCount(0);
  await expect(links).toHaveCount(2);
  const after = await boxOf(mid);
  near({ x: after.x, y: after.y }, { x: start.x + way.x, y: start.y + way.y }, 'node after the drop');
  near((await endsOf(page.locator(`.far-edges ${into}`))).to, { x: after.x + after.width / 2, y: after.y }, 'link into vda[1], after');
  near((await endsOf(page.locator(`.far-edges ${out}`))).from, { x: after.x + after.width / 2, y: after.y + after.height }, 'link out of vda[1], after');
  near((await endsOf(page.locator(`.far-edges ${into}`))).from, { x: top.x + top.width / 2, y: top.y + top.height }, 'link from vda[0], after (not moved)');
  await expect(ed.button('Undo')).toBeEnabled();

  await ed.button('Undo').click();
  await expect.poll(async () => Math.round((await boxOf(mid)).x)).toBe(Math.round(start.x));
  near((await endsOf(page.locator(`.far-edges ${into}`))).to, { x: start.x + start.width / 2, y: start.y }, 'link into vda[1], after Undo');

  // Zoomed back in, React Flow's own edges are drawn again and the far layer is gone.
  await zoomUntil(page, false);
  await expect(ed.edges).toHaveCount(2);
  await expect(page.locator('.far-edges')).toHaveCount(0);
  expect(ed.errors).toEqual([]);
});
