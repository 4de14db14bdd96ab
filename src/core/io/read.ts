/**
 * XML tree -> DomainDoc. Finds the disks (the root <disk>, or the <disk>
 * children of any <devices>), detects the dialect (domain.md §3), reads each
 * disk's source tree iteratively, and takes ids from the input when it has
 * them (running) or numbers it fresh (offline).
 */
import type { Loc, XmlElement, XmlNode } from '../xml/tree';
import { getAttr } from '../xml/tree';
import type { Dialect, DiskDef, DomainDoc, FormatElement, Slot, SrcMark, SrcNode } from '../model/types';
import type { Diagnostic } from '../model/diagnostics';
import { freshNumbering, countersFromIds } from '../numbers/ids';
import { readCounterRecord } from '../numbers/counterRecord';
import type { CounterRecord } from '../numbers/counterRecord';
import { diskTarget } from '../numbers/names';
import { idAttributeText, idExpectation, parseIdText } from '../numbers/idText';
import { preorder } from '../model/walk';
import { newUid } from '../model/uid';
import { detectDialectSign, isEndMarker } from '../dialect/detect';
import type { DialectSign } from '../dialect/detect';
import { rules } from '../dialect/rules';
import { elementAt, findDiskPaths, replaceAt } from './diskPaths';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const EMPTY_DISK: XmlElement = { kind: 'element', name: 'disk', attrs: [], children: [] };

export interface ReadResult {
  readonly doc: DomainDoc;
  /** Problems found while reading that the model cannot hold (a malformed index). */
  readonly diagnostics: readonly Diagnostic[];
  /** What decided the dialect, and where. */
  readonly sign: DialectSign;
}

/** domain.md §3, see core/dialect/detect. */
export function detectDialect(disks: readonly XmlElement[]): Dialect {
  return detectDialectSign(disks).dialect;
}

interface RawId {
  text: string;
  loc: Loc | undefined;
  on: 'format' | 'store' | 'source';
}

export function readDocument(nodes: readonly XmlNode[]): ReadResult {
  const diagnostics: Diagnostic[] = [];
  const paths = findDiskPaths(nodes);
  const diskEls = paths.map((p) => elementAt(nodes, p));
  const sign = detectDialectSign(diskEls);
  const dialect = sign.dialect;
  const rawIds = new Map<SrcNode, RawId>();
  let tree: readonly XmlNode[] = nodes;
  const disks: DiskDef[] = [];
  for (let i = 0; i < diskEls.length; i++) {
    disks.push(readDisk(diskEls[i]!, dialect, rawIds));
    tree = replaceAt(tree, paths[i]!, EMPTY_DISK);
  }
  // Ids: a document with any is running, and keeps them as given (domain.md §2).
  const ids = new Map<SrcNode, number>();
  for (const [node, raw] of rawIds) {
    const m = node as Mutable<SrcNode>;
    m.idText = raw.text;
    m.idOn = raw.on;
    const n = parseIdText(raw.text, dialect);
    if (n === null) {
      const what = idAttributeText(raw.text, dialect);
      diagnostics.push({
        severity: 'error',
        code: 'index-invalid',
        message: `${what} is not ${idExpectation(dialect)}, so it is not an id; Strata keeps it as written and ignores it.`,
        line: raw.loc?.line ?? 1,
        col: raw.loc?.col ?? 1,
      });
    } else ids.set(node, n);
  }
  if (rules(dialect).storeIndex === 'position') for (const d of disks) markPositions(d.src);
  const running = ids.size > 0;
  let doc: DomainDoc = { dialect, state: running ? 'running' : 'offline', tree, diskPaths: paths, disks, counter: 1 };
  if (running) {
    doc = { ...doc, disks: disks.map((d) => assignIds(d, ids)) };
    doc = withRecord(countersFromIds(doc), readCounterRecord(nodes));
  } else {
    doc = freshNumbering(doc);
  }
  return { doc, diagnostics, sign };
}

/** A running document's counters go on from where the counter record says, when that is further than its ids. */
function withRecord(doc: DomainDoc, record: CounterRecord): DomainDoc {
  const disks = doc.disks.map((d, i) => {
    const n = record.disks.get(diskTarget(d, i));
    return n !== undefined && n > d.counter ? { ...d, counter: n } : d;
  });
  return { ...doc, disks, counter: Math.max(doc.counter, record.next ?? 0) };
}

/** Proposal: where each layer's `index=` (its position) was read, so a node that stays there writes it back as it was. */
function markPositions(root: SrcNode): void {
  for (const v of preorder(root)) {
    if (v.parent === null) continue;
    const text = getAttr(v.node, 'index');
    const m = v.node as Mutable<SrcNode>;
    if (text === null) {
      m.posNone = true;
      continue;
    }
    m.posText = text;
    m.posRead = v.position;
  }
}

function assignIds(disk: DiskDef, ids: Map<SrcNode, number>): DiskDef {
  // Nodes were built mutable; setting ids in place before anyone else sees them is safe.
  const stack: SrcNode[] = [disk.src];
  while (stack.length > 0) {
    const n = stack.pop()! as Mutable<SrcNode>;
    n.id = ids.get(n) ?? null;
    for (const b of n.backing) stack.push(b);
  }
  return disk;
}

function readDisk(diskEl: XmlElement, dialect: Dialect, rawIds: Map<SrcNode, RawId>): DiskDef {
  const children: (XmlNode | SrcMark)[] = [];
  const marked = new Set<string>();
  const backingRoles = roles(diskEl, dialect);
  for (const c of diskEl.children) {
    // libvirt reads the top's format from <driver> only: a <format> on the disk is not a piece (a diagnostic names it).
    let piece = c.kind === 'element' && c.name !== 'format' ? pieceOf(c.name) : null;
    if (piece === 'backing' && backingRoles.get(c as XmlElement) === 'extra') piece = null;
    // A second <driver> or <source> libvirt does not read: kept where it is, for a diagnostic to name.
    if ((piece === 'format' || piece === 'source') && marked.has(piece)) piece = null;
    if (piece === null) children.push(c);
    else if (piece === 'backing') {
      // Each member of a quorum top keeps its own place among the disk's children.
      marked.add(piece);
      children.push({ mark: piece });
    } else if (!marked.has(piece)) {
      marked.add(piece);
      children.push({ mark: piece });
    }
  }
  const src = readSources(diskEl, dialect, rawIds);
  return { uid: newUid('d'), attrs: diskEl.attrs, children, src, counter: 0, loc: diskEl.loc ?? null };
}

function pieceOf(name: string): 'format' | 'source' | 'backing' | null {
  if (name === 'driver' || name === 'format') return 'format';
  if (name === 'source') return 'source';
  if (name === 'backingStore') return 'backing';
  return null;
}

/** Reads the source tree rooted at a `<disk>`, iteratively (pre-order). */
function readSources(diskEl: XmlElement, dialect: Dialect, rawIds: Map<SrcNode, RawId>): SrcNode {
  const top = readOne(diskEl, true, dialect, rawIds);
  const stack: { node: Mutable<SrcNode>; el: XmlElement }[] = [{ node: top.node, el: diskEl }];
  while (stack.length > 0) {
    const { node, el } = stack.pop()!;
    const backing: SrcNode[] = [];
    const pending: { node: Mutable<SrcNode>; el: XmlElement }[] = [];
    for (const c of el.children) {
      if (c.kind !== 'element' || c.name !== 'backingStore') continue;
      const role = roles(el, dialect).get(c);
      if (role === 'end') {
        node.end = 'terminated';
        node.endEl = c;
      } else if (role === 'store') {
        const child = readOne(c, false, dialect, rawIds);
        backing.push(child.node);
        pending.push({ node: child.node, el: c });
      }
    }
    node.backing = backing;
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]!);
  }
  return top.node;
}

export type BackingRole = 'store' | 'end' | 'extra';

const roleCache = new WeakMap<XmlElement, Map<XmlElement, BackingRole>>();

/**
 * What each `<backingStore>` child of an element is. libvirt reads the first
 * one only, and one without `type=` ends the chain whatever it holds; a
 * quorum (proposal dialect) has a store per member and may end with one end
 * marker. What libvirt would not read is an extra: kept in place in the
 * document, for a diagnostic to name, never dropped.
 */
export function roles(el: XmlElement, dialect: Dialect): Map<XmlElement, BackingRole> {
  const hit = roleCache.get(el);
  if (hit) return hit;
  const out = new Map<XmlElement, BackingRole>();
  const fmt = el.children.find((c): c is XmlElement => c.kind === 'element' && (c.name === 'driver' || c.name === 'format'));
  // The proposal reads sibling stores (a quorum's members, or an error it names); libvirt only the first.
  const many = rules(dialect).quorum || getAttr(el, 'type') === 'quorum' || getAttr(fmt, 'type') === 'quorum';
  let ended = false;
  let stores = 0;
  for (const c of el.children) {
    if (c.kind !== 'element' || c.name !== 'backingStore') continue;
    let role: BackingRole;
    if (isEndMarker(c)) role = !ended && stores === 0 ? 'end' : 'extra';
    else role = ended || (stores > 0 && !many) ? 'extra' : 'store';
    if (isEndMarker(c)) ended = true;
    if (role === 'store') stores++;
    out.set(c, role);
  }
  roleCache.set(el, out);
  return out;
}

function readOne(el: XmlElement, isTop: boolean, dialect: Dialect, rawIds: Map<SrcNode, RawId>): { node: Mutable<SrcNode> } {
  const type = getAttr(el, 'type');
  let formatEl: FormatElement | null = null;
  let source: XmlElement | null = null;
  const extras: XmlNode[] = [];
  const order: Slot[] = [];
  let idText: RawId | null = null;
  for (const c of el.children) {
    if (c.kind === 'element' && (c.name === 'driver' || (c.name === 'format' && !isTop)) && formatEl === null) {
      formatEl = { name: c.name, attrs: c.attrs, children: c.children };
      order.push('format');
      formatEl = { ...formatEl, read: true };
      const node = getAttr(c, 'node');
      if (rules(dialect).idAttribute === 'node' && node !== null) idText = { text: node, loc: c.loc, on: 'format' };
    } else if (c.kind === 'element' && c.name === 'source' && source === null) {
      source = readSource(c, dialect, isTop, (t) => (idText = { text: t, loc: c.loc, on: 'source' }));
      order.push('source');
    } else if (c.kind === 'element' && c.name === 'backingStore' && roles(el, dialect).get(c) !== 'extra') {
      // One slot per member: what stood between a quorum's members stays between them.
      order.push('backing');
    } else if (c.kind === 'element' && c.name === 'backingStore') {
      // An extra on the top stays among the disk's own children (readDisk).
      if (!isTop) {
        order.push({ x: extras.length });
        extras.push(c);
      }
    } else if (!isTop) {
      order.push({ x: extras.length });
      extras.push(c);
    }
  }
  if (!isTop) {
    const attrId = getAttr(el, rules(dialect).idAttribute);
    if (attrId !== null && idText === null) idText = { text: attrId, loc: el.loc, on: 'store' };
  }
  const node: Mutable<SrcNode> = {
    uid: newUid('n'),
    id: null,
    type,
    format: formatEl ? getAttr(formatEl, 'type') : null,
    threshold: formatEl ? getAttr(formatEl, 'threshold') : null,
    formatEl,
    source,
    backing: [],
    end: 'open',
    attrs: isTop ? [] : el.attrs,
    extras,
    order,
    loc: el.loc ?? null,
  };
  if (idText) rawIds.set(node, idText);
  return { node };
}

/**
 * Strips the libvirt id from the top's `<source index>` (the model holds it
 * as the node's id). The proposal's `path=` stays as written: sourceText
 * reads it as the file path.
 */
function readSource(c: XmlElement, dialect: Dialect, isTop: boolean, onId: (text: string) => void): XmlElement {
  const index = getAttr(c, 'index');
  if (index === null || rules(dialect).idAttribute !== 'index' || !isTop) return c;
  onId(index);
  return { ...c, attrs: c.attrs.filter(([k]) => k !== 'index') };
}
