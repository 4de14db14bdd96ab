/** Undo and redo: toolbar buttons, Ctrl+Z / Ctrl+Shift+Z, a drag as one step, typing as one step. */
import { expect, test } from './support/fixtures';
import { MAIL_QUORUM_NODES, boxOf } from './support/editor';

test.describe('history', () => {
  test('undo and redo with the toolbar buttons', async ({ ed, page }) => {
    await expect(ed.button('Undo')).toBeDisabled();
    await ed.clickNode('hda[0]');
    await page.keyboard.press('b');
    await expect(ed.nodes).toHaveCount(6);
    await expect(ed.button('Undo')).toBeEnabled();
    await expect(ed.button('Redo')).toBeDisabled();

    await ed.button('Undo').click();
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.button('Undo')).toBeDisabled();
    await expect(ed.button('Redo')).toBeEnabled();
    await expect.poll(() => ed.xmlText()).not.toContain("node='[5]'");

    await ed.button('Redo').click();
    await expect(ed.nodes).toHaveCount(6);
    await ed.expectNode('hda[5]', 5);
    await expect.poll(() => ed.xmlText()).toContain("node='[5]'");
    await expect(ed.button('Redo')).toBeDisabled();
  });

  test('undo and redo with Ctrl+Z and Ctrl+Shift+Z (graph focused)', async ({ ed, page }) => {
    await ed.clickNode('hda[4]');
    await page.keyboard.press('q');
    await expect(ed.nodes).toHaveCount(6);
    await ed.contextMenu('hda[1]', 'Remove');
    await expect(ed.nodes).toHaveCount(5);
    await ed.clickNode('hda[0]');

    await page.keyboard.press('ControlOrMeta+z');
    await expect(ed.nodes).toHaveCount(6);
    await ed.expectNode('hda[1]', 0, '/path/to/a');
    await page.keyboard.press('ControlOrMeta+z');
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(ed.nodes).toHaveCount(6);
    await ed.expectNode('hda[4]', 5);
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(ed.nodes).toHaveCount(5);
    await expect(ed.node('hda[1]').locator('.sn-source')).not.toHaveAttribute('title', '/path/to/a');
  });

  test('a node drag is one undo step', async ({ ed, page }) => {
    // Measured relative to the quorum node: a drag near the pane's edge auto-pans the view.
    const rel = async () => {
      const a = await boxOf(ed.node('hda[4]'));
      const q = await boxOf(ed.node('hda[0]'));
      return { dx: Math.round(a.x - q.x), dy: Math.round(a.y - q.y) };
    };
    await ed.waitStill(ed.node('hda[4]'));
    const before = await rel();
    await ed.dragNodeBy('hda[4]', -90, 110);
    await expect.poll(async () => (await rel()).dy).toBeGreaterThan(before.dy + 60);
    const moved = await rel();
    expect(moved.dx).toBeLessThan(before.dx - 40);
    // The toolbar knows there is something to undo.
    await expect.soft(ed.button('Undo')).toBeEnabled();

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(rel).toEqual(before);
    // One step: nothing left to undo.
    await expect.soft(ed.button('Undo')).toBeDisabled();
    await expect.soft(ed.button('Redo')).toBeEnabled();

    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(rel).toEqual(moved);
    // One step: a second undo-less redo changes nothing more, and one undo goes back again.
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(rel).toEqual(before);
    // A drag does not touch the XML.
    await ed.expectGraph(MAIL_QUORUM_NODES);
  });

  test('applied typing is one undo step; Ctrl+Z in the editor uses the same history', async ({ ed, page }) => {
    await ed.replaceLine("<source path='/path/to/d'/>", "<source path='/path/to/dd'/>");
    await ed.applyXml();
    await expect(ed.node('hda[4]').locator('.sn-source')).toHaveAttribute('title', '/path/to/dd');
    // Still in the editor: Ctrl+Z goes to the shared history.
    await page.keyboard.press('ControlOrMeta+z');
    await expect(ed.node('hda[4]').locator('.sn-source')).toHaveAttribute('title', '/path/to/d');
    await expect(ed.xml).toContainText("<source path='/path/to/d'/>");
    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect(ed.node('hda[4]').locator('.sn-source')).toHaveAttribute('title', '/path/to/dd');
  });
});
