/** Autosave and restore, corrupt storage, and opening a file by drag-and-drop. */
import { expect, test } from './support/fixtures';
import type { Page } from '@playwright/test';
import { EXAMPLE, Editor, MAIL_QUORUM_NODES, WEB01_NODES, boxOf, seedStorage } from './support/editor';
import { MAIL_CHAIN } from './support/documents';

/** Where a node sits relative to another, in node widths (independent of the zoom fitView picks). */
async function offset(ed: Editor, address: string, from: string): Promise<{ dx: number; dy: number }> {
  const a = await boxOf(ed.node(address));
  const b = await boxOf(ed.node(from));
  return { dx: (a.x - b.x) / b.width, dy: (a.y - b.y) / b.width };
}

async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/xml' }));
      return dt;
    },
    [name, text] as const,
  );
  const target = page.locator('.react-flow__pane');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.locator('.app')).toHaveClass(/drop-target/);
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test.describe('persistence', () => {
  // `ed` is opened on a clean origin: storage is cleared once per context, and a reload keeps it.
  test('reload restores the document, dragged positions and the theme', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.contextMenu('vda[2]', 'Add backing image below');
    await expect(ed.nodes).toHaveCount(4);
    await ed.dragNodeBy('vda[1]', 160, 20);
    await expect.poll(async () => (await offset(ed, 'vda[1]', 'vda[0]')).dx).toBeGreaterThan(0.5);
    await ed.select('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    // Autosave: the versioned session in localStorage.
    await expect.poll(async () => {
      const s = await ed.storedSession();
      const layers = String(s?.text).match(/<backingStore type=/g)?.length ?? 0;
      return s && { format: s.format, version: s.version, layers, dragged: Object.keys((s.dragged as object) ?? {}).length };
    }).toEqual({ format: 'strata-session', version: 2, layers: 3, dragged: 1 });
    const saved = await ed.storedSession();
    expect(saved!.view).toMatchObject({ theme: 'dark' });
    // Measured once the drop is committed and saved, so the graph has settled on the stored position.
    await ed.waitStill(ed.node('vda[1]'));
    const moved = await offset(ed, 'vda[1]', 'vda[0]');

    await page.reload();
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
      { address: 'vda[3]', id: '[4]' },
    ]);
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid.qcow2');
    // The restored selection is brought into view with an animated pan: measure both nodes once it has settled.
    await ed.waitStill(ed.node('vda[0]'));
    const after = await offset(ed, 'vda[1]', 'vda[0]');
    expect(after.dx).toBeCloseTo(moved.dx, 1);
    expect(after.dy).toBeCloseTo(moved.dy, 1);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(ed.select('Theme')).toHaveValue('dark');
    // A restored session starts a fresh history.
    await expect(ed.button('Undo')).toBeDisabled();
  });

  test('typed XML survives a reload', async ({ ed, page }) => {
    await ed.replaceLine("<source path='/path/to/d'/>", "<source path='/path/to/d2'/>");
    await expect.poll(async () => String((await ed.storedSession())?.text)).toContain('/path/to/d2');
    await page.reload();
    await expect(ed.node('hda[4]').locator('.sn-source')).toHaveAttribute('title', '/path/to/d2');
  });

  for (const [what, stored, reason] of [
    ['not JSON', '{"format":"strata-session", "version": 1, "text": "<disk', /corrupt|not valid JSON/i],
    ['a foreign value', JSON.stringify({ hello: 'world' }), /not a Strata session/i],
    ['a newer version', JSON.stringify({ format: 'strata-session', version: 99, text: '<disk/>', dragged: {}, view: {} }), /newer version/i],
  ] as const) {
    test(`corrupt storage (${what}) gives a notice and the default example`, async ({ unopened: ed, page }) => {
      await seedStorage(page, stored);
      await page.goto('/');
      await expect(ed.notice).toBeVisible();
      await expect(ed.notice).toContainText(/could not be restored/i);
      await expect(ed.notice).toContainText(reason);
      await ed.expectGraph(WEB01_NODES);
      await expect(ed.toolbar).toBeVisible();
      await expect(ed.xml).toContainText('<name>web01</name>');
      // The unreadable value is kept aside, not lost.
      expect(await page.evaluate(() => localStorage.getItem('strata.session.unreadable'))).toBe(stored);
    });
  }

  test('a stored session whose XML does not parse: notice, example graph, text kept as a stale draft', async ({ unopened: ed, page }) => {
    const broken = MAIL_CHAIN.replace("<source file='/var/lib/libvirt/images/mid.qcow2'/>", '<source file=/var/lib/libvirt/images/mid.qcow2/>');
    await seedStorage(page, JSON.stringify({ format: 'strata-session', version: 1, text: broken, dragged: {}, view: { theme: 'light' } }));
    await page.goto('/');
    await expect(ed.notice).toContainText(/does not parse/);
    // Line 6, column 18: the unquoted value's first character (the parser's own column since the XML layer rewrite).
    await expect(ed.notice).toContainText('6:18');
    await ed.expectGraph(WEB01_NODES);
    await expect(ed.staleBanner).toBeVisible();
    await expect(ed.xml).toContainText('<source file=/var/lib/libvirt/images/mid.qcow2/>');
  });

  test('dropping an XML file opens it (one undoable step)', async ({ ed, page }) => {
    await dropFile(page, 'chain.xml', MAIL_CHAIN);
    await expect(page.locator('.app')).not.toHaveClass(/drop-target/);
    await expect(ed.notice).toContainText('chain.xml');
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);
    await expect(ed.xml).toContainText('top.qcow2');
    await expect(ed.select('Dialect')).toHaveValue('libvirt');
    await ed.button('Undo').click();
    await ed.expectGraph(MAIL_QUORUM_NODES);
  });

  test('dropping a malformed file keeps the graph and shows the error', async ({ ed, page }) => {
    await dropFile(page, 'broken.xml', '<disk type="file">\n  <source file="/a"/>\n</dsk>\n');
    await expect(ed.notice).toContainText('broken.xml');
    await expect(ed.staleBanner).toBeVisible();
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.problems.getByRole('button').filter({ hasText: /\b3:\d+\b/ })).not.toHaveCount(0);
  });
});
