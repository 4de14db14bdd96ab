/**
 * The checks both suites run: on the saved fixtures (readers.test.ts) and
 * on the same outputs taken live from the real tools (real.test.ts). Each
 * imports some outputs and compares the result with the chain the tool was
 * built from: the qemu-img images as made, the topology Strata's QMP export
 * built, libvirt's own `virsh dumpxml` of the running guest.
 */
import { expect } from 'vitest';
import { derive } from '../../../src/core/numbers/derive';
import type { DomainDoc } from '../../../src/core/model/types';
import { join } from 'node:path';
import { load } from '../../helpers/load';
import { qemuImgTruth } from './tools';
import type { Outputs } from './tools';
import type { DiskShape } from './shape';
import { codes, imported, mask, shape } from './shape';

export interface Ctx {
  readonly outputs: Outputs;
  /** Where the qemu-img images were made (the paths in its outputs). */
  readonly imgDir: string;
  /** Where the bare QEMU's chain images were made. */
  readonly qmpDir: string;
}

export interface Case {
  readonly name: string;
  readonly check: (ctx: Ctx) => void;
}

const QEMU_IMG_FILES = [
  'qemu-img/chain.json',
  'qemu-img/single.json',
  'qemu-img/raw.json',
  'qemu-img/raw-single.json',
  'qemu-img/relative.json',
  'qemu-img/relative-cwd.json',
  'qemu-img/no-backing-format.json',
  'qemu-img/no-backing-format-single.json',
  'qemu-img/dirty.json',
  'qemu-img/corrupt.json',
  'qemu-img/deep.json',
];

const qemuImgCases: Case[] = QEMU_IMG_FILES.map((file) => ({
  name: `qemu-img: ${file} is the chain qemu-img made`,
  check: (ctx) => {
    const r = imported(ctx.outputs, [file]);
    expect(r.formats).toEqual([{ input: file, format: 'qemu-img-info' }]);
    expect(r.doc.dialect).toBe('libvirt');
    expect(r.doc.state).toBe('offline');
    expect(shape(r.doc)).toEqual(shape(load(qemuImgTruth(ctx.imgDir)[file]!, file)));
  },
}));

/** libvirt's own document of the running guest. */
const live = (ctx: Ctx): DiskShape[] => shape(load(ctx.outputs['virsh/dumpxml.xml']!, 'dumpxml'));
const withoutCdrom = (s: DiskShape[]): DiskShape[] => s.filter((d) => d.device !== 'cdrom');

const FULL: readonly (readonly string[])[] = [
  ['virsh/named-nodes-flat.json', 'virsh/domblklist-details.txt'],
  ['virsh/named-nodes.json', 'virsh/domblklist-details.txt'],
  ['virsh/named-nodes-pretty.json', 'virsh/domblklist-quiet.txt'],
  ['virsh/block-graph.json', 'virsh/named-nodes-flat.json', 'virsh/domblklist-details.txt'],
  ['virsh/query-block.json', 'virsh/named-nodes.json', 'virsh/domblklist.txt'],
  ['virsh/named-nodes-flat.json', 'virsh/domstats-backing.txt'],
  ['virsh/domstats-backing.txt', 'virsh/named-nodes-flat.json', 'virsh/block-graph.json', 'virsh/query-block.json', 'virsh/domblklist-details.txt'],
];

const virshCases: Case[] = [
  ...FULL.map((files) => ({
    name: `libvirt: ${files.map((f) => f.replace('virsh/', '')).join(' + ')} equal virsh dumpxml`,
    check: (ctx: Ctx) => {
      const r = imported(ctx.outputs, files);
      expect(r.doc.state).toBe('running');
      expect(shape(r.doc)).toEqual(live(ctx));
      expect(codes(r)).not.toContain('import-mismatch');
    },
  })),
  {
    name: 'libvirt: named nodes alone give the chains and indexes; the targets are named in order and said to be',
    check: (ctx) => {
      for (const f of ['virsh/named-nodes-flat.json', 'virsh/named-nodes.json']) {
        const r = imported(ctx.outputs, [f]);
        // Disks in libvirt's start order (highest top index first): here the same targets as the guest's.
        expect(shape(r.doc)).toEqual(withoutCdrom(live(ctx)));
        expect(codes(r)).toContain('import-guessed');
      }
    },
  },
  {
    name: 'libvirt: query-block alone gives the devices, chains and top indexes',
    check: (ctx) => {
      const r = imported(ctx.outputs, ['virsh/query-block.json']);
      expect(mask(shape(r.doc), [4])).toEqual(mask(live(ctx), [4]));
      expect(shape(r.doc).map((d) => d.nodes[0])).toEqual(live(ctx).map((d) => d.nodes[0]));
      expect(derivedAliases(r.doc)).toEqual(derivedAliases(load(ctx.outputs['virsh/dumpxml.xml']!, 'dumpxml')));
    },
  },
  {
    name: 'libvirt: domstats --backing gives targets, paths and indexes, not formats',
    check: (ctx) => {
      const r = imported(ctx.outputs, ['virsh/domstats-backing.txt']);
      expect(mask(shape(r.doc), [2])).toEqual(mask(live(ctx), [2]));
      expect(r.doc.disks.length).toBe(live(ctx).length);
      expect(codes(r)).toContain('import-format-unknown');
    },
  },
  {
    name: 'libvirt: domblklist and domstats without --backing give the tops; the chains are left open',
    check: (ctx) => {
      // Each disk's top as libvirt shows it, with no format or id and the chain open below.
      const top = (line: string, keepId: boolean): string => {
        const [depth, type, , path, id] = line.split(' ');
        return [depth, type, path === '-' ? '-' : '*', path, keepId ? id : '*', 'open'].join(' ');
      };
      const tops = (keepId: boolean): DiskShape[] => live(ctx).map((d) => ({ ...d, nodes: [top(d.nodes[0]!, keepId)] }));
      const r = imported(ctx.outputs, ['virsh/domblklist-details.txt']);
      expect(mask(shape(r.doc), [2, 4])).toEqual(mask(tops(false), [2, 4]));
      expect(r.doc.state).toBe('offline');
      expect(codes(r)).toEqual(expect.arrayContaining(['import-chain-unknown', 'import-format-unknown']));
      const s = imported(ctx.outputs, ['virsh/domstats.txt']);
      expect(mask(shape(s.doc), [2])).toEqual(mask(tops(true), [2]));
      expect(codes(s)).toContain('import-chain-unknown');
    },
  },
  {
    name: 'libvirt: the header without a backing format is found in the live outputs too, with its fix',
    check: (ctx) => {
      const r = imported(ctx.outputs, ['virsh/named-nodes-flat.json', 'virsh/domblklist-details.txt']);
      const d = r.diagnostics.find((x) => x.code === 'import-backing-format-missing');
      expect(d?.message).toMatch(/qemu-img rebase -u -F 'qcow2' -b '[^']*nfbase\.qcow2' '[^']*nf\.qcow2'/);
      expect(r.diagnostics.filter((x) => x.code === 'import-backing-relative').map((x) => x.message.includes("'c0.qcow2'"))).toEqual([true]);
    },
  },
];

const derivedAliases = (doc: DomainDoc): (string | null)[] => derive(doc).disks.map((d) => d.alias);

/** The bare QEMU: the export's guest, plus the layer QEMU opened itself below vdc's open end. */
function bareTruth(ctx: Ctx): string[][] {
  const doc = load(ctx.outputs['qmp/export-chain.xml']!, 'the exported chain');
  return shape(doc)
    .map((d) => (d.target !== 'vdc' ? d.nodes : [d.nodes[0]!.replace(/ open$/, ''), `1 file qcow2 ${join(ctx.qmpDir, 'chain', 'c0.qcow2')} #? terminated`]))
    .map((n) => [...n])
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const qmpCases: Case[] = [
  ...[['qmp/named-nodes-flat.json'], ['qmp/named-nodes.json'], ['qmp/named-nodes-flat.json', 'qmp/block-graph.json']].map((files) => ({
    name: `QEMU: ${files.join(' + ')} is the topology Strata's export built`,
    check: (ctx: Ctx) => {
      const r = imported(ctx.outputs, files);
      const got = shape(r.doc).map((d) => [...d.nodes]).sort((a, b) => a[0]!.localeCompare(b[0]!));
      expect(got).toEqual(bareTruth(ctx));
      expect(codes(r)).toContain('import-no-index');
    },
  })),
  ...[['qmp/quorum-named-nodes-flat.json'], ['qmp/quorum-named-nodes-flat.json', 'qmp/quorum-block-graph.json']].map((files) => ({
    name: `QEMU: ${files.join(' + ')} is the quorum Strata's export built (proposal dialect)`,
    check: (ctx: Ctx) => {
      const r = imported(ctx.outputs, files);
      expect(r.doc.dialect).toBe('proposal');
      expect(shape(r.doc)).toEqual(shape(load(ctx.outputs['qmp/export-quorum.xml']!, 'the exported quorum')));
      expect(codes(r)).toContain('import-quorum');
    },
  })),
];

export const CASES: readonly Case[] = [...qemuImgCases, ...virshCases, ...qmpCases];
