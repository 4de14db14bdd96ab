/**
 * The first hour (issue 10), as a student and as a sysadmin would meet it:
 * the first load and its three ways in, a view that follows the document,
 * text that fits, one message per operation, marks, links that can be
 * selected, removed and re-pointed, overlay names that do not pile up, and
 * lessons whose Next and dialogs stay in sight.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { EXAMPLE, SEL, WEB01_NODES, boxOf } from './support/editor';
import { SYSADMIN_DUMPXML } from './support/dumpxml';

type Box = { x: number; y: number; width: number; height: number };
const inside = (b: Box, outer: Box): boolean => b.x >= outer.x - 1 && b.y >= outer.y - 1 && b.x + b.width <= outer.x + outer.width + 1 && b.y + b.height <= outer.y + outer.height + 1;
const overlap = (a: Box, b: Box): boolean => Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);

async function viewport(page: Page): Promise<string> {
  return page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
}

/** Every node box lies inside the graph pane (no disk off screen). */
async function allNodesInView(page: Page, nodes: Locator, graph: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const pane = await boxOf(graph);
      const boxes = await Promise.all((await nodes.all()).map((n) => boxOf(n)));
      return boxes.filter((b) => !inside(b, pane)).length;
    }, { message: 'nodes outside the graph pane' })
    .toBe(0);
}

test.describe('first load', () => {
  test('a running libvirt guest, a welcome line with the three ways in, no problems, no empty inspector', async ({ unopened: ed, page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await ed.open({ example: null });
    await ed.expectGraph(WEB01_NODES);
    await expect(ed.select('Dialect')).toHaveValue('libvirt');
    const welcome = page.getByRole('region', { name: 'Welcome' });
    await expect(welcome).toBeVisible();
    await expect(welcome.getByRole('button', { name: 'Start the first lesson' })).toBeVisible();
    await expect(welcome.getByRole('button', { name: /Paste your virsh dumpxml/ })).toBeVisible();
    await expect(welcome.getByLabel('Open an example')).toBeVisible();
    // The built-in example has nothing wrong with it, and nothing is selected: no problems list, no inspector.
    await expect(ed.problems).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Status' })).toContainText('No problems');
    await expect(ed.inspector).toHaveCount(0);
    // Lessons are a first-class entry in the toolbar.
    await expect(ed.toolbar.getByRole('button', { name: 'Lessons', exact: true })).toBeVisible();
    await allNodesInView(page, ed.nodes, ed.graph);

    // One click to the first lesson.
    await welcome.getByRole('button', { name: 'Start the first lesson' }).click();
    const lessons = page.getByRole('region', { name: 'Lessons' });
    await expect(lessons.getByRole('heading', { level: 2 })).toHaveText('What a backing chain is');
    await expect(lessons.locator('.ls-steps > li[aria-current=step]')).toHaveCount(1);

    // Dismissed, the welcome stays away after a reload.
    await welcome.getByRole('button', { name: 'Dismiss the welcome line' }).click();
    await expect(welcome).toHaveCount(0);
    await page.reload();
    await expect(ed.nodes.first()).toBeVisible();
    await expect(welcome).toHaveCount(0);
  });

  test('"Paste your virsh dumpxml" selects the XML, and a pasted three-disk dump fits at 1024 px', async ({ unopened: ed, page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await ed.open({ example: null });
    await page.getByRole('button', { name: /Paste your virsh dumpxml/ }).click();
    await expect(ed.xml).toBeFocused();
    await ed.pasteXml(SYSADMIN_DUMPXML);
    await ed.applyXml();
    await ed.expectGraph([
      { address: 'vda[0]', id: '[5]' },
      { address: 'vda[1]', id: '[3]' },
      { address: 'vda[2]', id: '[4]' },
      { address: 'vdb[0]', id: '[2]' },
      { address: 'sda[0]', id: '[1]' },
    ]);
    for (const t of ['vda', 'vdb', 'sda']) await expect(ed.frame(t)).toBeVisible();
    await allNodesInView(page, page.locator('.react-flow__node'), ed.graph);
  });
});

test.describe('a view that follows', () => {
  test('a click never pans; snapshots that grow the chain stay in view; the controls cover no node', async ({ ed, ops, page }) => {
    await ed.loadExample(EXAMPLE.web01);
    await ed.waitStill(ed.node('vda[0]'));
    const before = await viewport(page);
    await ed.clickNode('vda[2]');
    await page.waitForTimeout(300);
    expect(await viewport(page)).toBe(before);
    for (let i = 0; i < 4; i++) {
      await ops.open('Snapshot');
      await ops.apply('Snapshot');
      await expect(ed.nodes).toHaveCount(5 + i);
    }
    await allNodesInView(page, ed.nodes, ed.graph);
    const controls = await boxOf(page.locator('.react-flow__controls'));
    for (const n of await ed.nodes.all()) expect(overlap(await boxOf(n), controls), 'a node under the zoom controls').toBe(false);
  });
});

test.describe('text that fits', () => {
  test('long paths keep their file name and extension; the full path is on hover and in the inspector', async ({ ed, page }) => {
    await ed.pasteXml(SYSADMIN_DUMPXML);
    await ed.applyXml();
    const src = ed.node('vda[0]').locator('.sn-source');
    await expect(src).toHaveAttribute('title', '/var/lib/libvirt/images/production/web01.snap-20240301.qcow2');
    await expect(src).toHaveText(/…/);
    await expect(src).toHaveText(/web01\.snap-20240301\.qcow2$/);
    // The text is not clipped by its box either.
    expect(await src.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
    await ed.clickNode('vda[0]');
    const path = ed.inspector.getByRole('textbox', { name: /^(Source|Path|File)/ }).first();
    await expect(path).toHaveValue('/var/lib/libvirt/images/production/web01.snap-20240301.qcow2');
    expect(await path.evaluate((el: HTMLInputElement) => el.scrollWidth - el.clientWidth), 'the path field shows the whole path').toBeLessThanOrEqual(2);
    // The disk frame's header is one line above its top node.
    const head = await boxOf(ed.frame('vda').locator('.frame-head, [class*=frame-head]').first());
    const top = await boxOf(ed.node('vda[0]'));
    expect(head.y + head.height).toBeLessThanOrEqual(top.y + 1);
    await expect(page.getByRole('checkbox', { name: 'Wrap lines' })).toBeChecked();
  });
});

test.describe('one message, once', () => {
  test('a snapshot gives one short toast, the graph marks the new node, the detail is in What happened', async ({ ed, ops, page }) => {
    await ed.loadExample(EXAMPLE.web01);
    await ops.open('Snapshot');
    await ops.apply('Snapshot');
    await expect(ed.notice).toHaveText(/^Snapshot: vda: new vda\[5\] on vda\[4\]/);
    await expect(ed.notice).toHaveCount(1);
    // Said once: not repeated in the toast, and "What happened" tells the whole story.
    await expect(ed.notice).not.toContainText('read-only backing file');
    await expect(ops.message).toContainText('read-only backing file');
    await expect(ed.node('vda[0]').locator('.sn-mark-new')).toBeVisible();
    await expect(ed.node('vda[1]').locator('.sn-mark-was')).toHaveCount(0); // running: ids stay, only positions move
    // The toast covers no XML line.
    const toast = await boxOf(ed.notice);
    const xml = await boxOf(page.getByTestId('xml-pane'));
    expect(overlap(toast, xml), 'the toast over the XML').toBe(false);
  });

  test('a commit marks what it removed on the node that used it', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ops.open('Commit');
    await ops.choose('Top', 'vda[1]');
    await ops.choose('Base', 'vda[2]');
    await ops.apply('Commit');
    await expect(ed.nodes).toHaveCount(2);
    await expect(ed.node('vda[0]').locator('.sn-mark-lost')).toHaveText('−1 below');
  });
});

test.describe('links', () => {
  test('a link reads as what it means, is selected by a click, and Delete asks how the chain ends', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.web01);
    const edge = page.locator('.react-flow__edge').and(page.getByLabel('vda[3] rhel9-base.qcow2 is the backing file of vda[2] web01.qcow2', { exact: true }));
    await expect(edge).toHaveCount(1);
    await edge.focus();
    await page.keyboard.press('Enter');
    const link = page.getByRole('region', { name: 'Link' });
    await expect(link).toContainText('vda[3] rhel9-base.qcow2 is the backing file of vda[2] web01.qcow2.');
    await page.keyboard.press('Delete');
    const ask = link.getByRole('group', { name: 'How should the chain end?' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: 'It ends here (terminated)' }).click();
    await expect(ed.nodes).toHaveCount(3);
    await expect(ed.node('vda[1]').locator(SEL.endTerminated)).toHaveCount(1); // position 1: web01.qcow2, now the base
    await expect(ed.node('vda[1]').locator('.sn-mark-lost')).toHaveText('−1 below');
    await ed.button('Undo').click();
    await expect(ed.nodes).toHaveCount(4);
  });
});

test.describe('connections', () => {
  test('a link dropped on a node body, not its handle, says how it works instead of doing nothing', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const before = await ed.xmlText();
    // The view settles first (a fit after the load): boxes taken while it moves miss the handle and drag the node.
    await ed.waitStill(ed.node('vda[2]'));
    await ed.waitStill(ed.node('vda[0]'));
    const from = await boxOf(ed.node('vda[2]').locator(SEL.handleBottom));
    const body = await boxOf(ed.node('vda[0]').locator(SEL.source));
    await ed.mouseDrag({ x: from.x + from.width / 2, y: from.y + from.height / 2 }, { x: body.x + body.width / 2, y: body.y + 4 }, 16);
    await expect(ed.notice).toContainText('Drop the link on the top handle');
    expect(await ed.xmlText()).toBe(before);
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  });
});

test.describe('default names', () => {
  test('overlays are numbered, never stacked, and a qcow2 overlay on a raw image ends in .qcow2', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.web01);
    for (let i = 0; i < 3; i++) {
      await ops.open('Snapshot');
      await ops.apply('Snapshot');
    }
    const sources = await ed.nodes.locator('.sn-source').evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(sources.filter((s) => /web01\.snap\d+\.qcow2$/.test(s)).sort()).toEqual([
      '/var/lib/libvirt/images/web01.snap1.qcow2',
      '/var/lib/libvirt/images/web01.snap2.qcow2',
      '/var/lib/libvirt/images/web01.snap3.qcow2',
      '/var/lib/libvirt/images/web01.snap4.qcow2',
    ]);
    expect(sources.some((s) => /\.snap\d+\.snap/.test(s))).toBe(false);
  });
});

test.describe('lessons', () => {
  test('after "Lesson complete" the next lesson is one visible click away, and a dialog opens beside the steps', async ({ ed, ops, page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await ed.button('Lessons').click();
    const panel = page.getByRole('region', { name: 'Lessons' });
    await panel.getByRole('button', { name: 'Start lesson', exact: true }).click();
    await panel.getByRole('button', { name: 'Read block', exact: true }).click();
    await panel.getByRole('button', { name: 'Write block', exact: true }).click();
    await panel.getByRole('button', { name: 'Read block', exact: true }).click();
    await expect(panel.getByText('✓ Lesson complete')).toBeVisible();
    const next = panel.getByRole('button', { name: /^Next lesson: / });
    await expect(next).toBeInViewport();
    await next.click();
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(/Snapshots and node ids/);
    await ops.open('Snapshot');
    const dialog = await boxOf(ops.dialog);
    const steps = await boxOf(panel.locator('.ls-steps'));
    expect(overlap(dialog, steps), 'the dialog over the lesson steps').toBe(false);
    await expect(ed.nodes.first()).toBeVisible();
  });
});
