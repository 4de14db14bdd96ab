/**
 * DomainDoc -> XML tree in a dialect (domain.md §3). Pieces the model types
 * (type, format, threshold, ids, positions) are rewritten from the model;
 * everything else is written back as it was read, in its original order.
 */
import type { Attr, XmlElement, XmlNode } from '../xml/tree';
import { withAttr, withAttrAfter } from '../xml/tree';
import type { DiskDef, DomainDoc, Slot, SrcMark, SrcNode } from '../model/types';
import { isMark } from '../model/types';
import { postorder, preorder } from '../model/walk';
import { replaceAt } from './diskPaths';
import { writeCounterRecord } from '../numbers/counterRecord';
import { impliedCounters } from '../numbers/ids';
import { diskTarget } from '../numbers/names';
import { formatId, parseIdText } from '../numbers/idText';
import { rules } from '../dialect/rules';

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
  if (rules(doc).counter === 'domain') return { next: doc.counter, disks: [], needed: running && doc.counter > implied.counter };
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
  const marks = withAllMarks(disk.children, slotsOf(top));
  // Members go to the places they were read at, in order; members added since go after the last place.
  const lastBacking = marks.reduce((at, c, i) => (isAnyMark(c) && c.mark === 'backing' ? i : at), -1);
  let member = 0;
  marks.forEach((c, i) => {
    if (!isAnyMark(c)) children.push(c);
    else if (c.mark !== 'backing') children.push(...(pieces.get(markKey(c)) ?? []));
    else {
      const all = pieces.get('backing') ?? [];
      children.push(...(i === lastBacking ? all.slice(member) : all.slice(member, member + 1)));
      member += 1;
    }
  });
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
  const slots = slotsOf(node);
  const lastBacking = slots.lastIndexOf('backing');
  let member = 0;
  slots.forEach((s, i) => {
    const nodes = pieceNodes(node, s, ctx, built, isTop);
    if (s !== 'backing') out.push(...nodes);
    else {
      // Members to the places they were read at, in order; members added since after the last place.
      out.push(...(i === lastBacking ? nodes.slice(member) : nodes.slice(member, member + 1)));
      member += 1;
    }
  });
  return out;
}

function topPieces(top: SrcNode, ctx: EmitContext, built: Map<SrcNode, XmlElement>): Map<string, XmlNode[]> {
  const m = new Map<string, XmlNode[]>();
  for (const s of slotsOf(top)) m.set(slotKey(s), pieceNodes(top, s, ctx, built, true));
  return m;
}

/**
 * The id attribute's text. Text that is not an id is kept as written (the
 * reader diagnosed it); the same id written otherwise (`' 4 '`) too; ids are
 * written only while the guest runs, canonically when they changed.
 */
function idAttrValue(node: SrcNode, ctx: EmitContext): string | null {
  const text = node.idText;
  const parsed = text === undefined ? undefined : parseIdText(text, ctx.dialect);
  if (text !== undefined && parsed === null) return text;
  if (!ctx.running || node.id === null) return null;
  if (text !== undefined && parsed === node.id) return text;
  return formatId(node.id, ctx.dialect);
}

/** Where the proposal writes a node's id: where it was read, else on the format element (the design mail's usual place). */
function idOnStore(node: SrcNode): boolean {
  return node.idOn === 'store';
}

/** The proposal's `index=` (the position): as read while the node is where it was read; none on a layer read without; else the position. */
function positionText(node: SrcNode, ctx: EmitContext): string | null {
  const pos = ctx.positions.get(node)!;
  if (node.posText !== undefined && node.posRead === pos) return node.posText;
  if (node.posNone) return null;
  return String(pos);
}

function layerAttrs(node: SrcNode, ctx: EmitContext): readonly Attr[] {
  let attrs = node.attrs;
  if (rules(ctx.dialect).idAttribute === 'node') attrs = withAttr(attrs, 'node', idOnStore(node) ? idAttrValue(node, ctx) : null);
  attrs = node.type === null ? withAttr(attrs, 'type', null) : attrs.some(([k]) => k === 'type') ? withAttr(attrs, 'type', node.type) : [['type', node.type], ...attrs];
  const index = rules(ctx.dialect).storeIndex === 'id' ? idAttrValue(node, ctx) : positionText(node, ctx);
  return index === null ? withAttr(attrs, 'index', null) : withAttrAfter(attrs, 'index', index, 'type');
}

function formatElement(node: SrcNode, ctx: EmitContext, isTop: boolean): XmlElement | null {
  const f = node.formatEl;
  // Only the proposal writes an id on the format element (libvirt's go on <source> and <backingStore>).
  const id = rules(ctx.dialect).idAttribute === 'node' && !idOnStore(node) ? idAttrValue(node, ctx) : null;
  if (!f && node.format === null && node.threshold === null && id === null) return null;
  // An element read from the text keeps its name; a new one follows the dialect: libvirt wants <format> on a
  // layer, the proposal <driver> (a <driver> read on a libvirt layer stays: validation says libvirt refuses it).
  let name: string = isTop ? 'driver' : rules(ctx.dialect).layerFormat;
  if (f?.read && (!isTop || f.name === 'driver')) name = f.name;
  let attrs: readonly Attr[] = f?.attrs ?? [];
  if (name === 'driver' && (!f?.read || f.name !== 'driver') && !attrs.some(([k]) => k === 'name')) attrs = [['name', 'qemu'], ...attrs];
  if (name === 'format' && !f?.read) attrs = withAttr(attrs, 'name', null);
  attrs = node.format === null ? withAttr(attrs, 'type', null) : withAttrAfter(attrs, 'type', node.format, 'name');
  attrs = node.threshold === null ? withAttr(attrs, 'threshold', null) : withAttrAfter(attrs, 'threshold', node.threshold, 'type');
  if (rules(ctx.dialect).idAttribute === 'node') attrs = withAttr(attrs, 'node', id);
  // A read element is always written, empty or not; a new one only when it says something.
  // (A converted layer has one from convert: the proposal writes a <driver> on every level, see inDialect.)
  if (!f && attrs.length === 0) return null;
  return { kind: 'element', name, attrs, children: f?.children ?? [] };
}

function sourceElement(node: SrcNode, ctx: EmitContext, isTop: boolean): XmlElement | null {
  const s = node.source;
  if (!s) return null;
  if (!isTop || rules(ctx.dialect).idAttribute !== 'index') return s;
  const id = idAttrValue(node, ctx);
  const attrs = withAttr(s.attrs, 'index', id);
  return attrs === s.attrs ? s : { ...s, attrs };
}
