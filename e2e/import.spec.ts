/**
 * Import from host (toolbar: Import…): a real `qemu-img info --backing-chain`
 * output opens as a document in one undo step; text no tool printed gets the
 * importer's message and changes nothing; "Compare with this document" on
 * web01 against a QMP query-named-block-nodes output lists the
 * disagreements, draws the layer only the host has as a ghost and marks the
 * layer that differs, and each Fix is one undo step. The outputs are the
 * real ones the core tests use (test/core/import/fixtures, captured from
 * qemu-img, QEMU and libvirt); the web01 ones are real nodes of QEMU's
 * output renamed to web01's files. Screenshots at 1440×900 in both themes go
 * to test-results/screens/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { Editor } from './support/editor';

const FIXTURES = join(process.cwd(), 'test/core/import/fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const IMG = '/var/lib/libvirt/images';

type QmpNode = Record<string, unknown> & { 'node-name': string; file: string; backing_file?: string };
const REAL: readonly QmpNode[] = (JSON.parse(fixture('virsh/named-nodes-flat.json')) as { return: QmpNode[] }).return;

/**
 * One image as QEMU lists it (its format and storage nodes), taken from a
 * real node of the saved output and given another libvirt index, file and
 * backing file: the shape stays exactly what QEMU prints.
 */
function image(from: number, index: number, file: string, backing: string | null): QmpNode[] {
  return ['format', 'storage'].map((part) => {
    const real = REAL.find((n) => n['node-name'] === `libvirt-${from}-${part}`)!;
    let s = JSON.stringify(real).replaceAll(`"libvirt-${from}-`, `"libvirt-${index}-`).replaceAll(real.file, file);
    if (real.backing_file && backing) s = s.replaceAll(real.backing_file, backing);
    return JSON.parse(s) as QmpNode;
  });
}

const TOP = image(6, 4, `${IMG}/web01.snap1.qcow2`, `${IMG}/web01.qcow2`);
const CDROM = image(8, 1, `${IMG}/rhel-9.3-x86_64-boot.iso`, null);
/** web01 as QEMU runs it, with one layer more than the XML: rhel9-base.qcow2 is backed by rhel9-gold.raw. */
const ONE_MORE_LAYER = JSON.stringify({
  return: [...TOP, ...image(7, 2, `${IMG}/web01.qcow2`, `${IMG}/rhel9-base.qcow2`), ...image(7, 3, `${IMG}/rhel9-base.qcow2`, `${IMG}/rhel9-gold.raw`), ...image(8, 5, `${IMG}/rhel9-gold.raw`, null), ...CDROM],
});
/** web01 as QEMU runs it, its base image opened as raw where the XML says qcow2. */
const OTHER_FORMAT = JSON.stringify({ return: [...TOP, ...image(7, 2, `${IMG}/web01.qcow2`, `${IMG}/rhel9-base.qcow2`), ...image(8, 3, `${IMG}/rhel9-base.qcow2`, null), ...CDROM] });

const dialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Import from host' });
const output = (page: Page, n: number): Locator => dialog(page).getByRole('textbox', { name: `Output ${n}`, exact: true });
const disagreements = (page: Page): Locator => dialog(page).getByRole('list', { name: 'Disagreements' }).getByRole('listitem');
const ghosts = (page: Page): Locator => page.locator('.react-flow__node[data-ghost]');

async function openImport(ed: Editor): Promise<Locator> {
  await ed.button('Import…').click();
  await expect(dialog(ed.page)).toBeVisible();
  return dialog(ed.page);
}

async function compareWith(ed: Editor, text: string): Promise<void> {
  const d = await openImport(ed);
  await output(ed.page, 1).fill(text);
  await expect(d.getByLabel('Format of output 1')).toHaveText('QMP query-named-block-nodes');
  await d.getByRole('button', { name: 'Compare with this document' }).click();
  await expect(d.getByRole('region', { name: 'Comparison with the host' })).toBeVisible();
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/import-${name}.png` });
}

test('a real qemu-img info --backing-chain output opens as the document; Undo brings the example back', async ({ ed, page }) => {
  const before = await ed.shown();
  const d = await openImport(ed);
  await output(page, 1).fill(fixture('qemu-img/chain.json'));
  await expect(d.getByLabel('Format of output 1')).toHaveText('qemu-img info (JSON)');
  await expect(d).toContainText('qemu-img info --backing-chain --output=json -U /path/top.qcow2');
  await expect(d.getByRole('region', { name: 'Import result' })).toContainText('Reads as vda (3 layers)');
  // The import's own finding: qemu-img names no target, so the disk is called vda, and says so.
  await expect(d.getByRole('list', { name: 'Import findings' })).toContainText('import-guessed');
  await d.getByRole('button', { name: 'Open as document' }).click();
  await expect(d.getByRole('status')).toContainText('Opened as the document');

  await expect(ed.nodes).toHaveCount(3);
  // An offline document: the ids are the ones libvirt would give at start, top first.
  await ed.expectNode('vda[0]', 1, `${IMG}/top.qcow2`);
  await ed.expectNode('vda[1]', 2, `${IMG}/mid.qcow2`);
  await ed.expectNode('vda[2]', 3, `${IMG}/base.raw`);
  await expect(ed.node('vda[2]').locator('.sn-format')).toHaveText('raw');
  await expect(ed.node('vda[2]').locator('.sn-end-terminated')).toHaveCount(1);

  await ed.button('Undo').click();
  await ed.expectGraph(before);
});

test('text no tool printed: the importer says what it expected, nothing opens, the text stays', async ({ ed, page }) => {
  const before = await ed.shown();
  const xml = await ed.xmlText();
  const d = await openImport(ed);
  const garbage = 'hello, this is not\nwhat any tool prints';
  await output(page, 1).fill(garbage);
  await expect(d.getByLabel('Format of output 1')).toHaveText('not recognised');
  const alert = d.getByRole('region', { name: 'Import result' }).getByRole('alert');
  await expect(alert).toContainText('Strata cannot tell what printed output 1');
  await expect(alert).toContainText('qemu-img info --output=json');
  await expect(d.getByRole('button', { name: 'Open as document' })).toBeDisabled();
  // JSON of the wrong shape is told apart from text: the message names the outputs it expected.
  await output(page, 1).fill('{"hello": 1}');
  await expect(alert).toContainText('looks like JSON but not any output Strata imports');
  await output(page, 1).fill(garbage);
  await d.getByRole('button', { name: 'Compare with this document' }).click();
  await expect(d.getByRole('region', { name: 'Comparison with the host' }).getByRole('alert')).toContainText('Strata cannot tell what printed output 1');
  await expect(ghosts(page)).toHaveCount(0);

  await expect(output(page, 1)).toHaveValue(garbage);
  await ed.expectGraph(before);
  expect(await ed.xmlText()).toBe(xml);
  await expect(ed.button('Undo')).toBeDisabled();
});

test('several outputs: each names its format; a second one is added and removed', async ({ ed, page }) => {
  const d = await openImport(ed);
  await output(page, 1).fill(fixture('virsh/named-nodes-flat.json'));
  await d.getByRole('button', { name: 'Add another output' }).click();
  await output(page, 2).fill(fixture('virsh/domblklist-details.txt'));
  await expect(d.getByLabel('Format of output 2')).toHaveText('virsh domblklist');
  await expect(d).toContainText('virsh domblklist DOMAIN --details');
  await expect(d.getByRole('region', { name: 'Import result' }).getByRole('alert')).toHaveCount(0);
  await d.getByRole('button', { name: 'Remove output 2' }).click();
  await expect(output(page, 2)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
});

test('web01 against QEMU with one layer more: the finding, its ghost, Fix, and Undo brings it back', async ({ ed, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await ed.loadExample('web01');
  await expect(ed.nodes).toHaveCount(4);
  await compareWith(ed, ONE_MORE_LAYER);
  await expect(disagreements(page)).toHaveCount(1);
  const finding = disagreements(page).first();
  await expect(finding).toHaveAttribute('data-code', 'check-layer-missing');
  await expect(finding).toContainText(`${IMG}/rhel9-gold.raw (raw) as the backing file of ${IMG}/rhel9-base.qcow2`);
  // The ghost: below rhel9-base.qcow2 (index 3, position 2: vda[2] in the DOM's positional address), the layer it would go under, with the tools' path and format.
  await expect(ghosts(page)).toHaveCount(1);
  const ghost = ghosts(page).first();
  const uid = await ed.node('vda[2]').getAttribute('data-id');
  await expect(ghost).toHaveAttribute('data-ghost-under', uid!);
  await expect(ghost.locator('.sn-source')).toHaveAttribute('title', `${IMG}/rhel9-gold.raw`);
  await expect(ghost.locator('.sn-format')).toHaveText('raw');
  // The findings open the bottom panels and the view refits: measure once it has settled.
  await ed.waitStill(ghost);
  await ed.waitStill(ed.node('vda[2]'));
  const under = (await ed.node('vda[2]').boundingBox())!;
  const box = (await ghost.boundingBox())!;
  expect(box.y).toBeGreaterThan(under.y + under.height);
  expect(Math.abs(box.x - under.x)).toBeLessThan(2);
  // The Problems panel lists it too, with the document's own problems.
  await expect(ed.problems.locator('.prob-row').filter({ hasText: 'check-layer-missing' })).toHaveCount(1);
  // Clicking a finding selects its node.
  await finding.getByRole('button', { name: /the XML lacks it/ }).click();
  await expect(ed.node('vda[2]')).toHaveClass(/selected/);

  for (const theme of ['light', 'dark'] as const) {
    await ed.select('Theme').selectOption(theme);
    await ed.waitStill(ghost);
    await shoot(page, `compare-missing-${theme}`);
  }

  await finding.getByRole('button', { name: 'Fix' }).click();
  await expect(dialog(page).getByRole('status')).toHaveText(/agrees with these outputs/);
  await expect(ghosts(page)).toHaveCount(0);
  await expect(ed.nodes).toHaveCount(5);
  await expect(ed.node('vda[3]').locator('.sn-source')).toHaveAttribute('title', `${IMG}/rhel9-gold.raw`);

  await ed.button('Undo').click();
  await expect(ed.nodes).toHaveCount(4);
  await expect(disagreements(page)).toHaveCount(1);
  await expect(ghosts(page)).toHaveCount(1);

  await dialog(page).getByRole('button', { name: 'Close comparison' }).click();
  await expect(ghosts(page)).toHaveCount(0);
  await expect(page.locator('.prob-row').filter({ hasText: 'check-layer-missing' })).toHaveCount(0);
  await expect(dialog(page).getByRole('region', { name: 'Comparison with the host' })).toHaveCount(0);
});

test('web01 against QEMU that opened the base as raw: the layer is marked, Fix sets the format, Undo brings it back', async ({ ed, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await ed.loadExample('web01');
  await compareWith(ed, OTHER_FORMAT);
  await expect(disagreements(page)).toHaveCount(1);
  const finding = disagreements(page).first();
  await expect(finding).toHaveAttribute('data-code', 'check-format');
  await expect(finding).toContainText('the XML says format qcow2, the tools say raw');
  await expect(ed.node('vda[2]')).toHaveClass(/host-warn/);
  await expect(ed.node('vda[2]')).toHaveAttribute('data-host', 'format');
  await expect(ed.node('vda[1]')).not.toHaveClass(/host-warn/);
  await expect(ghosts(page)).toHaveCount(0);
  for (const theme of ['light', 'dark'] as const) {
    await ed.select('Theme').selectOption(theme);
    await shoot(page, `compare-format-${theme}`);
  }

  await finding.getByRole('button', { name: 'Fix' }).click();
  await expect(disagreements(page)).toHaveCount(0);
  await expect(ed.node('vda[2]').locator('.sn-format')).toHaveText('raw');
  await expect(ed.node('vda[2]')).not.toHaveClass(/host-warn/);
  await ed.button('Undo').click();
  await expect(ed.node('vda[2]').locator('.sn-format')).toHaveText('qcow2');
  await expect(disagreements(page)).toHaveCount(1);
  await expect(ed.node('vda[2]')).toHaveClass(/host-warn/);
  // Closing the dialog closes the comparison: no mark without the list that explains it.
  await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(ed.node('vda[2]')).not.toHaveClass(/host-warn/);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the dialog at 1440×900, ${theme} theme (screenshot)`, async ({ ed, page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await ed.select('Theme').selectOption(theme);
    const d = await openImport(ed);
    await output(page, 1).fill(fixture('qemu-img/no-backing-format.json'));
    await d.getByRole('button', { name: 'Add another output' }).click();
    await output(page, 2).fill('not a tool output');
    await expect(d.getByLabel('Format of output 2')).toHaveText('not recognised');
    await shoot(page, `dialog-${theme}`);
    await d.getByRole('button', { name: 'Remove output 2' }).click();
    await expect(d.getByRole('list', { name: 'Import findings' })).toBeVisible();
    await shoot(page, `dialog-findings-${theme}`);
    const box = (await d.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    // Nothing wider than the dialog, the long QMP commands included.
    await d.getByText('Which outputs does Strata read?').click();
    await shoot(page, `dialog-commands-${theme}`);
    const body = d.locator('.imp-body');
    expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  });
}

test('a tool output dropped on the window opens in the Import dialog instead of being refused as not XML', async ({ ed, page }) => {
  const before = await ed.xmlText();
  await ed.dropFile('chain.json', fixture('qemu-img/chain.json'));
  await expect(dialog(page)).toBeVisible();
  await expect(output(page, 1)).toHaveValue(/"backing-filename"/);
  await expect(dialog(page)).toContainText('qemu-img info');
  await expect(ed.notice.filter({ hasText: /not XML/ })).toHaveCount(0);
  expect(await ed.xmlText()).toBe(before);
});
