/**
 * The address bar (issue 4): addresses in both dialects, XPath, source paths
 * and bad expressions; matches light up in the graph and the XML, the first
 * is selected, and one line explains the match.
 */
import { expect, test as editorTest } from './support/fixtures';
import type { Locator, Page } from '@playwright/test';
import { EXAMPLE, SEL } from './support/editor';

/** The address bar's controls (the toolbar mounts it). */
class AddressBar {
  constructor(readonly page: Page) {}
  get input(): Locator {
    return this.page.getByRole('textbox', { name: 'Address', exact: true });
  }
  get status(): Locator {
    return this.page.locator('.address-bar').getByRole('status');
  }
  /** Graph nodes lit by the query. */
  get lit(): Locator {
    return this.page.locator(`${SEL.node}:has(.sn-highlight)`);
  }
  /** XML lines marked as lit. */
  get litLines(): Locator {
    return this.page.getByRole('textbox', { name: 'XML' }).locator('.cm-line.cm-highlight-node');
  }
  async query(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }
  /** Exactly these nodes (by data-address, i.e. position label) are lit. */
  async expectLit(addresses: readonly string[]): Promise<void> {
    await expect.poll(() => this.lit.evaluateAll((els) => els.map((e) => e.getAttribute('data-address')).sort())).toEqual([...addresses].sort());
  }
}

/** The editor's fixtures, and `bar`: the address bar of the opened editor. */
const test = editorTest.extend<{ bar: AddressBar }>({
  bar: async ({ ed }, use) => {
    await use(new AddressBar(ed.page));
  },
});

test.describe('address bar', () => {
  test('hda[2] on the mail quorum (proposal) is position 2; Esc clears', async ({ ed, bar }) => {
    await expect(bar.input).toHaveAttribute('placeholder', 'vda[3], /path, or XPath…');
    await bar.query('hda[2]');
    await expect(bar.status).toHaveText('hda[2]: position 2 in the proposal dialect (pre-order); node id [2]');
    await bar.expectLit(['hda[2]']);
    await expect(ed.node('hda[2]')).toHaveAttribute('data-node-id', '2');
    // The first match is selected, and its own lines are marked in the XML (c, not b nested inside it).
    await expect(ed.node('hda[2]')).toHaveClass(/selected/);
    await expect(ed.inspector.getByRole('heading', { name: 'hda[2]' })).toBeVisible();
    await expect(bar.litLines.first()).toContainText("<backingStore type='file' index='2'>");
    await expect(bar.litLines.filter({ hasText: '/path/to/c' })).toHaveCount(1);
    await expect(bar.litLines.filter({ hasText: '/path/to/b' })).toHaveCount(0);

    await bar.input.press('Escape');
    await expect(bar.input).toHaveValue('');
    await expect(bar.status).toHaveText('');
    await bar.expectLit([]);
    await expect(bar.litLines).toHaveCount(0);
  });

  test('XPath on the quorum: index is the position there', async ({ ed, bar }) => {
    await bar.query('//backingStore[@index=3]');
    await bar.expectLit(['hda[3]']);
    await expect(bar.status).toHaveText('1 node matches; in this document `index` on <backingStore> is the position (proposal dialect)');
    await bar.query('//source');
    await bar.expectLit(['hda[1]', 'hda[2]', 'hda[3]', 'hda[4]']);
    await expect(bar.status).toHaveText('4 nodes match (<source> lit as the enclosing node)');
    await expect(ed.node('hda[1]')).toHaveClass(/selected/);
  });

  test('the running libvirt chain: vda[3] is the node with index 3, in XPath too', async ({ ed, bar }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await expect(ed.node('vda[2]')).toBeVisible();

    await bar.query('vda[3]');
    await expect(bar.status).toHaveText('vda[3]: the node with index 3 in the libvirt dialect (virsh numbering); it is at position 1');
    await bar.expectLit(['vda[1]']);
    await expect(ed.node('vda[1]')).toHaveAttribute('data-node-id', '3');
    await expect(ed.node('vda[1]')).toHaveClass(/selected/);
    await expect(bar.litLines.filter({ hasText: 'demo.snap1' })).toHaveCount(1);

    await bar.query('//backingStore[@index=3]');
    await bar.expectLit(['vda[1]']);
    await expect(bar.status).toContainText('is the node id (libvirt)');

    await bar.query("//disk[target/@dev='vda']/backingStore[@index='3']");
    await bar.expectLit(['vda[1]']);

    // index 1 is two levels down: `/backingStore` is one step; the message says how to search every depth.
    await bar.query("//disk[target/@dev='vda']/backingStore[@index='1']");
    await expect(bar.status).toHaveClass(/address-error/);
    await expect(bar.status).toContainText("No node matches; in this document `index`");
    await expect(bar.status).toHaveAttribute('title', /\/\/disk\[target\/@dev='vda'\]\/\/backingStore\[@index='1'\] \(any depth\) matches 1 node/);
    await bar.expectLit([]);
    await bar.query("//disk[target/@dev='vda']//backingStore[@index='1']");
    await bar.expectLit(['vda[2]']);
    await expect(ed.node('vda[2]')).toHaveAttribute('data-node-id', '1');
  });

  test('a source path names its node', async ({ ed, bar }) => {
    await bar.query('/path/to/b');
    await bar.expectLit(['hda[3]']);
    await expect(bar.status).toHaveText('/path/to/b: the node with this source (hda[3], position 3; node id [1])');
    await expect(ed.node('hda[3]')).toHaveClass(/selected/);
  });

  test('a bad expression shows the parser message, lights nothing and throws nothing', async ({ bar }) => {
    await bar.query('hda[1]');
    await bar.expectLit(['hda[1]']);
    await bar.query('//backingStore[@index=]');
    await expect(bar.status).toHaveText('XPath error: Unexpected "]" at column 23');
    await expect(bar.status).toHaveClass(/address-error/);
    await expect(bar.status).toHaveCSS('color', await dangerColour(bar.page));
    await expect(bar.input).toHaveAttribute('aria-invalid', 'true');
    await bar.expectLit([]);
    await bar.query('//nosuch');
    await expect(bar.status).toHaveText(/^No node matches/);
  });

  test('the query engine is loaded on first use, and a new document clears the answer', async ({ ed, bar, page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.reload();
    await expect(ed.nodes.first()).toBeVisible();
    expect(scripts.some((u) => /\/assets\/xpath-/.test(u))).toBe(false);
    await bar.query('//backingStore[@index=4]');
    await bar.expectLit(['hda[4]']);
    expect(scripts.some((u) => /\/assets\/xpath-/.test(u))).toBe(true);

    await ed.loadExample(EXAMPLE.mailChain);
    await expect(ed.node('vda[2]')).toBeVisible();
    await bar.expectLit([]);
    await expect(bar.status).toHaveText('');
  });
});

/** The theme's --danger colour as computed CSS. */
async function dangerColour(page: Page): Promise<string> {
  return page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--danger)';
    document.body.append(probe);
    const c = getComputedStyle(probe).color;
    probe.remove();
    return c;
  });
}
