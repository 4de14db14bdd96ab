/**
 * The main panes are visible and do not overlap at the window sizes people
 * use (1024×768 up to 1920×1080); nothing in the toolbar or the document bar
 * is cut; screenshots for a human look.
 */
import { expect, test } from './support/fixtures';
import type { Locator, Page } from '@playwright/test';
import { EXAMPLE, Editor, boxOf } from './support/editor';

const SCREENS = 'test-results/screens';

type Box = { x: number; y: number; width: number; height: number };

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

async function checkPanes(page: Page, ed: Editor, size: { width: number; height: number }): Promise<void> {
  const panes: Record<string, Locator> = {
    toolbar: ed.toolbar,
    graph: ed.graph,
    side: page.locator('.pane-side'),
    xml: page.getByTestId('xml-pane'),
    // The problems and "What happened" panels, or the one-line strip that stands for them when they have nothing to say.
    bottom: page.locator('.bottom-strip, .pane-bottom'),
  };
  await expect(ed.inspector).toBeVisible();
  await expect(ed.xml).toBeVisible();
  // Nothing in the bars is cut or pushed out of the window: every control shows whole.
  for (const bar of [ed.toolbar, page.locator('.subbar')]) {
    const over = await bar.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect.soft(over, 'bar overflows sideways').toBeLessThanOrEqual(1);
    for (const c of await bar.locator('button:visible, select:visible, label:visible').all()) {
      const b = await boxOf(c);
      expect.soft(b.x + b.width, `${(await c.textContent())?.trim()} inside the window`).toBeLessThanOrEqual(size.width + 0.5);
    }
  }
  await expect(ed.select('Dialect')).toBeVisible();
  await expect(ed.select('Guest state')).toBeVisible();
  const boxes: Record<string, Box> = {};
  for (const [name, l] of Object.entries(panes)) {
    const b = await boxOf(l);
    boxes[name] = b;
    expect.soft(b.width, `${name} width`).toBeGreaterThan(120);
    // The bottom strip is one line of text; every other pane has room to work in.
    expect.soft(b.height, `${name} height`).toBeGreaterThan(name === 'bottom' ? 22 : 36);
    expect.soft(b.x, `${name} left edge`).toBeGreaterThanOrEqual(0);
    expect.soft(b.y, `${name} top edge`).toBeGreaterThanOrEqual(0);
    expect.soft(b.x + b.width, `${name} right edge`).toBeLessThanOrEqual(size.width + 0.5);
    expect.soft(b.y + b.height, `${name} bottom edge`).toBeLessThanOrEqual(size.height + 0.5);
  }
  const names = Object.keys(boxes);
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      expect.soft(overlapArea(boxes[names[i]!]!, boxes[names[j]!]!), `${names[i]} overlaps ${names[j]}`).toBeLessThan(2);
    }
  }
  // The graph is the biggest pane, and every node of the document is inside it.
  expect.soft(boxes.graph!.width).toBeGreaterThan(240);
  for (const n of await ed.nodes.all()) {
    const b = await boxOf(n);
    expect.soft(overlapArea(b, boxes.graph!), 'node inside the graph pane').toBeGreaterThan(b.width * b.height * 0.9);
  }
  // Nodes do not overlap each other.
  const nodeBoxes = await Promise.all((await ed.nodes.all()).map((n) => boxOf(n)));
  for (let i = 0; i < nodeBoxes.length; i++) {
    for (let j = i + 1; j < nodeBoxes.length; j++) expect.soft(overlapArea(nodeBoxes[i]!, nodeBoxes[j]!), `nodes ${i}/${j} overlap`).toBeLessThan(1);
  }
}

for (const size of [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  test(`layout at ${size.width}x${size.height}: panes visible, not overlapping (screenshots)`, async ({ unopened: ed, page }) => {
    await page.setViewportSize(size);
    await ed.open();
    await ed.clickNode('hda[2]');
    // Wait for the graph's fit/centre animations to settle before measuring.
    await ed.waitStill(ed.node('hda[0]'));
    await checkPanes(page, ed, size);
    const tag = `${size.width}x${size.height}`;
    await page.screenshot({ path: `${SCREENS}/quorum-selected-${tag}.png` });

    await ed.loadExample(EXAMPLE.multiDisk);
    await expect(ed.nodes).toHaveCount(4);
    await ed.select('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await ed.clickNode('vda[0]');
    await ed.waitStill(ed.node('vda[0]'));
    await checkPanes(page, ed, size);
    await page.screenshot({ path: `${SCREENS}/multi-disk-dark-${tag}.png` });

    await ed.select('Theme').selectOption('light');
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.replaceLine("<source file='/var/lib/libvirt/images/mid.qcow2'/>", '<source file=/var/lib/libvirt/images/mid.qcow2/>');
    await ed.applyXml();
    await expect(ed.staleBanner).toBeVisible();
    await page.screenshot({ path: `${SCREENS}/stale-${tag}.png` });
  });
}
