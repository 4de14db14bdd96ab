/**
 * Every finding of the import, on saved real outputs: what the header shows
 * (no backing format, a relative backing name, dirty, corrupt, too deep),
 * what the output does not carry, what two outputs disagree on; each one's
 * fix where the output shows trouble, and its place: the node it is about
 * in the imported document. Where a case needs an output the tools did not
 * print as such (a quoted path, a node seen twice), it is the saved output
 * with one change, said in the test.
 */
import { describe, expect, it } from 'vitest';
import { preorder } from '../../../src/core/model/walk';
import { MAX_CHAIN_LEVELS } from '../../../src/core/validate/disk';
import { DEEP } from './tools';
import { FAKE_DIR, fixture, fixtures } from './fixtures';
import type { Imported } from './shape';
import { codes, imported } from './shape';

const all = fixtures();
const one = (r: Imported, code: string): Imported['diagnostics'][number] => {
  const list = r.diagnostics.filter((d) => d.code === code);
  expect(list.map((d) => d.code), `one ${code} in ${codes(r).join(', ')}`).toEqual([code]);
  return list[0]!;
};
/** The node a diagnostic points at, by its position in its disk. */
const position = (r: Imported, d: Imported['diagnostics'][number]): number => preorder(r.doc.disks[d.disk!]!.src).findIndex((v) => v.node.uid === d.node);

describe('findings in image headers, each with its fix', () => {
  it('a backing file without a backing format: the probed format in the fix, shell-quoted', () => {
    const r = imported(all, ['qemu-img/no-backing-format.json']);
    const d = one(r, 'import-backing-format-missing');
    expect(d.severity).toBe('warning');
    expect(d.message).toContain(`qemu-img rebase -u -F 'qcow2' -b '${FAKE_DIR}/nfbase.qcow2' '${FAKE_DIR}/nf.qcow2'`);
    expect(d.message).toContain('backing format must be specified');
    expect(position(r, d)).toBe(0);
  });

  it('without --backing-chain the format is not known: a placeholder says where to find it', () => {
    const r = imported(all, ['qemu-img/no-backing-format-single.json']);
    expect(one(r, 'import-backing-format-missing').message).toMatch(/-F 'FORMAT' -b .*\(FORMAT: the backing file's format/);
  });

  it("paths with spaces and quotes are quoted for sh (the saved output under a directory named \"my images/it's\")", () => {
    const text = fixture('qemu-img/no-backing-format.json').replaceAll(FAKE_DIR, "/var/lib/my images/it's");
    const r = imported({ f: text }, ['f']);
    expect(one(r, 'import-backing-format-missing').message).toContain(`-b '/var/lib/my images/it'\\''s/nfbase.qcow2' '/var/lib/my images/it'\\''s/nf.qcow2'`);
  });

  it('a relative backing name: what it resolves to, and the rebase that makes it absolute', () => {
    const r = imported(all, ['qemu-img/relative.json']);
    const d = one(r, 'import-backing-relative');
    expect(d.severity).toBe('info');
    expect(d.message).toContain(`'../mid.qcow2'`);
    expect(d.message).toContain(`${FAKE_DIR}/sub/../mid.qcow2`);
    expect(d.message).toContain(`qemu-img rebase -u -F 'qcow2' -b '${FAKE_DIR}/sub/../mid.qcow2' '${FAKE_DIR}/sub/rel.qcow2'`);
    expect(position(r, d)).toBe(0);
  });

  it('a dirty image (qemu-io crashed with lazy refcounts) and a corrupt one (QEMU marked it)', () => {
    const dirty = one(imported(all, ['qemu-img/dirty.json']), 'import-dirty');
    expect(dirty.severity).toBe('warning');
    expect(dirty.message).toContain(`qemu-img check -r all '${FAKE_DIR}/dirty.qcow2'`);
    const corrupt = one(imported(all, ['qemu-img/corrupt.json']), 'import-corrupt');
    expect(corrupt.severity).toBe('error');
    expect(corrupt.message).toContain(`qemu-img check -r all '${FAKE_DIR}/corrupt.qcow2'`);
    expect(codes(imported(all, ['qemu-img/chain.json']))).not.toEqual(expect.arrayContaining(['import-dirty', 'import-corrupt', 'import-backing-format-missing']));
  });

  it(`a chain deeper than ${MAX_CHAIN_LEVELS} levels: validate's chain-deep on the imported document`, () => {
    const r = imported(all, ['qemu-img/deep.json']);
    expect(preorder(r.doc.disks[0]!.src)).toHaveLength(DEEP);
    const d = one(r, 'chain-deep');
    expect(d.message).toContain(`${DEEP} levels`);
    expect(d.input).toBe('qemu-img/deep.json');
  });
});

describe('what the output does not say, said', () => {
  it('a relative name given to qemu-img: a warning, and --dir places the paths', () => {
    const r = imported(all, ['qemu-img/relative-cwd.json']);
    expect(one(r, 'import-relative-name').severity).toBe('warning');
    expect(codes(r)).toContain('relative-path');
    const placed = imported(all, ['qemu-img/relative-cwd.json'], { dir: '/srv/images' });
    expect(codes(placed)).not.toEqual(expect.arrayContaining(['import-relative-name', 'relative-path']));
    expect(placed.xml).toContain(`<source file='/srv/images/sub/rel.qcow2'/>`);
    expect(placed.xml).toContain(`<source file='/srv/images/sub/../mid.qcow2'/>`);
  });

  it('qemu-img info without --backing-chain: the chain is open below, and why', () => {
    const r = imported(all, ['qemu-img/single.json']);
    expect(one(r, 'import-chain-unknown').message).toContain(`${FAKE_DIR}/mid.qcow2`);
    expect(r.doc.disks[0]!.src.end).toBe('open');
    expect(r.xml).not.toContain('<backingStore');
    const raw = imported(all, ['qemu-img/raw-single.json']);
    expect(codes(raw)).not.toContain('import-chain-unknown');
    expect(raw.xml).toContain('<backingStore/>');
  });

  it('targets and the guest name are made up only when no output gives them, and said so', () => {
    const alone = imported(all, ['virsh/named-nodes-flat.json']);
    expect(alone.diagnostics.filter((d) => d.code === 'import-guessed')).toHaveLength(2);
    expect(alone.xml).toContain('<name>DOMAIN</name>');
    // domstats names the guest and the targets, not what kind the empty drive is: that guess is said too.
    const stats = imported(all, ['virsh/named-nodes-flat.json', 'virsh/domstats-backing.txt']);
    expect(stats.diagnostics.filter((d) => d.code === 'import-guessed').map((d) => d.message)).toEqual([expect.stringMatching(/^hdc has no medium .* written as a cdrom/)]);
    const named = imported(all, ['virsh/named-nodes-flat.json', 'virsh/domstats-backing.txt', 'virsh/domblklist-details.txt']);
    expect(codes(named)).not.toContain('import-guessed');
    expect(named.xml).toContain('<name>strata-import</name>');
  });

  it('nodes QEMU opened itself have no id; a quorum makes the document proposal', () => {
    const r = imported(all, ['qmp/named-nodes-flat.json']);
    const d = one(r, 'import-no-index');
    expect(d.message).toContain('c0.qcow2');
    expect(position(r, d)).toBe(1);
    const q = imported(all, ['qmp/quorum-named-nodes-flat.json']);
    const quorum = one(q, 'import-quorum');
    expect(position(q, quorum)).toBe(1);
    expect(q.xml).toContain("<backingStore type='quorum' index='1'>");
  });
});

describe('outputs that disagree or leave a choice', () => {
  it('domstats of one guest with the named nodes of another: matched by index, the paths disagree', () => {
    const r = imported(all, ['virsh/domstats-backing.txt', 'qmp/named-nodes-flat.json']);
    expect(codes(r)).toContain('import-mismatch');
    expect(r.diagnostics.find((d) => d.code === 'import-mismatch')!.message).toMatch(/is .* in .* but .* in /);
  });

  it('two nodes with the same file name fit one backing link (the saved output with vda\'s base listed twice)', () => {
    const value = JSON.parse(fixture('virsh/named-nodes-flat.json')) as { return: { 'node-name': string }[] };
    const base = value.return.find((n) => n['node-name'] === 'libvirt-8-format')!;
    value.return.push({ ...base, 'node-name': 'libvirt-99-format' });
    const r = imported({ f: JSON.stringify(value) }, ['f']);
    expect(one(r, 'import-ambiguous').message).toContain('libvirt-8-format was chosen');
    expect(r.xml).toContain("index='8'");
    // The copy is a disk of its own (nothing uses it); the graph would have said which node is the backing.
    const g = imported({ f: JSON.stringify(value), g: fixture('virsh/block-graph.json') }, ['f', 'g']);
    expect(codes(g)).not.toContain('import-ambiguous');
    expect(codes(g)).toContain('import-unattached');
  });
});

describe('outputs combined', () => {
  it("domblklist + qemu-img info of a disk's top: that disk gets the chain and formats, the others stay open", () => {
    // Both were saved under /var/lib/libvirt/images, where vda's images have the names qemu-img's chain has.
    const r = imported(all, ['virsh/domblklist-details.txt', 'qemu-img/chain.json']);
    const vda = r.doc.disks[0]!;
    expect(preorder(vda.src).map((v) => v.node.format)).toEqual(['qcow2', 'qcow2', 'raw']);
    expect(preorder(vda.src).at(-1)!.node.end).toBe('terminated');
    expect(r.doc.disks.slice(1, 5).map((d) => [d.src.backing.length, d.src.end])).toEqual(Array(4).fill([0, 'open']));
    expect(r.diagnostics.filter((d) => d.code === 'import-chain-unknown').map((d) => d.disk)).toEqual([1, 2, 3, 4]);
    expect(codes(r)).not.toContain('import-mismatch');
  });

  it('a raw image without a format node (as newer libvirt opens it: the saved output with libvirt-5-format taken out)', () => {
    const value = JSON.parse(fixture('virsh/named-nodes-flat.json')) as { return: { 'node-name': string }[] };
    value.return = value.return.filter((n) => n['node-name'] !== 'libvirt-5-format');
    const r = imported({ f: JSON.stringify(value) }, ['f']);
    expect(r.xml).toContain(`<driver name='qemu' type='raw'/>\n      <source file='${FAKE_DIR}/b.raw' index='5'/>`);
  });

  it("targets from the node-names Strata's export gives a guest of several proposal disks (libvirt-vdb-0-format)", () => {
    const r = imported(all, ['qmp/quorum-named-nodes-flat.json']);
    expect(r.xml).toMatch(/<target dev='vda' bus='virtio'\/>[\s\S]*<target dev='vdb' bus='virtio'\/>/);
    expect(r.diagnostics.filter((d) => d.code === 'import-guessed').map((d) => d.message)).toEqual([expect.stringMatching(/domain is called DOMAIN/)]);
  });
});

describe('where findings point', () => {
  const sets = [
    ['qemu-img/no-backing-format.json'],
    ['qemu-img/relative.json'],
    ['qemu-img/deep.json'],
    ['virsh/named-nodes.json', 'virsh/domblklist-details.txt'],
    ['virsh/domstats-backing.txt'],
    ['qmp/named-nodes-flat.json'],
    ['qmp/quorum-named-nodes-flat.json', 'qmp/quorum-block-graph.json'],
  ];
  it.each(sets)('%s: at the node they are about, in the XML printed', (...files) => {
    const r = imported(all, files);
    const lines = r.xml.split('\n');
    for (const d of r.diagnostics) {
      expect(files).toContain(d.input);
      if (d.node === undefined) continue;
      const v = preorder(r.doc.disks[d.disk!]!.src).find((x) => x.node.uid === d.node)!;
      const at = v.node.loc ?? r.doc.disks[d.disk!]!.loc!;
      expect([d.line, d.col], `${d.code} at its node`).toEqual([at.line, at.col]);
      expect(lines[d.line - 1]!.slice(d.col - 1)).toMatch(/^<(disk|backingStore)\b/);
    }
  });
});
