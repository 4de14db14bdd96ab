/**
 * Long chains drawn as people read them (issue 12): the top layers, the
 * base, one "… N layers …" node that expands; the address bar, the
 * selection and the operations still reach every layer.
 */
import { expect, test } from './support/fixtures';

/** A running libvirt chain of `depth` layers, indented like virsh dumpxml (index 1 on the top). */
function longChain(depth: number): string {
  const lines: string[] = ["<domain type='kvm'>", '  <name>deep</name>', '  <devices>', "    <disk type='file' device='disk'>", "      <driver name='qemu' type='qcow2'/>", "      <source file='/var/lib/libvirt/images/deep.0.qcow2' index='1'/>"];
  const close: string[] = [];
  for (let i = 1; i < depth; i++) {
    const pad = ' '.repeat(6 + 2 * (i - 1));
    lines.push(`${pad}<backingStore type='file' index='${i + 1}'>`, `${pad}  <format type='qcow2'/>`, `${pad}  <source file='/var/lib/libvirt/images/deep.${i}.qcow2'/>`);
    close.unshift(`${pad}</backingStore>`);
  }
  lines.push(`${' '.repeat(6 + 2 * (depth - 1))}<backingStore/>`, ...close, "      <target dev='vda' bus='virtio'/>", '    </disk>', '  </devices>', '</domain>', '');
  return lines.join('\n');
}

test('a 40-layer chain: top three, one "… 36 layers …" node, the base; the address bar and Draw all reach the rest', async ({ ed, page }) => {
  await ed.pasteXml(longChain(40));
  await ed.applyXml();
  const group = page.locator('.react-flow__node[data-collapsed]');
  await expect(group).toHaveCount(1);
  await expect(group).toContainText('… 36 layers …');
  await expect(group).toContainText('vda[4] … vda[39]');
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.node('vda[39]')).toBeVisible(); // the base, by position

  // A layer inside the group, asked for by its virsh address: drawn with a layer either side, the rest stays folded.
  const address = page.getByRole('textbox', { name: 'Address', exact: true });
  await address.fill('vda[21]');
  await address.press('Enter');
  await expect(ed.node('vda[20]')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-collapsed]')).toHaveCount(2);
  // Off-screen nodes are not rendered (onlyRenderVisibleElements): fit the view to count what is drawn.
  await page.locator('.react-flow__controls-fitview').click();
  await expect(ed.nodes).toHaveCount(7);

  // Draw all: every layer is a node again.
  await page.locator('.react-flow__node[data-collapsed]').first().getByRole('button', { name: 'Draw all' }).click();
  await page.locator('.react-flow__controls-fitview').click();
  await expect(page.locator('.react-flow__node[data-collapsed]')).toHaveCount(1);
  await page.locator('.react-flow__node[data-collapsed]').getByRole('button', { name: 'Draw all' }).click();
  await expect(page.locator('.react-flow__node[data-collapsed]')).toHaveCount(0);
  for (const far of ['vda[10]', 'vda[30]']) {
    await address.fill(far);
    await address.press('Enter');
    await expect(page.locator(`.react-flow__node[data-disk][data-address="vda[${Number(far.slice(4, -1)) - 1}]"]`)).toBeVisible();
  }
});

test('operations reach hidden layers: a commit of a layer inside the group, picked in the dialog', async ({ ed, ops, page }) => {
  await ed.pasteXml(longChain(30));
  await ed.applyXml();
  await expect(page.locator('.react-flow__node[data-collapsed]')).toContainText('… 26 layers …');
  await ops.open('Commit');
  await ops.choose('Top', 'vda[10]');
  await ops.choose('Base', 'vda[11]');
  await ops.apply('Commit');
  await expect(page.locator('.react-flow__node[data-collapsed]')).toContainText(/… 2\d layers …/);
  await expect.poll(async () => (await ed.xmlText()).includes('deep.10.qcow2')).toBe(false);
});
