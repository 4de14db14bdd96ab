/**
 * The live operations through the UI (domain.md §6): each one from the
 * toolbar's Operations menu or a node's context menu, checked in the graph
 * (data-position, data-node-id), in the XML, and in the "What happened"
 * panel (the summary, the nodes added/removed/renumbered, the virsh and QMP
 * commands).
 */
import { expect, test } from './support/fixtures';
import { EXAMPLE, MAIL_QUORUM_NODES } from './support/editor';
import { MIRROR_EDGE } from './support/ops';

const IMG = '/var/lib/libvirt/images';

test.describe('snapshot', () => {
  test('a chain top, offline: the overlay is the new top, numbered as libvirt will number the chain at start', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ops.open('Snapshot');
    await ops.apply('Snapshot');
    await expect(ops.dialog).toBeHidden();
    await ed.expectNode('vda[0]', 1, `${IMG}/top.snap1.qcow2`);
    await ed.expectNode('vda[1]', 2, `${IMG}/top.qcow2`);
    await ed.expectNode('vda[3]', 4, `${IMG}/base.qcow2`);
    await expect(ed.node('vda[0]').locator('.sn-changed')).toHaveCount(1);
    expect(await ed.xmlText()).toContain(`<source file='${IMG}/top.snap1.qcow2'/>`);
    await expect(ops.message).toContainText('new active overlay');
    await expect(ops.list(/^Added/)).toContainText(`vda[1] (#0) ${IMG}/top.snap1.qcow2`);
    await expect(ops.list(/^Renumbered/)).toContainText('vda[1] (#0) → vda[2] (#1)');
    // The commands are for the guest once started, and say so first.
    await expect(ops.commands('virsh')).toContainText('# The guest is offline: start it first');
    await expect(ops.commands('virsh')).toContainText('virsh snapshot-create-as DOMAIN --disk-only');
    await expect(ops.commands('QMP')).toContainText('"execute": "blockdev-snapshot"');
  });

  test('a quorum, the design mail\'s three ways: on the quorum, one per member, a chosen subset', async ({ ed, ops }) => {
    await ops.open('Snapshot');
    await ops.apply('Snapshot');
    await ed.expectNode('hda[0]', 5);
    await ed.expectNode('hda[1]', 4);
    await expect(ops.commands('virsh')).toContainText('no virsh command');
    await ed.button('Undo').click();
    await ed.expectGraph(MAIL_QUORUM_NODES);

    await ops.open('Snapshot');
    await ops.dialog.getByLabel(/One overlay per member/).check();
    await ops.apply('Snapshot 3 nodes');
    // In one transaction the new ids follow the document (position) order, as libvirt orders them.
    await expect.poll(() => ops.ids()).toEqual(['4', '5', '0', '6', '2', '1', '7', '3']);
    await expect(ops.message).toContainText('in one transaction');
    await expect(ops.commands('QMP')).toContainText('"execute": "transaction"');
    await ed.button('Undo').click();

    await ops.open('Snapshot');
    await ops.dialog.getByLabel('Chosen members only').check();
    await expect(ops.refusal).toContainText('at least one member');
    await expect(ops.dialog.getByRole('button', { name: 'Snapshot', exact: true })).toBeDisabled();
    await ops.dialog.getByRole('group', { name: 'Members to snapshot' }).getByLabel(/^hda\[1\] \(ide0-0-0\[0\]\)/).check();
    await ops.apply('Snapshot');
    await ed.expectNode('hda[1]', 5);
    await ed.expectNode('hda[2]', 0);
    await expect.poll(() => ops.ids()).toEqual(['4', '5', '0', '2', '1', '3']);
  });
});

test.describe('commit', () => {
  test('below the top: the committed image leaves and is no longer valid', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.contextMenu('vda[1]', 'Commit…');
    await expect(ops.dialog.getByRole('tab', { name: 'Commit' })).toHaveAttribute('aria-selected', 'true');
    await ops.choose('Base', 'vda[2]');
    await ops.apply('Commit');
    await ed.expectGraph([{ address: 'vda[0]', id: '[1]' }, { address: 'vda[1]', id: '[2]' }]);
    expect(await ed.xmlText()).not.toContain('mid.qcow2');
    await expect(ops.message).toContainText('no longer a valid image');
    await expect(ops.list(/^Removed/)).toContainText(`vda[2] (#1) ${IMG}/mid.qcow2`);
    await expect(ops.commands('virsh')).toContainText("virsh blockcommit DOMAIN vda --top 'vda[2]' --base 'vda[3]' --wait");
  });

  test('the active layer: a job that is ready, then pivot (or, after undo, keep the overlay)', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await ops.open('Commit');
    await ops.choose('Top', 'vda[0]');
    await ops.choose('Base', 'vda[2]');
    await ops.apply('Start commit job');
    await expect.poll(() => ed.xmlText()).toContain("<mirror type='file' job='active-commit' ready='yes'>");
    await expect(ed.page.locator(MIRROR_EDGE)).toHaveCount(1);
    await expect(ops.panel.locator('.ops-job')).toContainText('ready');
    await expect.poll(() => ops.ids()).toEqual(['4', '3', '1']);

    await ops.endJob('Pivot');
    await ed.expectGraph([{ address: 'vda[0]', id: '[1]' }]);
    expect(await ed.xmlText()).not.toContain('<mirror');
    // Each phase shows its own commands: the job started with blockcommit --active --wait; it ends with blockjob --pivot.
    await expect(ops.commands('virsh')).toHaveText('virsh blockjob demo vda --pivot');
    await expect(ops.commands('QMP')).toContainText('"execute": "job-complete"');

    await ed.button('Undo').click();
    await expect(ops.panel.locator('.ops-job')).toHaveCount(1);
    await ops.endJob('Keep overlay');
    await expect.poll(() => ops.ids()).toEqual(['4', '3', '1']);
    expect(await ed.xmlText()).not.toContain('<mirror');
    await expect(ops.commands('virsh')).toHaveText('virsh blockjob demo vda --abort');
  });
});

test('pull: the pulled-out images stay valid', async ({ ed, ops }) => {
  await ed.loadExample(EXAMPLE.mailChain);
  await ops.open('Pull');
  await ops.apply('Pull');
  await ed.expectGraph([{ address: 'vda[0]', id: '[1]' }]);
  await ed.expectNode('vda[0]', 1, `${IMG}/top.qcow2`);
  await expect(ops.message).toContainText('remain valid images');
  await expect(ops.list(/^Removed/)).toContainText(`${IMG}/base.qcow2`);
  await expect(ops.commands('virsh')).toContainText('virsh blockpull DOMAIN vda --wait');
});

test.describe('copy', () => {
  test('full: the mirror shows beside the disk and in the XML while ready; pivot runs the disk on the copy', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await ops.open('Copy');
    await ops.fill('Destination file', 'copy.qcow2');
    await expect(ops.refusal).toContainText('relative path');
    await ops.fill('Destination file', `${IMG}/demo-copy.qcow2`);
    await ops.apply('Start copy');
    await expect(ops.mirrorNodes).toHaveCount(1);
    await expect(ops.mirrorNodes).toHaveAttribute('data-node-id', '5');
    const xml = await ed.xmlText();
    expect(xml).toContain(`<mirror type='file' file='${IMG}/demo-copy.qcow2' format='qcow2' job='copy' ready='yes'>`);
    expect(xml).toContain(`<source file='${IMG}/demo-copy.qcow2' index='5'/>`);
    await expect.poll(() => ops.ids()).toEqual(['4', '3', '1']);
    await expect(ed.frame('vda')).toContainText('next [6]');
    await expect(ops.commands('QMP')).toContainText('"execute": "blockdev-mirror"');

    await ops.endJob('Pivot');
    await expect(ops.mirrorNodes).toHaveCount(0);
    await ed.expectNode('vda[0]', 5, `${IMG}/demo-copy.qcow2`);
    await ed.expectGraph([{ address: 'vda[0]', id: '[5]' }]);
    expect(await ed.xmlText()).not.toContain('<mirror');
    await expect(ops.message).toContainText('remain valid images');
    await expect(ops.commands('virsh')).toHaveText('virsh blockjob demo vda --pivot');
  });

  test('shallow, then cancel: the mirror keeps the backing chain; cancelling leaves the disk as it was', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await ops.open('Copy');
    await ops.dialog.getByLabel(/^Shallow/).check();
    await ops.apply('Start copy');
    // libvirt writes a shallow copy's mirror without a chain: it shares the disk's own, drawn as one dashed link.
    await expect(ops.mirrorNodes).toHaveCount(1);
    await expect.poll(() => ops.mirrorNodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')))).toEqual(['5']);
    await expect(ops.commands('virsh')).toHaveText(/^virsh blockcopy demo vda \S+ --shallow --format qcow2 --transient-job --wait$/);
    await ops.endJob('Cancel copy');
    await expect(ops.mirrorNodes).toHaveCount(0);
    await expect.poll(() => ops.ids()).toEqual(['4', '3', '1']);
    await expect(ed.frame('vda')).toContainText('next [6]');
    await expect(ops.message).toContainText('used up');
    await expect(ops.commands('virsh')).toContainText('--abort');
  });
});

test('backup: the chain does not change', async ({ ed, ops }) => {
  await ed.loadExample(EXAMPLE.liveChain);
  const before = await ed.xmlText();
  await ops.open('Backup');
  await ops.apply('Back up');
  await expect(ops.message).toContainText('The chain does not change');
  // The tree does not change, but the backup's target used up id 5 (libvirt 9.0): the counter record says so.
  const after = await ed.xmlText();
  expect(after).toContain("<strata:ids xmlns:strata='urn:x-strata:ids:1' next='6'/>");
  expect(after.replace(/\s*<metadata>[\s\S]*?<\/metadata>/, '')).toBe(before);
  await expect(ed.frame('vda')).toContainText('next [6]');
  await expect.poll(() => ops.ids()).toEqual(['4', '3', '1']);
  await expect(ops.commands('virsh')).toContainText('virsh backup-begin demo backup.xml');
});

test('quorum: remove a member, the refusal below the threshold, a new threshold, add a member', async ({ ed, ops }) => {
  await ops.open('Quorum');
  await ops.choose('Member', 'hda[1]');
  await ops.apply('Remove member');
  await expect.poll(() => ops.ids()).toEqual(['4', '2', '1', '3']);
  await expect(ops.list(/^Removed/)).toContainText('hda[1] (ide0-0-0[0]) /path/to/a');
  await expect(ops.commands('QMP')).toContainText('"execute": "x-blockdev-change"');

  await ops.open('Quorum');
  await expect(ops.dialog.getByRole('button', { name: 'Remove member' })).toBeDisabled();
  await expect(ops.refusal.first()).toContainText('children ≤ threshold');
  await ops.fill('Members that must agree (1–2)', '1');
  await ops.apply('Set threshold');
  await expect(ops.message).toContainText('now needs 1 of 2');
  expect(await ed.xmlText()).toContain("threshold='1'");

  await ops.open('Quorum');
  await ops.apply('Add member');
  await expect.poll(() => ops.ids()).toEqual(['4', '2', '1', '3', '5']);
  await ed.expectNode('hda[4]', 5);
});

test('renumber: refused while the guest runs; a stopped libvirt guest already shows the ids of its next start', async ({ ed, ops }) => {
  await ed.loadExample(EXAMPLE.liveChain);
  await ops.open('Renumber');
  await expect(ops.refusal).toContainText('running');
  await expect(ops.dialog.getByRole('button', { name: 'Renumber' })).toBeDisabled();
  await ed.page.keyboard.press('Escape');
  await ed.select('Guest state').selectOption('offline');
  await expect.poll(() => ops.ids()).toEqual(['1', '2', '3']);
  await ops.open('Renumber');
  await expect(ops.refusal).toContainText('nothing to renumber');
  await expect(ops.dialog.getByRole('button', { name: 'Renumber' })).toBeDisabled();
});

test.describe('one gateway: undo restores what the screen shows', () => {
  test('undo after a pivot brings back the running copy, its controls and the "What happened" of its start', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await ops.open('Copy');
    await ops.fill('Destination file', `${IMG}/undo-copy.qcow2`);
    await ops.apply('Start copy');
    await expect(ops.mirrorNodes).toHaveCount(1);
    await expect(ops.message).toContainText(/^Start copy/);
    const started = await ops.commands('virsh').textContent();
    await ops.endJob('Pivot');
    await expect(ops.message).toContainText(/^Pivot/);

    await ed.button('Undo').click();
    // The job is back (it lives in the document's <mirror>), with its controls and its own record.
    await expect(ops.mirrorNodes).toHaveCount(1);
    await expect(ops.panel.getByRole('button', { name: 'Pivot', exact: true })).toBeVisible();
    await expect(ops.message).toContainText(/^Start copy/);
    await expect(ops.commands('virsh')).toHaveText(started ?? '');
    await expect.poll(() => ops.ids()).toEqual(['4', '3', '1']);

    await ed.button('Undo').click();
    // Before the copy: no job, and nothing to tell under the graph (a load has no host commands): the panels fold to one line.
    await expect(ops.mirrorNodes).toHaveCount(0);
    await expect(ops.panel.locator('.ops-job')).toHaveCount(0);
    await expect(ops.message).toHaveCount(0);
    await expect(ed.page.getByRole('region', { name: 'Status' })).toContainText('No problems');
    await expect(ops.commands('virsh')).toHaveCount(0);

    await ed.button('Redo').click();
    await expect(ops.mirrorNodes).toHaveCount(1);
    await expect(ops.message).toContainText(/^Start copy/);
  });

  test('keys act on the focused node: Tab to a node, B adds below it, Delete removes it, focus stays in the graph', async ({ ed, ops, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.node('vda[1]').focus();
    await page.keyboard.press('b');
    await ed.expectNode('vda[2]', 3);
    await expect.poll(async () => (await ed.xmlText()).match(/<backingStore type=/g)?.length).toBe(3);
    await expect(ops.message).toContainText(/^Add backing image below/);
    await ed.node('vda[2]').focus();
    await page.keyboard.press('Delete');
    await expect(ed.nodes).toHaveCount(3);
    // The focus goes to the removed node's user, so the next key acts there.
    await expect(ed.node('vda[1]')).toBeFocused();
    await ed.button('Undo').click();
    await expect(ed.nodes).toHaveCount(4);
    await expect(ops.message).toContainText(/^Add backing image below/);
  });
});

test.describe('the dialog and the panel', () => {
  test('is a labelled modal dialog: focus stays inside, arrows switch tabs, Escape closes and gives focus back', async ({ ops, page }) => {
    await ops.open('Snapshot');
    await expect(ops.dialog).toHaveAttribute('aria-modal', 'true');
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      expect(await ops.dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await ops.dialog.getByRole('tab', { name: 'Snapshot' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(ops.dialog.getByRole('tab', { name: 'Commit' })).toBeFocused();
    await expect(ops.dialog).toHaveAccessibleName('Operations: Commit');
    await page.keyboard.press('Escape');
    await expect(ops.dialog).toBeHidden();
    await expect(ops.menuButton).toBeFocused();
  });

  test('a node\'s keyboard shortcut opens the dialog for that node', async ({ ed, ops, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.clickNode('vda[1]');
    await page.keyboard.press('p');
    await expect(ops.dialog).toHaveAccessibleName('Operations: Pull');
    await expect(ops.dialog.getByLabel('Top', { exact: true }).locator('option:checked')).toHaveText(/^vda\[2\] \(#1\)/);
  });

  test('Copy puts the commands on the clipboard', async ({ ed, ops, page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await ed.loadExample(EXAMPLE.mailChain);
    await ops.open('Pull');
    await ops.apply('Pull');
    await ops.panel.getByRole('button', { name: 'Copy virsh commands' }).click();
    await expect(ops.panel.getByRole('button', { name: 'Copy virsh commands' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('\nvirsh blockpull DOMAIN vda --wait');
  });

  test('without a clipboard, Copy shows the text selected for Ctrl+C', async ({ ed, ops, page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
    });
    await ed.open();
    await ed.loadExample(EXAMPLE.mailChain);
    await ops.open('Pull');
    await ops.apply('Pull');
    await ops.panel.getByRole('button', { name: 'Copy QMP commands' }).click();
    const area = ops.panel.getByRole('textbox', { name: /QMP/ });
    await expect(area).toBeVisible();
    expect(await area.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toContain('"block-stream"');
  });
});
