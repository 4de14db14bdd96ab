/**
 * Building nodes for the operations: new images, the disk-level `<driver>`
 * moving between nodes when the disk's top changes, and the checks every
 * new value goes through (types, formats, file paths).
 */
import type { DomainDoc, FormatElement, SrcNode } from '../model/types';
import { DEFAULT_OVERLAY_PATTERN, overlayName } from './overlayName';
import { newUid } from '../model/uid';
import { preorder } from '../model/walk';
import { diskTarget, sourcePathAttr, sourceText } from '../numbers/names';
import { el } from '../xml/tree';

/** domain.md §4: the formats libvirt's schema accepts. */
export const IMAGE_FORMATS: readonly string[] = ['raw', 'dir', 'bochs', 'cloop', 'dmg', 'iso', 'vpc', 'vdi', 'fat', 'vhd', 'ploop', 'luks', 'cow', 'qcow', 'qcow2', 'qed', 'vmdk'];
/** domain.md §1: source types. */
export const SOURCE_TYPES: readonly string[] = ['file', 'block', 'network', 'volume', 'dir', 'nvme', 'vhostuser', 'quorum'];

/** Attributes of a `<driver>` the model types itself; they never move with the disk-level driver. */
const TYPED_DRIVER_ATTRS = new Set(['type', 'threshold', 'node']);

/** The attributes of a disk-level `<driver>` that belong to the disk (name, cache, io, discard, ...). */
function diskDriverAttrs(top: SrcNode): FormatElement['attrs'] {
  const attrs = (top.formatEl?.attrs ?? []).filter(([k]) => !TYPED_DRIVER_ATTRS.has(k));
  return attrs.some(([k]) => k === 'name') ? attrs : [['name', 'qemu'], ...attrs];
}

/** `node` about to become the disk's top in place of `oldTop`: it takes the disk-level driver attributes. */
export function promote(node: SrcNode, oldTop: SrcNode): SrcNode {
  return { ...node, formatEl: { name: 'driver', attrs: diskDriverAttrs(oldTop), children: node.formatEl?.children ?? [] } };
}

/** A top that becomes a layer: its `<driver>` becomes `<format type=…>` (the disk attributes went to the new top). */
export function demote(node: SrcNode): SrcNode {
  const attrs: FormatElement['attrs'] = node.format === null ? [] : [['type', node.format]];
  return { ...node, formatEl: { name: 'format', attrs, children: node.formatEl?.children ?? [] } };
}

/** The format element of a new layer (emit writes it as `<format>` or `<driver>` per dialect). */
function layerFormatEl(format: string): FormatElement {
  return { name: 'format', attrs: [['type', format]], children: [] };
}

export interface NewImage {
  readonly id: number;
  readonly type?: string;
  readonly format: string;
  /** The path; null for a source without one. */
  readonly file: string | null;
  readonly backing?: readonly SrcNode[];
  readonly end?: SrcNode['end'];
  /** Set when the image becomes the disk's top in place of this node. */
  readonly replacesTop?: SrcNode;
}

export function makeImage(init: NewImage): SrcNode {
  const type = init.type ?? 'file';
  const sourceAttrs: [string, string][] = init.file === null ? [] : [[sourcePathAttr(type), init.file]];
  const node: SrcNode = {
    uid: newUid('n'),
    id: init.id,
    type,
    format: init.format,
    threshold: null,
    formatEl: layerFormatEl(init.format),
    source: el('source', sourceAttrs),
    backing: init.backing ?? [],
    end: init.end ?? 'open',
    attrs: [],
    extras: [],
    order: ['format', 'source', 'backing'],
    loc: null,
  };
  return init.replacesTop ? promote(node, init.replacesTop) : node;
}

export function makeQuorum(id: number, members: readonly SrcNode[], replacesTop?: SrcNode): SrcNode {
  const node: SrcNode = {
    uid: newUid('n'),
    id,
    type: 'quorum',
    format: 'quorum',
    threshold: '1',
    formatEl: layerFormatEl('quorum'),
    source: null,
    backing: members,
    end: 'open',
    attrs: [],
    extras: [],
    order: ['format', 'backing'],
    loc: null,
  };
  return replacesTop ? promote(node, replacesTop) : node;
}

/** Every source string in use in the domain, with where it is used. */
const inUse = new WeakMap<DomainDoc, ReadonlyMap<string, number>>();

export function imagesInUse(doc: DomainDoc, skip?: ReadonlySet<SrcNode>): ReadonlyMap<string, number> {
  // Documents are immutable: the whole document's answer is kept (menus ask it of every node they show).
  const hit = skip ? undefined : inUse.get(doc);
  if (hit) return hit;
  const used = new Map<string, number>();
  doc.disks.forEach((d, i) => {
    for (const v of preorder(d.src)) {
      if (skip?.has(v.node)) continue;
      const s = sourceText(v.node);
      if (s !== null && !used.has(s)) used.set(s, i);
    }
  });
  if (!skip) inUse.set(doc, used);
  return used;
}

/** Takes `used` (imagesInUse of `doc`, computed in the read worker) as the answer for `doc`. */
export function primeImagesInUse(doc: DomainDoc, used: ReadonlyMap<string, number>): void {
  inUse.set(doc, used);
}

/** Why `file` cannot be the path of a new image, or null. */
export function newFileReason(doc: DomainDoc, file: string): string | null {
  if (file.trim() === '') return 'The new image needs a file path.';
  if (!file.startsWith('/')) return `'${file}' is a relative path; libvirt needs absolute file paths.`;
  const disk = imagesInUse(doc).get(file);
  if (disk !== undefined) return `${file} is already used by ${diskTarget(doc.disks[disk]!, disk)}; QEMU would overwrite an image in use. Choose another file.`;
  return null;
}

/** The default file of an overlay on `node` (core/ops/overlayName: `{name}.snap{n}.{ext}` unless the user set a pattern). */
export function defaultSnapshotFile(doc: DomainDoc, disk: number, node: SrcNode, id: number, names?: { readonly pattern: string; readonly date?: string }): string {
  const base = node.type === 'file' || node.type === null || node.type === 'block' ? sourceText(node) : null;
  const input = { base, target: diskTarget(doc.disks[disk]!, disk), format: 'qcow2', id, used: new Set(imagesInUse(doc).keys()), date: names?.date };
  return overlayName(input, names?.pattern ?? DEFAULT_OVERLAY_PATTERN);
}

/** A new image's default file when none is given: `/var/lib/libvirt/images/<target>-img<id>.<ext>`. */
export function defaultImageFile(doc: DomainDoc, disk: number, id: number, format: string): string {
  const ext = format === 'raw' ? 'img' : format;
  return `/var/lib/libvirt/images/${diskTarget(doc.disks[disk]!, disk)}-img${id}.${ext}`;
}

export function typeReason(type: string): string | null {
  return SOURCE_TYPES.includes(type) ? null : `Unknown source type '${type}'; use one of ${SOURCE_TYPES.join(', ')}.`;
}

export function formatReason(format: string, quorum: boolean): string | null {
  if (format === 'quorum') return quorum ? null : "The format 'quorum' is only for quorum nodes.";
  if (quorum) return `A quorum's format is 'quorum', not '${format}'.`;
  return IMAGE_FORMATS.includes(format) ? null : `Unknown format '${format}'; libvirt accepts ${IMAGE_FORMATS.join(', ')}.`;
}
