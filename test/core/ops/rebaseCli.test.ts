/**
 * `strata op FILE rebase --at ADDR --onto ADDR`: the CLI names U and N by
 * address (it has no editor uids); the core takes either.
 */
import { describe, expect, it } from 'vitest';
import { opCommand } from '../../../src/cli/commands/op';
import { UsageError } from '../../../src/cli/shared/args';

const CHAIN = `<domain type='kvm'>
  <name>web</name>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/img/top.qcow2' index='3'/>
      <backingStore type='file' index='2'><format type='qcow2'/><source file='/img/mid.qcow2'/>
        <backingStore type='file' index='1'><format type='qcow2'/><source file='/img/base.qcow2'/><backingStore/></backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
  </devices>
</domain>`;

function run(argv: string[], text = CHAIN): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const status = opCommand(argv, { readInput: () => text, out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}

describe('strata op … rebase', () => {
  it('--at and --onto take addresses; the result is the document with top backing onto base', () => {
    const r = run(['guest.xml', 'rebase', '--at', 'vda', '--onto', 'vda[1]']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).not.toContain('mid.qcow2');
    expect(r.out).toContain("<source file='/img/top.qcow2' index='3'/>\n      <backingStore type='file' index='1'>");
  });

  it('--commands of a running guest: the pull down to the new backing file', () => {
    const r = run(['guest.xml', 'rebase', '--at', 'vda', '--onto', '/img/base.qcow2', '--commands']);
    expect(r.status).toBe(0);
    expect(r.out).toBe(
      [
        '# virsh',
        "virsh blockpull web vda --base 'vda[1]' --wait",
        '# QMP: one command per line',
        '{"execute":"block-stream","arguments":{"job-id":"pull-vda-libvirt-3-format","device":"libvirt-3-format","base-node":"libvirt-1-format"}}',
        '{"execute":"blockdev-del","arguments":{"node-name":"libvirt-2-format"}}',
        '{"execute":"blockdev-del","arguments":{"node-name":"libvirt-2-storage"}}',
        '# note: Send the commands after block-stream once QEMU reports BLOCK_JOB_COMPLETED for pull-vda-libvirt-3-format.',
        '',
      ].join('\n'),
    );
  });

  it('a refusal is exit 1 with the reason; a missing option is a usage error', () => {
    const r = run(['guest.xml', 'rebase', '--at', 'vda', '--onto', 'vda[2]']);
    expect(r.status).toBe(1);
    expect(r.err).toBe('vda[2] (/img/mid.qcow2) already backs vda[3] (/img/top.qcow2) directly; there is nothing to rebase (drop the edge on an image further down to skip layers).\n');
    expect(() => run(['guest.xml', 'rebase', '--at', 'vda'])).toThrow(UsageError);
    expect(() => run(['guest.xml', 'rebase', '--at', 'vda'])).toThrow('rebase needs --onto.');
  });
});
