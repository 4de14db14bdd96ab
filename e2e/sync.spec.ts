/** Selection shared by graph, XML, Problems and Inspector; inspector edits reach the XML and the graph. */
import { expect, test } from './support/fixtures';
import { EXAMPLE, SEL } from './support/editor';
import { CHAIN_MID_WITHOUT_FORMAT } from './support/documents';

test.describe('selection and inspector', () => {
  test('clicking a node highlights its element in the XML', async ({ ed }) => {
    await ed.clickNode('hda[2]');
    const lines = ed.xml.locator(SEL.cmSelectedLine);
    // c's own lines: its start tag, driver, source and end tag; not b's (a child node element).
    await expect(lines.first()).toContainText("<backingStore type='file' index='2'>");
    await expect(lines.filter({ hasText: '/path/to/c' })).toHaveCount(1);
    await expect(lines.filter({ hasText: '/path/to/b' })).toHaveCount(0);
    await expect(lines.filter({ hasText: '/path/to/a' })).toHaveCount(0);
    await expect(ed.inspector.getByRole('heading', { name: 'hda[2]' })).toBeVisible();

    // Another node moves the highlight.
    await ed.clickNode('hda[4]');
    await expect(lines.first()).toContainText("<backingStore type='file' index='4'>");
    await expect(lines.filter({ hasText: '/path/to/c' })).toHaveCount(0);
    await expect(lines.filter({ hasText: '/path/to/d' })).toHaveCount(1);
  });

  test('clicking inside a <backingStore> in the XML selects its node', async ({ ed }) => {
    await ed.xmlLine("<source path='/path/to/b'/>").click();
    await expect(ed.node('hda[3]')).toHaveClass(/selected/);
    await expect(ed.selectedNodes).toHaveCount(1);
    await expect(ed.inspector.getByRole('heading', { name: 'hda[3]' })).toBeVisible();
    await expect(ed.xml.locator(SEL.cmSelectedLine).filter({ hasText: '/path/to/b' })).toHaveCount(1);

    await ed.xmlLine("<source path='/path/to/a'/>").click();
    await expect(ed.node('hda[1]')).toHaveClass(/selected/);
    await expect(ed.node('hda[3]')).not.toHaveClass(/selected/);
  });

  test('clicking the pane clears the selection', async ({ ed, page }) => {
    await ed.clickNode('hda[1]');
    const pane = await page.locator('.react-flow__pane').boundingBox();
    await page.mouse.click(pane!.x + 8, pane!.y + pane!.height - 8);
    await expect(ed.selectedNodes).toHaveCount(0);
    await expect(ed.xml.locator(SEL.cmSelectedLine)).toHaveCount(0);
  });

  test('clicking a problem selects its node and puts the cursor on its line', async ({ ed }) => {
    await ed.replaceXml(CHAIN_MID_WITHOUT_FORMAT);
    await ed.applyXml();
    await expect(ed.nodes).toHaveCount(3);
    const row = ed.problems.getByRole('button').filter({ hasText: /no format/ });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('4:3');
    // The node is marked in the graph and the element in the editor.
    await expect(ed.node('vda[1]').locator('.sn-error')).toHaveCount(1);
    await expect(ed.xmlLine("<backingStore type='file'>").first().locator(SEL.lintRangeError)).toHaveCount(1);

    await row.click();
    await expect(ed.node('vda[1]')).toHaveClass(/selected/);
    // The inspector's heading is the node's label: in the libvirt dialect its virsh address (index 2, position 1).
    await expect(ed.inspector.getByRole('heading', { name: 'vda[2]' })).toBeVisible();
    // Cursor in the editor on line 4: the active line is that line.
    await expect(ed.xml.locator('.cm-activeLine')).toContainText("<backingStore type='file'>");
    await expect(ed.xml.locator('.cm-activeLine')).not.toContainText('format');
  });

  test('changing a source path in the inspector rewrites the XML and the graph', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.clickNode('vda[1]');
    const path = ed.inspector.getByLabel('File path');
    await expect(path).toHaveValue('/var/lib/libvirt/images/mid.qcow2');
    await path.fill('/srv/images/middle.qcow2');
    await page.keyboard.press('Enter');
    await expect(ed.xml).toContainText("<source file='/srv/images/middle.qcow2'/>");
    await expect.poll(() => ed.xmlText()).not.toContain('mid.qcow2');
    await expect(ed.node('vda[1]').locator(SEL.source)).toHaveAttribute('title', '/srv/images/middle.qcow2');
    // Same node, same numbers.
    await ed.expectNode('vda[1]', 2);

    // Format select: one more edit, one more undo step.
    await ed.inspector.getByLabel('Format').selectOption('qed');
    await expect.poll(() => ed.xmlText()).toContain("<format type='qed'/>");
    await expect(ed.node('vda[1]').locator('.sn-format')).toHaveText('qed');
    await ed.button('Undo').click();
    await expect(ed.node('vda[1]').locator('.sn-format')).toHaveText('qcow2');
    await ed.button('Undo').click();
    await expect(ed.node('vda[1]').locator(SEL.source)).toHaveAttribute('title', '/var/lib/libvirt/images/mid.qcow2');
  });

  test('the quorum threshold is edited in the inspector', async ({ ed, page }) => {
    await ed.clickNode('hda[0]');
    const t = ed.inspector.getByLabel('Threshold');
    await expect(t).toHaveValue('2');
    await t.fill('3');
    await page.keyboard.press('Enter');
    await expect(ed.node('hda[0]')).toContainText('3 of 3');
    await expect.poll(() => ed.xmlText()).toContain("threshold='3'");
    // A threshold above the member count is refused next to the field; nothing changes.
    await t.fill('7');
    await page.keyboard.press('Enter');
    await expect(ed.inspector.getByRole('alert')).toBeVisible();
    await expect(ed.node('hda[0]')).toContainText('3 of 3');
  });
});
