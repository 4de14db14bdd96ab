/** Editing in the graph with the mouse and the keyboard: add, remove, re-parent, wrap, chain end; refusals. */
import { expect, test } from './support/fixtures';
import { EXAMPLE, MAIL_QUORUM_NODES, SEL } from './support/editor';

test.describe('graph editing', () => {
  test('context menu: add a backing image below the base', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.contextMenu('vda[2]', 'Add backing image below');
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
      { address: 'vda[3]', id: '[4]' },
    ]);
    await expect(ed.edges).toHaveCount(3);
    await ed.expectNode('vda[2]', 3, '/var/lib/libvirt/images/base.qcow2');
    // The new layer took over the chain end; the XML has one more <backingStore type=…>.
    await expect(ed.node('vda[3]').locator(SEL.endTerminated)).toBeVisible();
    await expect.poll(async () => (await ed.xmlText()).match(/<backingStore type=/g)?.length).toBe(3);
    await expect(ed.notice).toContainText(/new vda\[4\]/);
  });

  test('context menu on a node shows the actions; the menu closes with Escape', async ({ ed, page }) => {
    await ed.node('hda[0]').locator(SEL.pos).click({ button: 'right' });
    const items = ed.menu.getByRole('menuitem');
    await expect(items).toHaveText([
      /Add quorum member/,
      /Wrap in a new quorum/,
      /Remove/,
      /Snapshot…/,
      /Commit…/,
      /Pull…/,
      /Copy…/,
      /Backup…/,
      /Quorum members and threshold…/,
    ]);
    // A quorum has members, not a chain end: no end to toggle, and B adds a member rather than a backing file.
    await expect(ed.menu.getByRole('menuitem', { name: /chain/ })).toHaveCount(0);
    await expect(ed.menu.getByRole('menuitem', { name: /Add quorum member/ })).toBeEnabled();
    await page.keyboard.press('Escape');
    await expect(ed.menu).toBeHidden();
    await ed.expectGraph(MAIL_QUORUM_NODES);
  });

  test('key B inserts a backing image below the selected node; offline, ids are what libvirt gives at start', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.clickNode('vda[0]');
    await page.keyboard.press('b');
    // Offline libvirt: the ids follow the layers top-down, as libvirt numbers them when the guest starts.
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
      { address: 'vda[3]', id: '[4]' },
    ]);
    await ed.expectNode('vda[2]', 3, '/var/lib/libvirt/images/mid.qcow2');
    await expect(ed.edges).toHaveCount(3);
  });

  test('add quorum member (context menu) and B on a quorum add a member', async ({ ed, page }) => {
    await ed.contextMenu('hda[0]', 'Add quorum member');
    await expect(ed.nodes).toHaveCount(6);
    await ed.expectNode('hda[5]', 5);
    await expect(ed.node('hda[0]')).toContainText('2 of 4');
    await ed.clickNode('hda[0]');
    await page.keyboard.press('B');
    await expect(ed.nodes).toHaveCount(7);
    await ed.expectNode('hda[6]', 6);
    await expect(ed.node('hda[0]')).toContainText('2 of 5');
    await expect.poll(async () => (await ed.xmlText()).match(/node='\[6\]'/g)?.length).toBe(1);
  });

  test('adding a backing file below a raw image is refused with a notice', async ({ ed, page }) => {
    await ed.clickNode('hda[4]');
    await page.keyboard.press('b');
    await expect(ed.notice).toContainText(/raw image/i);
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.button('Undo')).toBeDisabled();
  });

  test('Delete removes the selected chain layer; its backing store moves up', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.clickNode('vda[1]');
    await page.keyboard.press('Delete');
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
    ]);
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/base.qcow2');
    await expect(ed.edges).toHaveCount(1);
    await expect.poll(() => ed.xmlText()).not.toContain('mid.qcow2');
  });

  test('Remove from the context menu', async ({ ed }) => {
    await ed.contextMenu('hda[3]', 'Remove');
    // b went; c (hda[2]) keeps b's end.
    await ed.expectGraph([
      { address: 'hda[0]', id: '[4]' },
      { address: 'hda[1]', id: '[0]' },
      { address: 'hda[2]', id: '[2]' },
      { address: 'hda[3]', id: '[3]' },
    ]);
    await expect.poll(() => ed.xmlText()).not.toContain('/path/to/b');
  });

  test('Delete on a node with several backing stores asks first; accepting removes the subtree', async ({ ed, page }) => {
    // Build a nested quorum: wrap c in a quorum (Q), select it (ArrowUp), add a second member (B).
    await ed.clickNode('hda[2]');
    await page.keyboard.press('q');
    await expect(ed.nodes).toHaveCount(6);
    await ed.expectNode('hda[2]', 5);
    await expect(ed.node('hda[2]')).toHaveClass(/\bsn-quorum\b|react-flow__node-quorum/);
    await expect(ed.node('hda[3]')).toHaveClass(/selected/);
    await page.keyboard.press('ArrowUp');
    await expect(ed.node('hda[2]')).toHaveClass(/selected/);
    await page.keyboard.press('b');
    await expect(ed.nodes).toHaveCount(7);
    await expect(ed.node('hda[2]')).toContainText('1 of 2');

    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await page.keyboard.press('Delete');
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toMatch(/hda\[2\]/);
    await ed.expectGraph([
      { address: 'hda[0]', id: '[4]' },
      { address: 'hda[1]', id: '[0]' },
      { address: 'hda[2]', id: '[3]' },
    ]);
    await expect(ed.node('hda[0]')).toContainText('2 of 2');
    await expect.poll(() => ed.xmlText()).not.toContain('/path/to/c');
  });

  test('dismissing the confirm dialog keeps the subtree', async ({ ed, page }) => {
    await ed.clickNode('hda[2]');
    await page.keyboard.press('q');
    await expect(ed.nodes).toHaveCount(6);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('b');
    await expect(ed.nodes).toHaveCount(7);
    let asked = 0;
    page.once('dialog', (d) => {
      asked++;
      void d.dismiss();
    });
    await page.keyboard.press('Delete');
    await expect.poll(() => asked).toBe(1);
    await expect(ed.nodes).toHaveCount(7);
  });

  test('re-parent by dragging from the quorum\'s lower handle to b\'s upper handle: b becomes a member', async ({ ed }) => {
    await ed.connect('hda[0]', 'hda[3]');
    // Q[a, c, d, b]: c lost its backing (left open), ids are kept.
    await ed.expectGraph([
      { address: 'hda[0]', id: '[4]' },
      { address: 'hda[1]', id: '[0]' },
      { address: 'hda[2]', id: '[2]' },
      { address: 'hda[3]', id: '[3]' },
      { address: 'hda[4]', id: '[1]' },
    ]);
    await ed.expectNode('hda[4]', 1, '/path/to/b');
    await expect(ed.node('hda[2]').locator(SEL.endOpen)).toBeVisible();
    await expect(ed.node('hda[0]')).toContainText('2 of 4');
    await expect(ed.edges).toHaveCount(4);
    // One undo step restores the mail's tree.
    await ed.button('Undo').click();
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.button('Undo')).toBeDisabled();
  });

  test('a connection onto a raw image is refused with a notice and changes nothing', async ({ ed }) => {
    await ed.connect('hda[1]', 'hda[4]');
    await expect(ed.notice).toContainText(/Connection refused/);
    await expect(ed.notice).toContainText(/raw/);
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.edges).toHaveCount(4);
    await expect(ed.button('Undo')).toBeDisabled();
  });

  test('a second backing store on a chain element is refused with a notice and changes nothing', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const before = await ed.xmlText();
    await ed.connect('vda[0]', 'vda[2]');
    await expect(ed.notice).toContainText(/Connection refused/);
    await expect(ed.notice).toContainText(/already has a backing store/);
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);
    expect(await ed.xmlText()).toBe(before);
  });

  test('wrap in a new quorum from the context menu', async ({ ed }) => {
    await ed.contextMenu('hda[4]', 'Wrap in a new quorum');
    await ed.expectGraph([...MAIL_QUORUM_NODES.slice(0, 4), { address: 'hda[4]', id: '[5]' }, { address: 'hda[5]', id: '[3]' }]);
    await expect(ed.node('hda[4]')).toContainText('1 of 1');
    await ed.expectNode('hda[5]', 3, '/path/to/d');
    await expect(ed.edges).toHaveCount(5);
    await expect.poll(async () => (await ed.xmlText()).match(/type='quorum'/g)?.length).toBe(4); // 2 per quorum: element type + driver type
  });

  test('wrapping is refused in the libvirt dialect', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.clickNode('vda[1]');
    await page.keyboard.press('q');
    await expect(ed.notice).toContainText(/quorum/);
    await expect(ed.notice).toContainText(/proposal/);
    await expect(ed.nodes).toHaveCount(3);
    // The menu offers it disabled, saying why, rather than letting it fail.
    await ed.node('vda[1]').locator(SEL.pos).click({ button: 'right' });
    const item = ed.menu.getByRole('menuitem', { name: 'Wrap in a new quorum' });
    await expect(item).toBeDisabled();
    await expect(item).toHaveAttribute('title', /proposal dialect/);
    await page.keyboard.press('Escape');
  });

  test('E and the context menu toggle the chain end between terminated and open', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await expect(ed.node('vda[2]').locator(SEL.endTerminated)).toBeVisible();
    await ed.clickNode('vda[2]');
    await page.keyboard.press('e');
    await expect(ed.node('vda[2]').locator(SEL.endOpen)).toBeVisible();
    await expect(ed.node('vda[2]').locator(SEL.endTerminated)).toHaveCount(0);
    await expect.poll(() => ed.xmlText()).not.toContain('<backingStore/>');
    await ed.contextMenu('vda[2]', 'Terminate the chain');
    await expect(ed.node('vda[2]').locator(SEL.endTerminated)).toBeVisible();
    await expect.poll(() => ed.xmlText()).toContain('<backingStore/>');
  });

  test('arrow keys walk the tree', async ({ ed, page }) => {
    const selected = () => ed.selectedNodes.getAttribute('data-address');
    await ed.clickNode('hda[0]');
    await page.keyboard.press('ArrowDown'); // first member a
    await expect.poll(selected).toBe('hda[1]');
    await page.keyboard.press('ArrowRight'); // sibling c
    await expect.poll(selected).toBe('hda[2]');
    await page.keyboard.press('ArrowDown'); // c's backing b
    await expect.poll(selected).toBe('hda[3]');
    await page.keyboard.press('ArrowUp'); // back to its user c
    await expect.poll(selected).toBe('hda[2]');
    await page.keyboard.press('ArrowRight'); // d
    await expect.poll(selected).toBe('hda[4]');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(selected).toBe('hda[2]');
    await page.keyboard.press('ArrowUp');
    await expect.poll(selected).toBe('hda[0]');
    await expect(ed.inspector.getByRole('heading', { name: 'hda[0]' })).toBeVisible();
  });
});
