/**
 * Imported disks → XML text, written the way libvirt prints a running
 * guest (and Strata's writer writes): libvirt dialect, `<driver>` on the
 * top, `<format>` on each `<backingStore>`, `index` on the top's `<source>`
 * and on each `<backingStore>` when ids are known, `<backingStore/>` where
 * the chain is known to end, nothing where it is unknown. A quorum cannot
 * be said in libvirt's XML, so a document with one is written in the
 * proposal dialect: `<driver … node='[N]'/>` on every level and `index` =
 * position on each `<backingStore>`. One disk without a guest name is a
 * bare `<disk>`; otherwise a `<domain>`. Iterative: chains can be deep.
 */
import type { Dialect } from '../model/types';
import { rules } from '../dialect/rules';
import { firstIllegal } from '../xml/chars';
import { escapeAttr, escapeText } from '../xml/write';
import type { ImpDisk, ImpNode } from './types';
import { ImportError } from './types';

export interface WriteInput {
  readonly disks: readonly ImpDisk[];
  /** The guest's name; null for a bare `<disk>` (only possible with one disk). */
  readonly domain: string | null;
  readonly dialect: Dialect;
  /** Whether ids are written (they make the document a running one). */
  readonly ids: boolean;
}

/** The value, checked: XML 1.0 cannot carry every character a file name can hold. */
function legal(value: string, what: string): string {
  const at = firstIllegal(value, 0, value.length);
  if (at >= 0) {
    const cp = value.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0');
    throw new ImportError(`${what} '${[...value].map((c) => (c.charCodeAt(0) < 0x20 ? '?' : c)).join('')}' holds the character U+${cp}, which an XML document cannot carry; rename the file.`);
  }
  return value;
}

const attr = (name: string, value: string | number, what = name): string => ` ${name}='${escapeAttr(legal(String(value), what))}'`;

const BUS: readonly [RegExp, string][] = [
  [/^vd/, 'virtio'],
  [/^sd/, 'scsi'],
  [/^hd/, 'ide'],
  [/^fd/, 'fdc'],
  [/^xvd/, 'xen'],
];

function sourceEl(n: ImpNode, index: string): string {
  if (n.path === null) return '';
  const key = n.type === 'block' ? 'dev' : 'file';
  return `<source${attr(key, n.path, 'The path')}${index}/>`;
}

interface Item {
  readonly node: ImpNode;
  readonly depth: number;
  readonly close?: true;
}

/** One disk's lines, indented from `pad`. */
function diskLines(d: ImpDisk, w: WriteInput, pad: number): string[] {
  const lines: string[] = [];
  const sp = (depth: number): string => ' '.repeat(pad + 2 * depth);
  // Ids go on the format element as node='[N]' in the proposal; libvirt's index is written elsewhere.
  const proposal = rules(w.dialect).idAttribute === 'node';
  const top = d.top;
  const device = d.device ?? 'disk';
  lines.push(`${sp(0)}<disk${attr('type', top?.type ?? 'file')}${attr('device', device)}>`);
  const driver = (n: ImpNode): string => {
    const node = proposal && w.ids && n.id !== null ? attr('node', `[${n.id}]`) : '';
    const threshold = n.type === 'quorum' && n.threshold !== null ? attr('threshold', n.threshold) : '';
    return `<driver name='qemu'${n.format ? attr('type', n.format) : ''}${threshold}${node}/>`;
  };
  if (top) {
    // Nodes come off the stack in pre-order, so the count of them is each one's position.
    const stack: Item[] = [{ node: top, depth: 0 }];
    let position = 0;
    while (stack.length > 0) {
      const it = stack.pop()!;
      if (it.close) {
        lines.push(`${sp(it.depth)}</backingStore>`);
        continue;
      }
      const n = it.node;
      const here = position++;
      const inner = it.depth + 1;
      const libvirtIndex = !proposal && w.ids && n.id !== null ? attr('index', n.id) : '';
      if (it.depth === 0) {
        lines.push(sp(1) + driver(n));
        if (n.path !== null) lines.push(sp(1) + sourceEl(n, libvirtIndex));
      } else {
        const index = proposal ? attr('index', here) : libvirtIndex;
        lines.push(`${sp(it.depth)}<backingStore${attr('type', n.type ?? 'file')}${index}>`);
        if (proposal || n.type === 'quorum') lines.push(sp(inner) + driver(n));
        else if (n.format) lines.push(`${sp(inner)}<format${attr('type', n.format)}/>`);
        if (n.path !== null) lines.push(sp(inner) + sourceEl(n, ''));
        stack.push({ node: n, depth: it.depth, close: true });
      }
      if (n.below.length === 0 && n.end === 'terminated') lines.push(`${sp(inner)}<backingStore/>`);
      for (let i = n.below.length - 1; i >= 0; i--) stack.push({ node: n.below[i]!, depth: inner });
    }
  }
  const bus = BUS.find(([re]) => re.test(d.target ?? ''))?.[1];
  lines.push(`${sp(1)}<target${attr('dev', d.target ?? 'vda', 'The target')}${bus ? attr('bus', bus) : ''}/>`);
  if (d.alias !== null) lines.push(`${sp(1)}<alias${attr('name', d.alias, 'The alias')}/>`);
  lines.push(`${sp(0)}</disk>`);
  return lines;
}

export function writeImport(w: WriteInput): string {
  if (w.domain === null && w.disks.length === 1) return diskLines(w.disks[0]!, w, 0).join('\n') + '\n';
  const name = legal(w.domain ?? 'DOMAIN', 'The domain name');
  const body = w.disks.flatMap((d) => diskLines(d, w, 4));
  return ["<domain type='kvm'>", `  <name>${escapeText(name)}</name>`, '  <devices>', ...body, '  </devices>', '</domain>'].join('\n') + '\n';
}
