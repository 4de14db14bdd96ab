/** Dialect, guest state, renumber and theme: ids and names change as domain.md says. */
import { expect, test } from './support/fixtures';
import { EXAMPLE, MAIL_QUORUM_NODES } from './support/editor';

test.describe('dialect, guest state, renumber, theme', () => {
  test('converting the quorum to libvirt is refused with a notice that says why', async ({ ed }) => {
    const before = await ed.xmlText();
    await ed.select('Dialect').selectOption('libvirt');
    await expect(ed.notice).toContainText(/quorum/);
    await expect(ed.notice).toContainText(/one <backingStore> per level|never merged/);
    await expect(ed.notice).toContainText(/proposal/);
    await expect(ed.select('Dialect')).toHaveValue('proposal');
    await ed.expectGraph(MAIL_QUORUM_NODES);
    expect(await ed.xmlText()).toBe(before);
    await expect(ed.button('Undo')).toBeDisabled();
  });

  test('offline chain to the proposal dialect and back: fresh numbering of each dialect', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.select('Dialect').selectOption('proposal');
    // Proposal: per-disk counter from 0, post-order (base first).
    await ed.expectGraph([
      { address: 'vda[0]', id: '[2]' },
      { address: 'vda[1]', id: '[1]' },
      { address: 'vda[2]', id: '[0]' },
    ]);
    await expect(ed.select('Dialect')).toHaveValue('proposal');
    // No alias: the proposal's node name is target[id], beside the position address.
    await expect(ed.node('vda[0]').locator('.sn-id')).toHaveText('vda[2]');
    // Proposal layout: index on each <backingStore> is its position; every level has a <driver>.
    await expect.poll(() => ed.xmlText()).toMatch(/<backingStore type='file' index='1'>\s*<driver name='qemu' type='qcow2'/);
    await expect.poll(() => ed.xmlText()).toMatch(/<backingStore type='file' index='2'>/);
    // Offline: the ids are not written (a document with ids reads as running); running writes node='[N]'.
    await expect.poll(() => ed.xmlText()).not.toContain('node=');
    await ed.select('Guest state').selectOption('running');
    await expect.poll(() => ed.xmlText()).toContain("node='[2]'");
    await expect.poll(() => ed.xmlText()).toContain("node='[0]'");
    await ed.select('Guest state').selectOption('offline');
    await expect.poll(() => ed.xmlText()).not.toContain('node=');

    await ed.select('Dialect').selectOption('libvirt');
    // libvirt: one counter from 1, top-down.
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);
    await expect.poll(() => ed.xmlText()).not.toContain('node=');
    await expect(ed.node('vda[0]').locator('.sn-pos')).toHaveText('vda[1]');
  });

  test('guest state: running libvirt writes index attributes; offline does not; renumber never has anything to do', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    // Offline libvirt ids are already what libvirt gives at start: nothing to renumber, and the button says why.
    expect(await ops.renumberRefusal()).toMatch(/nothing to renumber/);
    await expect.poll(() => ed.xmlText()).not.toContain('index=');

    await ed.select('Guest state').selectOption('running');
    await expect(ed.select('Guest state')).toHaveValue('running');
    expect(await ops.renumberRefusal()).toMatch(/running|runs/);
    await expect.poll(() => ed.xmlText()).toContain("top.qcow2' index='1'");
    await expect.poll(() => ed.xmlText()).toMatch(/<backingStore type='file' index='2'>/);
    await expect.poll(() => ed.xmlText()).toMatch(/<backingStore type='file' index='3'>/);
    // Ids do not change with the state.
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);

    await ed.select('Guest state').selectOption('offline');
    await expect.poll(() => ed.xmlText()).not.toContain('index=');
  });

  test('libvirt offline: the running chain 4, 3, 1 shows 1, 2, 3, what libvirt gives at the next start; undo brings it back', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    expect(await ops.renumberRefusal()).toMatch(/running|runs/);
    await ed.select('Guest state').selectOption('offline');
    // A stopped libvirt guest has no ids: the graph shows the numbering of the next start.
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);
    // The toast names what changed; the reason is told once, in What happened.
    await expect(ed.notice).toContainText('ids vda[4]→vda[1], vda[3]→vda[2], vda[1]→vda[3]');
    await expect(ops.message).toContainText(/A stopped libvirt guest has no ids/);
    await ed.button('Undo').click();
    await expect(ed.node('vda[0]').locator('.sn-pos')).toHaveText('vda[4]');
  });

  test('renumber offline in the proposal dialect: post-order from 0 per disk', async ({ ed, ops, page }) => {
    // A new member takes the next id from the running counter: [5].
    await ed.clickNode('hda[0]');
    await page.keyboard.press('b');
    await ed.expectNode('hda[5]', 5);
    await ed.select('Guest state').selectOption('offline');
    await ops.renumber();
    // Post-order: a=0, b=1, c=2, d=3, new=4, Q=5.
    await ed.expectGraph([
      { address: 'hda[0]', id: '[5]' },
      { address: 'hda[1]', id: '[0]' },
      { address: 'hda[2]', id: '[2]' },
      { address: 'hda[3]', id: '[1]' },
      { address: 'hda[4]', id: '[3]' },
      { address: 'hda[5]', id: '[4]' },
    ]);
    await expect(ed.node('hda[2]').locator('.sn-id')).toHaveText('ide0-0-0[2]');
    await expect(ed.node('hda[5]').locator('.sn-id')).toHaveText('ide0-0-0[4]');
  });

  test('theme switch sets html[data-theme]', async ({ ed, page }) => {
    const html = page.locator('html');
    await ed.select('Theme').selectOption('dark');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    const darkBg = await page.evaluate(() => getComputedStyle(document.querySelector('.graph-pane')!).backgroundColor);
    await ed.select('Theme').selectOption('light');
    await expect(html).toHaveAttribute('data-theme', 'light');
    const lightBg = await page.evaluate(() => getComputedStyle(document.querySelector('.graph-pane')!).backgroundColor);
    expect(darkBg).not.toBe(lightBg);
  });

  test('theme "system" follows the colour scheme', async ({ ed, page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await ed.select('Theme').selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
});
