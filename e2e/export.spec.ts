/** Export to QEMU from the UI: the same text the core (and `strata export`) produces, as a download. */
import { expect, test } from './support/fixtures';
import { EXAMPLE } from './support/editor';

test.describe('export', () => {
  test('QMP export downloads the blockdev-add sequence of the whole topology', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const download = page.waitForEvent('download');
    await page.getByLabel('Export').selectOption('qmp');
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const commands = JSON.parse(text) as { execute: string; arguments: Record<string, unknown> }[];
    expect(commands.every((c) => c.execute === 'blockdev-add')).toBe(true);
    const names = commands.map((c) => c.arguments['node-name']);
    // Children first: the base's nodes come before the top's; ids 3 (base), 2 (mid), 1 (top) in libvirt.
    expect(names.indexOf('libvirt-3-format')).toBeLessThan(names.indexOf('libvirt-1-format'));
    expect(commands.find((c) => c.arguments['node-name'] === 'libvirt-1-format')!.arguments['backing']).toBe('libvirt-2-format');
  });

  test('qemu-img export downloads a script that creates the images, bases first, with -F', async ({ ed, page }) => {
    await ed.loadExample(EXAMPLE.mailChain);
    const download = page.waitForEvent('download');
    await page.getByLabel('Export').selectOption('qemu-img');
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(text.startsWith('#!/bin/sh')).toBe(true);
    expect(text).toContain('qemu-img create -f qcow2');
    expect(text).toContain('-F qcow2');
    expect(text.indexOf('base.qcow2')).toBeLessThan(text.indexOf('top.qcow2'));
  });
});
