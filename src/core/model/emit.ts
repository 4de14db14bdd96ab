/**
 * DomainDoc -> XML tree in a dialect (domain.md §3). Pieces the model types
 * (type, format, threshold, ids, positions) are rewritten from the model;
 * everything else is written back as it was read, in its original order.
 */
import type { Attr, XmlElement, XmlNode } from '../xml/tree';
import { withAttr, withAttrAfter } from '../xml/tree';
import type { DiskDef, DomainDoc, Slot, SrcMark, SrcNode } from './types';
import { isMark } from './types';
import { postorder, preorder } from './walk';
import { replaceAt } from './read';
import { writeCounterRecord } from '../numbers/counterRecord';
import { impliedCounters } from '../numbers/ids';
import { diskTarget } from '../numbers/names';

interface EmitContext {
  readonly dialect: DomainDoc['dialect'];
  readonly running: boolean;
  readonly positions: Map<SrcNode, number>;
}

export function emitDocument(doc: DomainDoc): XmlNode[] {
  let tree: readonly XmlNode[] = doc.tree;
  doc.disks.forEach((disk, i) => {
    tree = replaceAt(tree, doc.diskPaths[i]!, emitDisk(doc, disk));
  });
  return writeCounterRecord(tree, counterValues(doc)) as XmlNode[];
}

/** What the counter record must say, and whether a re-read would lose it otherwise (domain.md §2). */
function counterValues(doc: DomainDoc) {
  const implied = impliedCounters(doc);
  const running = doc.state === 'running';
  if (doc.dialect === 'libvirt') return { next: doc.counter, disks: [], needed: running && doc.counter > implied.counter };
  const disks = doc.disks.map((d, i) => [diskTarget(d, i), d.counter] as const);
  return { next: null, disks, needed: running && doc.disks.some((d, i) => d.counter > implied.disks[i]!) };
}

export function emitDisk(doc: DomainDoc, disk: DiskDef): XmlElement {
  const positions = new Map<SrcNode, number>();
  for (const v of preorder(disk.src)) positions.set(v.node, v.position);
  const ctx: EmitContext = { dialect: doc.dialect, running: doc.state === 'running', positions };

  // Build backing-store elements bottom-up so no recursion is needed.
  const built = new Map<SrcNode, XmlElement>();
  for (const node of postorder(disk.src)) {
    if (node === disk.src) continue;
    built.set(node, { kind: 'element', name: 'backingStore', attrs: layerAttrs(node, ctx), children: body(node, ctx, built, false) });
  }

  const top = disk.src;
  const pieces = topPieces(top, ctx, built);
  const children: XmlNode[] = [];
  for (const c of withAllMarks(disk.children, slotsOf(top))) {
    if (isAnyMark(c)) children.push(...(pieces.get(markKey(c)) ?? []));
    else children.push(c);
  }
  let attrs: readonly Attr[] = top.type === null ? withAttr(disk.attrs, 'type', null) : disk.attrs;
  if (top.type !== null) attrs = attrs.some(([k]) => k === 'type') ? withAttr(attrs, 'type', top.type) : [['type', top.type], ...attrs];
  return { kind: 'element', name: 'disk', attrs, children };
}

type AnyMark = SrcMark | { readonly mark: 'extra'; readonly slot: Slot };

function isAnyMark(c: XmlNode | AnyMark): c is AnyMark {
  return 'mark' in c;
}

function markKey(m: AnyMark): string {
  return m.mark === 'extra' ? slotKey(m.slot) : m.mark;
}

/** Canonical order of a top's pieces on <disk>: format, source, extras, then backing stores. */
function rank(key: string): number {
  return key === 'format' ? 0 : key === 'source' ? 1 : key === 'backing' ? 3 : 2;
}

/**
 * The disk's children with a mark for every piece the top has. Pieces the
 * disk had no place for (a layer that became the top) go next to the marked
 * piece that comes before them in canonical order, or before the first mark.
 */
function withAllMarks(children: readonly (XmlNode | SrcMark)[], slots: readonly Slot[]): (XmlNode | AnyMark)[] {
  const out: (XmlNode | AnyMark)[] = children.slice();
  const present = new Set(children.filter(isMark).map((m) => m.mark as string));
  for (const s of slots) {
    const key = slotKey(s);
    if (present.has(key)) continue;
    const mark: AnyMark = typeof s === 'string' ? { mark: s } : { mark: 'extra', slot: s };
    let at = -1;
    out.forEach((c, i) => {
      if (isAnyMark(c) && rank(markKey(c)) <= rank(key)) at = i;
    });
    if (at < 0) {
      const first = out.findIndex(isAnyMark);
      out.splice(first < 0 ? 0 : first, 0, mark);
    } else out.splice(at + 1, 0, mark);
    present.add(key);
  }
  return out;
}

function slotKey(s: Slot): string {
  return typeof s === 'string' ? s : `x${s.x}`;
}

/** The node's slots in the order read, with pieces it gained appended in canonical order. */
function slotsOf(node: SrcNode): Slot[] {
  const out: Slot[] = [];
  const has = new Set<string>();
  for (const s of node.order) {
    if (typeof s !== 'string' && s.x >= node.extras.length) continue;
    out.push(s);
    has.add(slotKey(s));
  }
  const add = (s: Slot): void => {
    if (!has.has(slotKey(s))) out.push(s);
  };
  const backingAt = out.findIndex((s) => s === 'backing');
  if (!has.has('format')) out.splice(backingAt < 0 ? out.length : backingAt, 0, 'format');
  if (!has.has('source')) {
    const afterFormat = out.indexOf('format') + 1;
    out.splice(afterFormat, 0, 'source');
  }
  node.extras.forEach((_, x) => add({ x }));
  add('backing');
  return out;
}

function pieceNodes(node: SrcNode, slot: Slot, ctx: EmitContext, built: Map<SrcNode, XmlElement>, isTop: boolean): XmlNode[] {
  if (typeof slot !== 'string') return [node.extras[slot.x]!];
  if (slot === 'format') {
    const f = formatElement(node, ctx, isTop);
    return f ? [f] : [];
  }
  if (slot === 'source') {
    const s = sourceElement(node, ctx, isTop);
    return s ? [s] : [];
  }
  if (node.backing.length > 0) return node.backing.map((b) => built.get(b)!);
  if (node.end !== 'terminated') return [];
  return [node.endEl ?? { kind: 'element', name: 'backingStore', attrs: [], children: [] }];
}

function body(node: SrcNode, ctx: EmitContext, built: Map<SrcNode, XmlElement>, isTop: boolean): XmlNode[] {
  const out: XmlNode[] = [];
  for (const s of slotsOf(node)) out.push(...pieceNodes(node, s, ctx, built, isTop));
  return out;
}

function topPieces(top: SrcNode, ctx: EmitContext, built: Map<SrcNode, XmlElement>): Map<string, XmlNode[]> {
  const m = new Map<string, XmlNode[]>();
  for (const s of slotsOf(top)) m.set(slotKey(s), pieceNodes(top, s, ctx, built, true));
  return m;
}

function idAttrValue(node: SrcNode, ctx: EmitContext): string | null {
  if (!ctx.running || node.id === null) return null;
  return ctx.dialect === 'libvirt' ? String(node.id) : `[${node.id}]`;
}

function layerAttrs(node: SrcNode, ctx: EmitContext): readonly Attr[] {
  let attrs = withAttr(node.attrs, 'node', null);
  attrs = node.type === null ? withAttr(attrs, 'type', null) : attrs.some(([k]) => k === 'type') ? withAttr(attrs, 'type', node.type) : [['type', node.type], ...attrs];
  const index = ctx.dialect === 'libvirt' ? idAttrValue(node, ctx) : String(ctx.positions.get(node));
  return index === null ? withAttr(attrs, 'index', null) : withAttrAfter(attrs, 'index', index, 'type');
}

function formatElement(node: SrcNode, ctx: EmitContext, isTop: boolean): XmlElement | null {
  const f = node.formatEl;
  // The proposal dialect writes a <driver> on every layer, even one without a format: with index = position on each
  // <backingStore> that is what tells it from libvirt when it is read again (domain.md §3 rule 3).
  const proposalLayer = !isTop && ctx.dialect === 'proposal';
  if (!f && node.format === null && node.threshold === null && idAttrValue(node, ctx) === null && !proposalLayer) return null;
  let name = f?.name ?? 'driver';
  let attrs: readonly Attr[] = f?.attrs ?? [];
  if (!isTop) {
    // libvirt wants <format> on a layer; a <driver> read there stays as written (validation says libvirt refuses it).
    name = ctx.dialect === 'libvirt' ? (f?.name === 'driver' ? 'driver' : 'format') : 'driver';
  }
  if (name === 'driver') {
    if (!attrs.some(([k]) => k === 'name')) attrs = [['name', 'qemu'], ...attrs];
  } else attrs = withAttr(attrs, 'name', null);
  attrs = node.format === null ? withAttr(attrs, 'type', null) : withAttrAfter(attrs, 'type', node.format, 'name');
  attrs = node.threshold === null ? withAttr(attrs, 'threshold', null) : withAttrAfter(attrs, 'threshold', node.threshold, 'type');
  const id = ctx.dialect === 'proposal' ? idAttrValue(node, ctx) : null;
  attrs = id === null ? withAttr(attrs, 'node', null) : withAttr(attrs, 'node', id);
  if (attrs.length === 0 && (f?.children.length ?? 0) === 0 && !proposalLayer) return null;
  return { kind: 'element', name, attrs, children: f?.children ?? [] };
}

function sourceElement(node: SrcNode, ctx: EmitContext, isTop: boolean): XmlElement | null {
  const s = node.source;
  if (!s) return null;
  if (!isTop || ctx.dialect !== 'libvirt') return s;
  const id = idAttrValue(node, ctx);
  const attrs = withAttr(s.attrs, 'index', id);
  return attrs === s.attrs ? s : { ...s, attrs };
}
