/**
 * No lost work in the browser (issue 8): unreadable files, two tabs, and a
 * reload while the XML is malformed. Each test makes real work first (an
 * example other than the default, an edit), then checks that the work, and
 * its autosave, survive what used to lose it.
 */
import { expect, test } from './support/fixtures';
import type { Page } from '@playwright/test';
import { EXAMPLE, Editor, WEB01_NODES } from './support/editor';

const CHAIN_NODES = [
  { address: 'vda[0]', id: '[1]' },
  { address: 'vda[1]', id: '[2]' },
  { address: 'vda[2]', id: '[3]' },
];
const MID = "<source file='/var/lib/libvirt/images/mid.qcow2'/>";
const MID2 = "<source file='/var/lib/libvirt/images/mid2.qcow2'/>";
const MID2_BROKEN = '<source file=/var/lib/libvirt/images/mid2.qcow2/>';

/** A real PNG's first bytes: signature, then the IHDR chunk (NUL bytes from offset 8). */
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01];
/** A JPEG's first bytes: no NUL, but not UTF-8 either. */
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0x10, 0x4a, 0x46, 0x49, 0x46];

const NOT_XML: ReadonlyArray<readonly [string, string | readonly number[], RegExp]> = [
  ['empty.xml', '', /empty/i],
  ['blank.xml', ' \n\t\n', /empty/i],
  ['config.json', '{"disk": {"type": "file", "source": "/a.qcow2"}}\n', /JSON/],
  ['notes.txt', 'vda <- base.qcow2\n', /not XML/i],
  ['picture.png', PNG, /not text/i],
  ['photo.jpg', JPEG, /not valid UTF-8/i],
];

/** Loads the 3-file chain in the opened editor and waits until it is autosaved: the work that must not be lost. */
async function chainSaved(ed: Editor): Promise<void> {
  await ed.loadExample(EXAMPLE.mailChain);
  await ed.expectGraph(CHAIN_NODES);
  await expect.poll(async () => String((await ed.storedSession())?.text)).toContain('top.qcow2');
}

/** Waits past the autosave delay (300 ms), so a write that should not happen would have happened. */
const pastAutosave = (page: Page): Promise<void> => page.waitForTimeout(700);

test.describe("keeping the user's work", () => {
  test('a file that is not XML is refused with a message: the document and its autosave stay', async ({ ed, page }) => {
    await chainSaved(ed);
    const before = await ed.storedSession();
    for (const how of ['open', 'drop'] as const) {
      for (const [name, content, reason] of NOT_XML) {
        await (how === 'open' ? ed.openFile(name, content) : ed.dropFile(name, content));
        await expect(ed.notice, `${how} ${name}`).toContainText(name);
        await expect(ed.notice, `${how} ${name}`).toContainText(reason);
        await expect(ed.notice).toHaveClass(/notice-error/);
        await expect(ed.staleBanner, `${how} ${name}`).toBeHidden();
        await ed.expectGraph(CHAIN_NODES);
        expect(await ed.xmlText()).toContain('top.qcow2');
        await ed.notice.getByRole('button', { name: 'Dismiss' }).click();
      }
    }
    await pastAutosave(page);
    const after = await ed.storedSession();
    expect(after?.text).toBe(before?.text);
    expect(after?.saved).toBeUndefined();
    await page.reload();
    await ed.expectGraph(CHAIN_NODES);
    await expect(ed.staleBanner).toBeHidden();
    expect(await ed.xmlText()).toContain('top.qcow2');
  });

  test('a malformed XML file opens as a draft: undo and a reload both keep the previous document', async ({ ed, page }) => {
    await chainSaved(ed);
    const broken = '<disk type="file">\n  <source file="/a"/>\n</dsk>\n';
    await ed.dropFile('broken.xml', broken);
    await expect(ed.notice).toContainText('broken.xml');
    await expect(ed.notice).toContainText('3:1');
    await expect(ed.staleBanner).toBeVisible();
    await ed.expectGraph(CHAIN_NODES);
    await expect(ed.xml).toContainText('</dsk>');
    await pastAutosave(page);

    // The broken draft does not replace the document it came over: a reload restores both.
    await page.reload();
    await ed.expectGraph(CHAIN_NODES);
    await expect(ed.staleBanner).toBeVisible();
    await expect(ed.xml).toContainText('</dsk>');
    await expect(ed.notice).toContainText('3:1');

    // Undo throws the draft away: back to the chain, which stays after another reload.
    await ed.button('Undo').click();
    await expect(ed.staleBanner).toBeHidden();
    await expect(ed.xml).toContainText('top.qcow2');
    await ed.expectGraph(CHAIN_NODES);
    await pastAutosave(page);
    await page.reload();
    await ed.expectGraph(CHAIN_NODES);
    await expect(ed.staleBanner).toBeHidden();
  });

  test('reloading while the XML is malformed restores the last good document beside the broken draft', async ({ ed, page }) => {
    await chainSaved(ed);
    // A good edit, applied: the last good document is no longer any example.
    await ed.replaceLine(MID, MID2);
    await ed.applyXml();
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    // Then typing that does not parse.
    await ed.replaceLine(MID2, MID2_BROKEN);
    await ed.applyXml();
    await expect(ed.staleBanner).toBeVisible();
    await expect.poll(async () => String((await ed.storedSession())?.text)).toContain(MID2_BROKEN);

    await page.reload();
    await expect(ed.notice).toContainText(/does not parse|error/);
    await ed.expectGraph(CHAIN_NODES);
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    await expect(ed.graph).toHaveClass(/graph-stale/); // dimmed, as for any draft that does not parse
    await expect(ed.staleBanner).toBeVisible();
    await expect(ed.xml).toContainText(MID2_BROKEN);
    await expect(ed.problems).toContainText(/\b6:\d+\b/);

    // "Undo to discard": back to the last good text.
    await expect(ed.button('Undo')).toBeEnabled();
    await ed.button('Undo').click();
    await expect(ed.staleBanner).toBeHidden();
    await expect(ed.xml).toContainText(MID2);
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    await pastAutosave(page);
    await page.reload();
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    await expect(ed.staleBanner).toBeHidden();
    await expect(ed.xml).toContainText(MID2);
  });

  test('two tabs keep their own work across reloads, and each lists the other under Recent', async ({ ed: a, page, context }) => {
    await chainSaved(a);

    // A second tab while the first is open: it does not take the first tab's session.
    const pageB = await context.newPage();
    const b = new Editor(pageB);
    await pageB.goto('/');
    await b.expectGraph(WEB01_NODES);
    await b.loadExample(EXAMPLE.liveChain);
    await expect(b.xml).toContainText('<name>demo</name>');
    await expect.poll(async () => String((await b.storedSession())?.text)).toContain('<name>demo</name>');
    // The first tab saves again after the second did.
    await a.replaceLine(MID, MID2);
    await a.applyXml();
    await expect.poll(async () => String((await a.storedSession())?.text)).toContain('mid2.qcow2');

    await page.reload();
    await a.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    await expect(a.xml).not.toContainText('<name>demo</name>');
    await pageB.reload();
    await expect(b.xml).toContainText('<name>demo</name>');
    await expect(pageB.locator('.sn-source[title="/var/lib/libvirt/images/demo.snap2"]')).toHaveCount(1);

    // Each tab finds the other's work under Recent sessions.
    const inA = await a.openRecent();
    await expect(inA.getByRole('listitem')).toHaveCount(2);
    await expect(inA.getByRole('listitem').filter({ hasText: 'demo' })).toContainText(/open in another tab/i);
    await expect(inA.getByRole('listitem').filter({ hasText: 'top.qcow2' })).toContainText(/this tab/i);
    await page.keyboard.press('Escape');
    await expect(a.recent).toBeHidden();
    const inB = await b.openRecent();
    await expect(inB.getByRole('listitem').filter({ hasText: 'top.qcow2' })).toContainText(/open in another tab/i);
    // A copy of the other tab's document is one undoable load here.
    await inB.getByRole('listitem').filter({ hasText: 'top.qcow2' }).getByRole('button', { name: /copy/i }).click();
    await expect(b.recent).toBeHidden();
    await b.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    await b.button('Undo').click();
    await expect(b.xml).toContainText('<name>demo</name>');

    // Once the second tab is closed, a new tab picks up its work (the most recent session no open tab holds).
    await pageB.close({ runBeforeUnload: true });
    const pageC = await context.newPage();
    const c = new Editor(pageC);
    await pageC.goto('/');
    await expect(c.xml).toContainText('<name>demo</name>');
    // And the first tab can switch to a session no tab holds.
    await pageC.close({ runBeforeUnload: true });
    const again = await a.openRecent();
    const demo = again.getByRole('listitem').filter({ hasText: 'demo' });
    await expect(demo).not.toContainText(/open in another tab/i);
    await demo.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(a.xml).toContainText('<name>demo</name>');
    // Its own work was saved first and is listed, not lost.
    const back = await a.openRecent();
    await back.getByRole('listitem').filter({ hasText: 'top.qcow2' }).getByRole('button', { name: 'Open', exact: true }).click();
    await a.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid2.qcow2');
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  });

  test('a session saved by the previous version (one shared key) is moved to this tab and restored', async ({ unopened: ed, page }) => {
    await page.addInitScript(() => {
      if (sessionStorage.getItem('__e2e_seeded') !== null) return;
      sessionStorage.setItem('__e2e_seeded', '1');
      localStorage.clear();
      const text = "<domain type='kvm'>\n  <name>old-work</name>\n  <devices>\n    <disk type='file' device='disk'>\n      <source file='/images/old.qcow2'/>\n      <target dev='vda' bus='virtio'/>\n    </disk>\n  </devices>\n</domain>\n";
      localStorage.setItem('strata.session', JSON.stringify({ format: 'strata-session', version: 1, text, dragged: {}, view: { theme: 'dark' } }));
    });
    await page.goto('/');
    await expect(ed.xml).toContainText('old-work');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await page.evaluate(() => localStorage.getItem('strata.session'))).toBeNull();
    expect(await ed.storedSession()).toMatchObject({ format: 'strata-session', version: 2 });
    await page.reload();
    await expect(ed.xml).toContainText('old-work');
    const recent = await ed.openRecent();
    await expect(recent.getByRole('listitem')).toHaveCount(1);
    await expect(recent.getByRole('listitem')).toContainText('old-work');
  });
});
