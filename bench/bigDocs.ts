/**
 * The big documents of issue 12, as text: the browser bench and the e2e
 * spec (e2e/big.spec.ts) paste the same ones. Pure TypeScript, no Node
 * imports. Every disk target starts with TARGET_PREFIX (no example uses
 * `xvd`), so a page can tell "the graph shows the pasted document" from the
 * example it started with, at any zoom (far nodes show no paths).
 */
import { libvirtChain } from './cases';

export const PATH_PREFIX = '/big/';
export const TARGET_PREFIX = 'xvd';
/** A graph node of a pasted big document. */
export const BIG_NODE = `.react-flow__node[data-disk^="${TARGET_PREFIX}"]`;

/** xvda, xvdb, … xvdz, xvdaa, xvdab, …: a distinct target per disk (libvirt's own order of names). */
export function diskTarget(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `${TARGET_PREFIX}${s}`;
}

/** One qcow2 overlay on a raw base: the "2 layers each" disk. */
function twoLayerDisk(i: number): string {
  const dev = diskTarget(i);
  return [
    "    <disk type='file' device='disk'>",
    "      <driver name='qemu' type='qcow2'/>",
    `      <source file='${PATH_PREFIX}${dev}/top.qcow2'/>`,
    "      <backingStore type='file'>",
    "        <format type='raw'/>",
    `        <source file='${PATH_PREFIX}${dev}/base.raw'/>`,
    '        <backingStore/>',
    '      </backingStore>',
    `      <target dev='${dev}' bus='virtio'/>`,
    '    </disk>',
  ].join('\n');
}

/** A `<domain>` with `disks` disks of two layers each (300: ~107 KB, 2,000: ~0.7 MB). */
export function domainOfDisks(disks: number): string {
  const body: string[] = [];
  for (let i = 0; i < disks; i++) body.push(twoLayerDisk(i));
  return [
    "<domain type='kvm'>",
    '  <name>big</name>',
    '  <uuid>5d0c6f4e-8a6b-4c1e-9d0a-3b7f2e1c9a44</uuid>',
    "  <memory unit='KiB'>2097152</memory>",
    '  <os>',
    "    <type arch='x86_64' machine='q35'>hvm</type>",
    '  </os>',
    '  <devices>',
    ...body,
    '  </devices>',
    '</domain>',
    '',
  ].join('\n');
}

/**
 * A libvirt chain of `depth` layers as a bare `<disk>`: indented like `virsh
 * dumpxml` by default (1,000 levels: ~4.1 MB, mostly spaces), or not (10,000
 * levels: ~0.8 MB).
 */
export function bigChain(depth: number, indent = true): string {
  return libvirtChain(depth, { indent }).replaceAll('/images/', PATH_PREFIX).replace("dev='vda'", `dev='${diskTarget(0)}'`);
}

export interface BigDoc {
  readonly name: string;
  readonly text: string;
  /** A node of this document the graph draws once it is shown (its top, found by source title). */
  readonly topSource: string;
}

export const bigDocs = {
  disks3: (): BigDoc => ({ name: '3 disks, 2 layers each', text: domainOfDisks(3), topSource: `${PATH_PREFIX}xvda/top.qcow2` }),
  disks300: (): BigDoc => ({ name: '300 disks, 2 layers each', text: domainOfDisks(300), topSource: `${PATH_PREFIX}xvda/top.qcow2` }),
  disks2000: (): BigDoc => ({ name: '2,000 disks, 2 layers each', text: domainOfDisks(2000), topSource: `${PATH_PREFIX}xvda/top.qcow2` }),
  chain1000: (): BigDoc => ({ name: '1,000-level chain, indented', text: bigChain(1000), topSource: `${PATH_PREFIX}layer999.qcow2` }),
  chain10000: (): BigDoc => ({ name: '10,000-level chain', text: bigChain(10_000, false), topSource: `${PATH_PREFIX}layer9999.qcow2` }),
} as const;

/** The address-bar query of issue 12 that froze the page: every element counts every element (quadratic). */
export const WORST_XPATH = '//*[count(//*) > 0]';
