/**
 * Share (toolbar): a link that holds the whole document in its fragment.
 * Copied to the clipboard; opened in a fresh browser it shows the same graph
 * and XML (one undoable step, the fragment cleared, a session of its own); a
 * shared link wins over the session a new tab would restore, and no stored
 * session is written over; a link pasted into an open tab loads there,
 * undoably; damaged, cut-short and newer links give a notice and change
 * nothing; a document too large for a link offers the file; where the
 * clipboard is not available the link is selected for Ctrl+C. Screenshots
 * of the dialog at 1024×768 in both themes go to test-results/screenshots/.
 */
import type { Browser, Locator, Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { EXAMPLE, Editor, startClean } from './support/editor';
import { MAIL_CHAIN } from './support/documents';

const dialog = (page: Page): Locator => page.getByRole('dialog', { name: 'Share link' });
const linkBox = (page: Page): Locator => dialog(page).getByRole('textbox', { name: 'Link to this document' });

/** Clicks Share and returns the link the dialog shows once it is made. */
async function share(ed: Editor): Promise<string> {
  await ed.button('Share').click();
  await expect(dialog(ed.page)).toBeVisible();
  await expect(linkBox(ed.page)).toHaveValue(/#doc=v1\.[A-Za-z0-9_-]+$/);
  return linkBox(ed.page).inputValue();
}

/** A page in a new browser context: nothing stored, as on another person's machine. */
async function freshEditor(browser: Browser): Promise<Editor> {
  const { baseURL, viewport } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport });
  return new Editor(await context.newPage());
}

/** The graph as node attributes: what must be the same wherever the document is opened. */
async function graphOf(ed: Editor): Promise<string[]> {
  await expect(ed.nodes.first()).toBeVisible();
  return ed.nodes.evaluateAll((els) =>
    els
      .map((el) => ['data-disk', 'data-position', 'data-node-id', 'data-address'].map((a) => el.getAttribute(a)).join(' ') + ' ' + (el.querySelector('.sn-source')?.getAttribute('title') ?? ''))
      .sort(),
  );
}

/** Everything stored for sessions (their keys and values). */
async function storedSessions(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('strata.session.')).map((k) => [k, localStorage.getItem(k)!])));
}

const EDITED = MAIL_CHAIN.replace('/var/lib/libvirt/images/mid.qcow2', '/srv/images/shared-mid.qcow2');

test.describe('share link', () => {
  test('Share copies a link that opens the same document in a fresh browser, as one undoable step', async ({ ed, page, browser }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await ed.replaceXml(EDITED);
    await ed.applyXml();
    await expect(ed.node('vda[1]').locator('.sn-source')).toHaveAttribute('title', '/srv/images/shared-mid.qcow2');
    const link = await share(ed);
    await expect(dialog(page).getByRole('status')).toHaveText('Link copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(link.startsWith(`${new URL(test.info().project.use.baseURL!).origin}/#doc=v1.`)).toBe(true);
    expect(link.length).toBeLessThan(1000);
    await expect(dialog(page)).toContainText('no server sees it');
    // Escape closes the dialog and gives the focus back to the button.
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toBeHidden();
    await expect(ed.button('Share')).toBeFocused();
    const graph = await graphOf(ed);
    const xml = await ed.xmlText();

    const other = await freshEditor(browser);
    await other.page.goto(link);
    await expect(other.notice).toContainText('Opened the shared document');
    await expect.poll(() => graphOf(other)).toEqual(graph);
    expect(await other.xmlText()).toBe(xml);
    // The fragment is gone from the address bar, and the document is this tab's own session.
    expect(new URL(other.page.url()).hash).toBe('');
    await expect.poll(async () => String((await other.storedSession())?.text)).toContain('shared-mid.qcow2');
    // A reload keeps what is there (nothing is imported again).
    await other.page.reload();
    await expect.poll(() => graphOf(other)).toEqual(graph);
    await expect(other.notice).toHaveCount(0);
    // A restore starts a fresh history (the undoable step over the example is the next test's).
    await expect(other.button('Undo')).toBeDisabled();
    expect(other.errors).toEqual([]);
    await other.page.context().close();
  });

  test('the link opens over the example in one undoable step', async ({ ed, browser }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const link = await share(ed);
    const other = await freshEditor(browser);
    await startClean(other.page);
    await other.page.goto('/?first');
    const example = await graphOf(other);
    // A new page load on the link (not only a new fragment, which would load it into the open page).
    await other.page.goto(link);
    await expect.poll(() => graphOf(other)).toEqual(await graphOf(ed));
    await other.button('Undo').click();
    await expect.poll(() => graphOf(other)).toEqual(example);
    await other.page.context().close();
  });

  test('a shared link wins over the session a tab would restore, and writes over no stored session', async ({ ed, page, browser }) => {
    // Work of one's own, saved: a new tab would take it up.
    await ed.loadExample(EXAMPLE.multiDisk);
    await expect.poll(async () => (await ed.storedSession()) !== null).toBe(true);
    // The snapshot waits for every disk of the example to be drawn (4 nodes, the cdrom sda last).
    await expect(ed.nodes).toHaveCount(4);
    await expect(ed.page.locator('.react-flow__node[data-disk="sda"]')).toHaveCount(1);
    const mine = await graphOf(ed);
    // A link to another document, made in another browser.
    const sender = await freshEditor(browser);
    await sender.open();
    await sender.loadExample(EXAMPLE.mailChain);
    const link = await share(sender);
    const shared = await graphOf(sender);
    await sender.page.context().close();

    // The same tab, reloaded on the link (its own session would be restored otherwise).
    const before = await storedSessions(page);
    await page.goto('/?away');
    await page.goto(link);
    await expect.poll(() => graphOf(ed)).toEqual(shared);
    await expect(ed.notice).toContainText('your other work is under Recent');
    await expect.poll(async () => Object.keys(await storedSessions(page)).length).toBe(Object.keys(before).length + 1);
    const after = await storedSessions(page);
    for (const [key, value] of Object.entries(before)) expect(after[key], key).toBe(value);

    // A new tab of the same browser on the link, with no tab holding the first session.
    await page.close();
    const tab = new Editor(await page.context().newPage());
    await tab.page.goto(link);
    await expect.poll(() => graphOf(tab)).toEqual(shared);
    // Its own session is stored (autosave) before Recent… lists the sessions: the list is read when it opens.
    await expect.poll(async () => Object.keys(await storedSessions(tab.page)).length).toBe(Object.keys(after).length + 1);
    const recent = await tab.openRecent();
    await expect(recent.locator('.recent-item')).toHaveCount(3);
    // The first session is still there, unchanged: opening it brings the work back.
    await recent.locator('.recent-item').filter({ hasText: 'multi' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => graphOf(tab)).toEqual(mine);
    expect(tab.errors).toEqual([]);
  });

  test('a link pasted into an open tab loads there, undoably', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const link = await share(ed);
    await page.keyboard.press('Escape');
    const chain = await graphOf(ed);
    await ed.loadExample(EXAMPLE.multiDisk);
    // The snapshot waits for every disk of the example to be drawn (4 nodes, the cdrom sda last).
    await expect(ed.nodes).toHaveCount(4);
    await expect(ed.page.locator('.react-flow__node[data-disk="sda"]')).toHaveCount(1);
    const multi = await graphOf(ed);
    await page.evaluate((hash) => (location.hash = hash), new URL(link).hash);
    await expect.poll(() => graphOf(ed)).toEqual(chain);
    await expect(ed.notice).toContainText('Undo brings back what was here');
    expect(new URL(page.url()).hash).toBe('');
    await ed.button('Undo').click();
    await expect.poll(() => graphOf(ed)).toEqual(multi);
  });

  test('a damaged, cut-short or newer link says why and shows the example', async ({ ed, browser }) => {
    const first = await freshEditor(browser);
    await first.page.goto('/');
    const example = await graphOf(first);
    await first.page.context().close();
    await ed.loadExample(EXAMPLE.mailChain);
    const link = await share(ed);
    const payload = link.slice(link.indexOf('v1.') + 3);
    const cases: [string, RegExp][] = [
      [`#doc=v1.${payload.slice(0, Math.floor(payload.length / 2))}`, /damaged.*cut short/],
      [`#doc=v1.${payload.slice(0, 20)}X${payload.slice(21)}`, /damaged/],
      [`#doc=v1.not*base64`, /contains "\*"/],
      [`#doc=v9.${payload}`, /newer Strata \(link format v9/],
      ['#doc=', /holds no document/],
    ];
    for (const [hash, why] of cases) {
      const other = await freshEditor(browser);
      await other.page.goto(`/${hash}`);
      await expect(other.notice, hash).toContainText('This shared link could not be opened');
      await expect(other.notice, hash).toContainText(why);
      await expect(other.notice).toContainText('Nothing was changed');
      expect(await graphOf(other)).toEqual(example);
      expect(new URL(other.page.url()).hash).toBe('');
      // Nothing worth saving happened: no session is stored for it.
      expect(await storedSessions(other.page)).toEqual({});
      expect(other.errors).toEqual([]);
      await other.page.context().close();
    }
  });

  test('a document too large for a link says so and offers the file', async ({ ed, page }) => {
    // Random text does not compress: a comment of it makes the document too large for a link.
    let seed = 7;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 26;
    const noise = Array.from({ length: 40_000 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[rnd()]).join('');
    const big = MAIL_CHAIN.replace('</disk>', `  <!-- ${noise} -->\n</disk>`);
    await ed.openFile('big.xml', big);
    await expect(ed.notice).toContainText('Opened big.xml');
    await ed.button('Share').click();
    await expect(dialog(page)).toContainText('This document is too large for a link.');
    await expect(dialog(page)).toContainText(/The link would be [\d,]+ characters long; links longer than 32,000 are cut off/);
    await expect(linkBox(page)).toHaveCount(0);
    const download = page.waitForEvent('download');
    await dialog(page).getByRole('button', { name: 'Download XML' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('vda.xml');
    const text = Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8');
    expect(text).toBe(big);
  });

  test('where the clipboard is not available, the link is selected for Ctrl+C', async ({ unopened: ed, page, browser }) => {
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await ed.open();
    await ed.loadExample(EXAMPLE.mailChain);
    const link = await share(ed);
    await expect(dialog(page).getByRole('status')).toHaveText(/clipboard is not available here: the link is selected, press Ctrl\+C/);
    await expect(linkBox(page)).toBeFocused();
    const selected = await linkBox(page).evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd));
    expect(selected).toBe(link);
    // What Ctrl+C would copy opens the document.
    const other = await freshEditor(browser);
    await other.page.goto(selected);
    await expect.poll(() => graphOf(other)).toEqual(await graphOf(ed));
    await other.page.context().close();
  });

  test('XML with an error is shared as it is, and opens as that draft with its error', async ({ ed, page, browser }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const broken = MAIL_CHAIN.replace("<target dev='vda' bus='virtio'/>", "<target dev='vda' bus='virtio'>");
    await ed.replaceXml(broken);
    await ed.applyXml();
    await expect(ed.staleBanner).toBeVisible();
    await share(ed);
    await expect(dialog(page).getByRole('note')).toContainText('The XML has an error (line');
    const link = await linkBox(page).inputValue();
    const other = await freshEditor(browser);
    await other.page.goto(link);
    await expect(other.notice).toContainText('Shared link does not parse');
    await expect(other.staleBanner).toBeVisible();
    expect(await other.xmlText()).toBe(broken);
    await other.page.context().close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the dialog at 1024×768, ${theme} theme (screenshot)`, async ({ unopened: ed, page }, info: TestInfo) => {
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      await ed.open();
      await ed.select('Theme').selectOption(theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await ed.loadExample(EXAMPLE.mailQuorum);
      await share(ed);
      await expect(dialog(page).getByRole('status')).toHaveText('Link copied to the clipboard.');
      // Nothing cut: the dialog is inside the window and nothing in it overflows sideways.
      const box = (await dialog(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1024);
      expect(box.y + box.height).toBeLessThanOrEqual(768);
      expect(await dialog(page).evaluate((d) => d.scrollWidth - d.clientWidth)).toBeLessThanOrEqual(0);
      const path = `test-results/screenshots/share-${theme}.png`;
      await page.screenshot({ path });
      await info.attach(`share-${theme}`, { path, contentType: 'image/png' });
    });
  }
});
