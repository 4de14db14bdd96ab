/** First load and the built-in examples: node counts, positions and ids as domain.md defines them. */
import { expect, test } from './support/fixtures';
import { EXAMPLE, MAIL_QUORUM_NODES } from './support/editor';

test.describe('loading', () => {
  test('the design mail quorum Q[a, b <- c, d] (?example=mail-quorum)', async ({ ed, ops, page }) => {
    await expect(page).toHaveTitle('Strata');
    await expect(ed.toolbar).toBeVisible();
    await expect(ed.xml).toBeVisible();
    // No problems on a built-in example: the bottom panel is a one-line strip that says so.
    await expect(ed.problems).toHaveCount(0);
    await expect(page.getByText(/^No problems/)).toBeVisible();
    await expect(ed.legend).toBeVisible();

    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.frame('hda')).toHaveCount(1);
    await expect(ed.edges).toHaveCount(4);
    // Position vs id on each node, with data-* attributes and sources.
    await ed.expectNode('hda[0]', 4);
    await ed.expectNode('hda[1]', 0, '/path/to/a');
    await ed.expectNode('hda[2]', 2, '/path/to/c');
    await ed.expectNode('hda[3]', 1, '/path/to/b');
    await ed.expectNode('hda[4]', 3, '/path/to/d');
    await expect(ed.node('hda[0]')).toHaveAttribute('data-address', 'hda[0]');
    // Proposal dialect: the big label is the position address, the node name <alias>[<id>] beside it.
    await expect(ed.node('hda[2]').locator('.sn-id')).toHaveText('ide0-0-0[2]');
    await expect(ed.node('hda[3]').locator('.sn-id')).toHaveText('ide0-0-0[1]');
    await ed.clickNode('hda[0]');
    await expect(ed.inspector).toContainText('ide0-0-0[4]');
    // The quorum votes 2 of 3.
    await expect(ed.node('hda[0]')).toContainText('2 of 3');

    await expect(ed.select('Dialect')).toHaveValue('proposal');
    await expect(ed.select('Guest state')).toHaveValue('running');
    await expect(ed.button('Undo')).toBeDisabled();
    await expect(ed.button('Redo')).toBeDisabled();

    // The XML shows the mail's text with a hint after each node's start tag.
    await expect(ed.xml).toContainText("<disk type='quorum' device='disk'>");
    await expect(ed.xml.locator('.cm-node-hint')).toHaveCount(5);
    await expect(ed.xml.locator('.cm-node-hint[data-position="hda[2]"]')).toHaveText('hda[2] · ide0-0-0[2]');
    await expect(ed.staleBanner).toHaveCount(0);
    expect(await ops.renumberRefusal()).toMatch(/running|runs/);
  });

  test('example: 3-file chain (libvirt, offline: ids 1, 2, 3 top-down)', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);
    await ed.expectNode('vda[0]', 1, '/var/lib/libvirt/images/top.qcow2');
    await ed.expectNode('vda[1]', 2, '/var/lib/libvirt/images/mid.qcow2');
    await ed.expectNode('vda[2]', 3, '/var/lib/libvirt/images/base.qcow2');
    await expect(ed.edges).toHaveCount(2);
    await expect(ed.frame('vda')).toHaveCount(1);
    await expect(ed.select('Dialect')).toHaveValue('libvirt');
    await expect(ed.select('Guest state')).toHaveValue('offline');
    // libvirt: the big label is the virsh address target[id]; the position is quiet.
    await expect(ed.node('vda[0]').locator('.sn-pos')).toHaveText('vda[1]');
    await expect(ed.node('vda[0]').locator('.sn-id')).toHaveText('#0');
    // The base ends the chain with <backingStore/>: drawn as terminated.
    await expect(ed.node('vda[2]').locator('.sn-end-terminated')).toBeVisible();
    await expect(ed.xml).toContainText('top.qcow2');
    await expect(ed.xml.locator('.cm-node-hint')).toHaveCount(3);
  });

  test('example: running libvirt chain keeps its index values (4, 3, 1)', async ({ ed, ops }) => {
    await ed.loadExample(EXAMPLE.liveChain);
    await ed.expectGraph([
      { address: 'vda[0]', id: '[4]' },
      { address: 'vda[1]', id: '[3]' },
      { address: 'vda[2]', id: '[1]' },
    ]);
    await ed.expectNode('vda[0]', 4, '/var/lib/libvirt/images/demo.snap2');
    await ed.expectNode('vda[2]', 1, '/var/lib/libvirt/images/demo.qcow2');
    await expect(ed.select('Dialect')).toHaveValue('libvirt');
    await expect(ed.select('Guest state')).toHaveValue('running');
    expect(await ops.renumberRefusal()).toMatch(/running|runs/);
  });

  test('example: several disks, fresh libvirt numbering disks last-to-first, one counter from 1', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.multiDisk);
    await ed.expectGraph([
      { address: 'sda[0]', id: '[1]' },
      { address: 'vdb[0]', id: '[2]' },
      { address: 'vda[0]', id: '[3]' },
      { address: 'vda[1]', id: '[4]' },
    ]);
    for (const t of ['vda', 'vdb', 'sda']) await expect(ed.frame(t)).toHaveCount(1);
    await ed.expectNode('vda[0]', 3, '/var/lib/libvirt/images/system.qcow2');
    await ed.expectNode('vda[1]', 4, '/var/lib/libvirt/images/golden.qcow2');
    await ed.expectNode('vdb[0]', 2, '/var/lib/libvirt/images/data.raw');
    await ed.expectNode('sda[0]', 1, '/var/lib/libvirt/images/install.iso');
    await expect(ed.edges).toHaveCount(1);
    // sda has no <backingStore> at all: the end is open (probed), vdb is terminated.
    await expect(ed.node('sda[0]').locator('.sn-end-open')).toBeVisible();
    await expect(ed.node('vdb[0]').locator('.sn-end-terminated')).toBeVisible();
    // Frames do not overlap each other.
    const boxes = await Promise.all(['vda', 'vdb', 'sda'].map((t) => ed.frame(t).boundingBox()));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
        expect(overlap, `frames ${i} and ${j} overlap`).toBeLessThan(1);
      }
    }
  });

  test('example: network, block and file layers', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mixedLayers);
    await ed.expectGraph([
      { address: 'vda[0]', id: '[1]' },
      { address: 'vda[1]', id: '[2]' },
      { address: 'vda[2]', id: '[3]' },
    ]);
    await ed.expectNode('vda[0]', 1, 'nbd://storage.example.org:10809/overlay');
    await ed.expectNode('vda[1]', 2, '/dev/vg0/golden');
    await ed.expectNode('vda[2]', 3, '/var/lib/libvirt/images/base.raw');
    await expect(ed.node('vda[0]').locator('.sn-type')).toHaveText('network');
    await expect(ed.node('vda[1]').locator('.sn-type')).toHaveText('block');
  });

  test('example: back to the quorum from another example', async ({ ed }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    await expect(ed.nodes).toHaveCount(3);
    await ed.loadExample(EXAMPLE.mailQuorum);
    await ed.expectGraph(MAIL_QUORUM_NODES);
    await expect(ed.select('Dialect')).toHaveValue('proposal');
    // Loading an example is one undoable step.
    await ed.button('Undo').click();
    await expect(ed.nodes).toHaveCount(3);
    await expect(ed.node('vda[0]')).toBeVisible();
  });

  test('New starts a one-image document', async ({ ed }) => {
    await ed.button('New').click();
    await ed.expectGraph([{ address: 'vda[0]', id: '[1]' }]);
    await expect(ed.edges).toHaveCount(0);
    await expect(ed.xml).toContainText('disk.qcow2');
  });
});
