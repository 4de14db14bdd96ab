/**
 * Changes (toolbar): the XML now against the document as opened or last
 * saved. An operation's new lines show as added with both line numbers;
 * after Save XML there is nothing since saved, while "as opened" still shows
 * the operation; Copy diff gives the unified text; Go to line puts the XML
 * pane's cursor on the change; a reload keeps comparing with the document
 * as opened. Screenshots of the dialog at 1024×768 in both themes go to
 * test-results/screenshots/.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { Editor } from './support/editor';
import { EXAMPLE } from './support/editor';
import { Ops } from './support/ops';

const IMG = '/var/lib/libvirt/images';
const CHAIN_TITLE = '3-file chain base <- mid <- top (design mail)';
/** A time of today as the browser's locale writes it (14:05, 02:05 PM). */
const TIME = String.raw`\d{1,2}:\d\d(?: [AP]M)?`;

const changes = (page: Page): Locator => page.getByRole('dialog', { name: 'Changes' });
const summary = (page: Page): Locator => changes(page).locator('.chg-summary');
const added = (page: Page): Locator => changes(page).locator('tr.chg-added');
const removed = (page: Page): Locator => changes(page).locator('tr.chg-removed');

async function openChanges(ed: Editor): Promise<Locator> {
  await ed.button('Changes').click();
  await expect(changes(ed.page)).toBeVisible();
  return changes(ed.page);
}

/** The design mail's chain, then Operations → Snapshot on its top. Returns the new overlay's `<source>` line. */
async function snapshotChain(ed: Editor, ops: Ops): Promise<string> {
  await ed.loadExample(EXAMPLE.mailChain);
  await ops.open('Snapshot');
  await ops.apply('Snapshot');
  await expect(ops.dialog).toBeHidden();
  // The overlay's file is named after its id (top.snapN.qcow2): read it from the graph's new top.
  const source = ed.node('vda[0]').locator('.sn-source');
  await expect(source).toHaveAttribute('title', new RegExp(`^${IMG}/top\\.snap\\d+\\.qcow2$`));
  return `<source file='${await source.getAttribute('title')}'/>`;
}

test('an operation shows as added lines; Save XML leaves no changes since saved, but some since opened', async ({ ed, ops, page }) => {
  const SNAP_LINE = await snapshotChain(ed, ops);
  const dialog = await openChanges(ed);
  // Only opened so far: no choice to make.
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await expect(dialog).toContainText(`compared with the document as opened: ${CHAIN_TITLE}`);
  await expect(summary(page)).toHaveText(new RegExp(`^\\d+ lines? added, \\d+ removed, in 1 place \\(since opened ${TIME}\\)\\.$`));
  // The new overlay's source line is added, numbered on the new side only.
  const snap = added(page).filter({ hasText: SNAP_LINE });
  await expect(snap).toHaveCount(1);
  await expect(snap.locator('td.chg-no')).toHaveText(['', '3']);
  await expect(snap.locator('td.chg-sign')).toHaveText('+');
  // The layers below moved one level deeper: their old lines (old numbers only) are removed, re-indented ones added.
  const oldTop = removed(page).filter({ hasText: `<source file='${IMG}/top.qcow2'/>` });
  await expect(oldTop.locator('td.chg-no')).toHaveText(['3', '']);
  await expect(oldTop.locator('td.chg-sign')).toHaveText('−');
  await expect(dialog.locator('tr.chg-context').first().locator('td.chg-no')).toHaveText(['1', '1']);

  // Escape closes it and focus is back on the button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(ed.button('Changes')).toBeFocused();

  const download = page.waitForEvent('download');
  await ed.button('Save XML').click();
  const file = await download;
  await openChanges(ed);
  await expect(summary(page)).toHaveText(new RegExp(`^No changes since saved ${TIME}\\.$`));
  await expect(dialog.getByRole('button', { name: 'Copy diff' })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: new RegExp(`^as saved ${file.suggestedFilename().replace('.', '\\.')}`) })).toBeChecked();
  await dialog.getByRole('radio', { name: /^as opened/ }).check();
  await expect(added(page).filter({ hasText: SNAP_LINE })).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(ed.button('Changes')).toBeFocused();
});

test('Copy diff copies the unified text with the document names', async ({ ed, ops, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const SNAP_LINE = await snapshotChain(ed, ops);
  const dialog = await openChanges(ed);
  await dialog.getByRole('button', { name: 'Copy diff' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Copied \d+ lines of unified diff\.$/);
  const text = await page.evaluate(() => navigator.clipboard.readText());
  const lines = text.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^--- opened: ${CHAIN_TITLE.replace(/[()]/g, '\\$&')}\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`));
  expect(lines[1]).toMatch(/^\+\+\+ now: .+\.xml\t\d{4}-/);
  expect(lines[2]).toMatch(/^@@ -1,\d+ \+1,\d+ @@$/);
  expect(lines).toContain(`+  ${SNAP_LINE}`);
});

test('Go to line closes the dialog and puts the XML cursor on the change', async ({ ed, ops }) => {
  const SNAP_LINE = await snapshotChain(ed, ops);
  const dialog = await openChanges(ed);
  await dialog.getByRole('button', { name: 'Go to line 3' }).click();
  await expect(dialog).toBeHidden();
  await expect(ed.xml).toBeFocused();
  // The cursor's line is CodeMirror's active line.
  await expect(ed.xml.locator('.cm-activeLine')).toContainText(SNAP_LINE);
});

test('a reload keeps comparing with the document as opened; undo past a load compares with the one before', async ({ ed, ops, page }) => {
  const SNAP_LINE = await snapshotChain(ed, ops);
  // Autosave runs 300 ms after the last change.
  await expect.poll(() => ed.storedSession().then((s) => String(s?.text ?? ''))).toContain(SNAP_LINE);
  await page.reload();
  await expect(ed.nodes.first()).toBeVisible();
  await openChanges(ed);
  await expect(added(page).filter({ hasText: SNAP_LINE })).toHaveCount(1);
  await expect(changes(page)).toContainText(`as opened: ${CHAIN_TITLE}`);
  await page.keyboard.press('Escape');

  await ed.loadExample(EXAMPLE.liveChain);
  await openChanges(ed);
  await expect(summary(page)).toHaveText(/^No changes since opened/);
  await page.keyboard.press('Escape');
  await ed.button('Undo').click();
  await openChanges(ed);
  await expect(changes(page)).toContainText(`as opened: ${CHAIN_TITLE}`);
  await expect(added(page).filter({ hasText: SNAP_LINE })).toHaveCount(1);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the dialog at 1024×768, ${theme} theme (screenshot)`, async ({ unopened: ed, page }, info) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await ed.open();
    await ed.select('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const ops = new Ops(ed);
    await snapshotChain(ed, ops);
    const dialog = await openChanges(ed);
    await expect(added(page).first()).toBeVisible();
    // Nothing cut: the dialog fits the window, and its lines are not wider than it.
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    const overflow = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const shoot = async (name: string) => {
      const path = `test-results/screenshots/${name}-${theme}.png`;
      await page.screenshot({ path });
      await info.attach(`${name}-${theme}`, { path, contentType: 'image/png' });
    };
    await shoot('changes');
    // Saved: the choice between the two baselines, and nothing since saved.
    await page.keyboard.press('Escape');
    const download = page.waitForEvent('download');
    await ed.button('Save XML').click();
    await download;
    await openChanges(ed);
    await expect(summary(page)).toHaveText(/^No changes since saved/);
    await shoot('changes-saved');
  });
}
