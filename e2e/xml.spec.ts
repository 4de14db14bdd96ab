/** Typing in the XML pane: the graph follows; malformed XML marks the editor, the Problems panel and the graph. */
import { expect, test } from './support/fixtures';
import { EXAMPLE, MAIL_QUORUM_NODES, SEL } from './support/editor';
import { MAIL_CHAIN_4 } from './support/documents';

test.describe('XML pane', () => {
  test('replacing the whole document: the graph follows after the idle delay', async ({ ed }) => {
    await ed.replaceXml(MAIL_CHAIN_4);
    // No Ctrl+S, no blur: the 250 ms idle apply does it.
    await ed.expectGraph([
      { address: 'vdb[0]', id: '[1]' },
      { address: 'vdb[1]', id: '[2]' },
      { address: 'vdb[2]', id: '[3]' },
      { address: 'vdb[3]', id: '[4]' },
    ]);
    await expect(ed.frame('vdb')).toHaveCount(1);
    await expect(ed.frame('hda')).toHaveCount(0);
    await expect(ed.edges).toHaveCount(3);
    await ed.expectNode('vdb[3]', 4, '/var/lib/libvirt/images/golden.raw');
    await expect(ed.select('Dialect')).toHaveValue('libvirt');
    await expect(ed.select('Guest state')).toHaveValue('offline');
    // The text is kept as typed (never re-formatted by the apply).
    expect(await ed.xmlText()).toBe(MAIL_CHAIN_4);
  });

  test('inserting a new <backingStore> element under the base adds a layer (Ctrl+S applies at once)', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await expect(ed.nodes).toHaveCount(3);
    await ed.replaceLine(
      '<backingStore/>',
      "<backingStore type='file'>\n        <format type='raw'/>\n        <source file='/var/lib/libvirt/images/older.raw'/>\n        <backingStore/>\n      </backingStore>",
    );
    await ed.applyXml();
    await expect(ed.nodes).toHaveCount(4);
    await ed.expectNode('vda[3]', 4, '/var/lib/libvirt/images/older.raw');
    await ed.expectNode('vda[2]', 3, '/var/lib/libvirt/images/base.qcow2');
    await expect(ed.edges).toHaveCount(3);
    await expect(ed.xml.locator(SEL.cmHint)).toHaveCount(4);
    // The base is no longer the chain end; the new layer is.
    await expect(ed.node('vda[2]').locator(SEL.endTerminated)).toHaveCount(0);
    await expect(ed.node('vda[3]').locator(SEL.endTerminated)).toBeVisible();
  });

  test('typing is applied on blur', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.replaceLine("<source file='/var/lib/libvirt/images/mid.qcow2'/>", "<source file='/srv/typed-mid.qcow2'/>");
    await page.getByRole('region', { name: 'Inspector' }).click({ position: { x: 5, y: 5 } });
    await expect(ed.node('vda[1]').locator(SEL.source)).toHaveAttribute('title', '/srv/typed-mid.qcow2');
  });

  test('malformed XML: marker at line:col, Problems entry, stale graph; fixing it brings the graph back', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await expect(ed.nodes).toHaveCount(3);
    // Line 6 becomes `    <source file=/var/...`: the attribute value lost its quotes; the parser points at its first character, 6:18.
    await ed.replaceLine("<source file='/var/lib/libvirt/images/mid.qcow2'/>", '<source file=/var/lib/libvirt/images/mid.qcow2/>');
    await ed.applyXml();

    // Editor: an error marker on that very line, and one in the gutter.
    await expect(ed.xml.locator(SEL.lintRangeError)).toHaveCount(1);
    await expect(ed.xmlLine('<source file=/var/').locator(SEL.lintRangeError)).toHaveCount(1);
    await expect(page.locator(SEL.lintMarkerError)).toHaveCount(1);
    // Problems: the same error with its line:col, first in the list.
    const row = ed.problems.getByRole('button').filter({ hasText: /\b6:18\b/ });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/must be quoted/i);
    // Graph: stale, dimmed, still showing the last good version.
    await expect(ed.staleBanner).toBeVisible();
    await expect(ed.staleBanner).toContainText('6:18');
    await expect(page.locator(SEL.staleGraph)).toHaveCount(1);
    await expect(ed.nodes).toHaveCount(3);
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid.qcow2');

    // Fix it: type the quotes back.
    await ed.replaceLine('<source file=/var/lib/libvirt/images/mid.qcow2/>', "<source file='/var/lib/libvirt/images/mid2.qcow2'/>");
    await expect(ed.staleBanner).toHaveCount(0);
    await expect(page.locator(SEL.staleGraph)).toHaveCount(0);
    await expect(ed.xml.locator(SEL.lintRangeError)).toHaveCount(0);
    await expect(ed.problems.getByRole('button').filter({ hasText: /\b6:18\b/ })).toHaveCount(0);
    await expect(ed.node('vda[1]').locator(SEL.source)).toHaveAttribute('title', '/var/lib/libvirt/images/mid2.qcow2');
  });

  test('a graph edit while the XML is broken is refused and the typing is kept', async ({ ed, page }) => {
    await ed.replaceLine("<source path='/path/to/d'/>", "<source path='/path/to/d'");
    await ed.applyXml();
    await expect(ed.staleBanner).toBeVisible();
    // The graph is read-only while stale: a node action is refused with a notice.
    await ed.clickNode('hda[0]');
    await page.keyboard.press('b');
    await expect(ed.notice).toContainText(/XML has an error/i);
    await expect(ed.nodes).toHaveCount(5);
    await expect(ed.xml).toContainText("<source path='/path/to/d'");
    await ed.expectGraph(MAIL_QUORUM_NODES);
  });
});
