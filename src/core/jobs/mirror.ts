/**
 * A disk's block job as libvirt shows it: the `<mirror>` child of `<disk>`
 * (a copy's destination with its backing chain, or an active commit's base).
 * The model keeps it as raw XML among the disk's children, not as a node of
 * the source tree: until the job pivots, the guest does not run on it. This
 * module reads it into a small view (for the graph and the job operations)
 * and puts one in or takes it out.
 */
import type { Dialect, DiskDef, DomainDoc } from '../model/types';
import { isMark } from '../model/types';
import { sourceText } from '../model/names';
import type { XmlElement } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';
import { rules } from '../dialect/rules';

export interface MirrorLayer {
  readonly type: string | null;
  readonly format: string | null;
  readonly source: string | null;
  /** The id written for it (libvirt `index`, proposal `node='[N]'`); null when none is. */
  readonly id: number | null;
  /** How the mirror's chain ends below this layer; null when another layer follows. */
  readonly end: 'terminated' | 'open' | null;
}

export interface MirrorView {
  /** `copy`, `active-commit`, ... as written (null when the attribute is missing). */
  readonly job: string | null;
  /** libvirt's `ready`: `yes` once the job can pivot, `abort`/`pivot` while it ends. */
  readonly ready: string | null;
  readonly isReady: boolean;
  /** The mirror's own image: the copy's destination, or the commit's base. */
  readonly dest: string | null;
  readonly format: string | null;
  /** The mirror's image first, then its backing chain as written. */
  readonly chain: readonly MirrorLayer[];
  /**
   * A copy that keeps the disk's backing chain: libvirt 9.0 writes a shallow
   * copy's mirror with no `<backingStore>` (and a full copy's terminated);
   * older or hand-written mirrors may repeat the chain below it.
   */
  readonly shallow: boolean;
}

/** Where the disk's `<mirror>` is among its children, or -1. */
export function mirrorAt(disk: DiskDef): number {
  return disk.children.findIndex((c) => !isMark(c) && isElement(c) && c.name === 'mirror');
}

export function mirrorElement(disk: DiskDef): XmlElement | null {
  const i = mirrorAt(disk);
  return i < 0 ? null : (disk.children[i] as XmlElement);
}

function child(e: XmlElement, ...names: string[]): XmlElement | null {
  for (const c of e.children) if (isElement(c) && names.includes(c.name)) return c;
  return null;
}

/** The next layer of a mirror chain, and whether an empty `<backingStore/>` ends it. */
function below(e: XmlElement): { next: XmlElement | null; terminated: boolean } {
  let terminated = false;
  for (const c of e.children) {
    if (!isElement(c) || c.name !== 'backingStore') continue;
    // Any <backingStore> without type= ends the chain (libvirt's rule), whatever it holds.
    if (getAttr(c, 'type') === null) terminated = true;
    else return { next: c, terminated: false };
  }
  return { next: null, terminated };
}

function idOf(e: XmlElement, isTop: boolean, dialect: Dialect): number | null {
  if (rules(dialect).idAttribute === 'node') {
    const m = /^\[(\d+)\]$/.exec((getAttr(child(e, 'driver', 'format') ?? e, 'node') ?? getAttr(e, 'node') ?? '').trim());
    return m ? Number(m[1]) : null;
  }
  // libvirt: the top's id is on its <source>, a layer's on the <backingStore> itself (or its source).
  const src = child(e, 'source');
  const text = (isTop ? getAttr(src, 'index') : getAttr(e, 'index') ?? getAttr(src, 'index')) ?? '';
  return /^[1-9]\d*$/.test(text.trim()) ? Number(text.trim()) : null;
}

function layer(e: XmlElement, isTop: boolean, dialect: Dialect, end: MirrorLayer['end']): MirrorLayer {
  const type = getAttr(e, 'type');
  const src = child(e, 'source');
  const format = getAttr(child(e, 'format', 'driver'), 'type') ?? (isTop ? getAttr(e, 'format') : null);
  // Old libvirt wrote only `<mirror file=… format=…/>`: the attribute is the destination then.
  const source = (src ? sourceText({ type, source: src }) : null) ?? (isTop ? getAttr(e, 'file') : null);
  return { type, format, source, id: idOf(e, isTop, dialect), end };
}

/** Reads a disk's `<mirror>` (iteratively: a shallow copy's chain may be deep). */
export function readMirror(disk: DiskDef, dialect: Dialect): MirrorView | null {
  const m = mirrorElement(disk);
  if (!m) return null;
  const chain: MirrorLayer[] = [];
  let cur: XmlElement | null = m;
  while (cur) {
    const { next, terminated } = below(cur);
    chain.push(layer(cur, cur === m, dialect, next ? null : terminated ? 'terminated' : 'open'));
    cur = next;
  }
  const ready = getAttr(m, 'ready');
  const shallow = chain.length > 1 || chain[0]!.end === 'open';
  return { job: getAttr(m, 'job'), ready, isReady: ready === 'yes', dest: chain[0]!.source, format: chain[0]!.format, chain, shallow };
}

/** The job of disk `disk` of a document, or null. */
export function jobOf(doc: DomainDoc, disk: number): MirrorView | null {
  const d = doc.disks[disk];
  return d ? readMirror(d, doc.dialect) : null;
}

/** Every id a mirror holds: taken from the counter, so never handed out again. */
export function mirrorIds(doc: DomainDoc): number[] {
  const out: number[] = [];
  for (const d of doc.disks) for (const l of readMirror(d, doc.dialect)?.chain ?? []) if (l.id !== null) out.push(l.id);
  return out;
}

/** The disk with its `<mirror>` taken out (the same disk when it has none). */
export function withoutMirror(disk: DiskDef): DiskDef {
  const i = mirrorAt(disk);
  return i < 0 ? disk : { ...disk, children: disk.children.filter((_, j) => j !== i) };
}

/** The disk with `mirror` in place of its old one, or where libvirt prints it: after the source pieces, before `<target>`. */
export function withMirror(disk: DiskDef, mirror: XmlElement): DiskDef {
  const old = mirrorAt(disk);
  const children = disk.children.slice();
  if (old >= 0) {
    children[old] = mirror;
    return { ...disk, children };
  }
  const target = children.findIndex((c) => !isMark(c) && isElement(c) && c.name === 'target');
  let lastMark = -1;
  children.forEach((c, i) => {
    if (isMark(c)) lastMark = i;
  });
  children.splice(target >= 0 ? target : lastMark + 1, 0, mirror);
  return { ...disk, children };
}
