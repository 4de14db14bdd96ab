/**
 * Where the id counter survives a write (domain.md §2). Neither dialect's XML
 * carries it: a plain `virsh dumpxml` shows only the ids in use, so after an
 * active commit of the newest id a re-read counter (max + 1) would hand that
 * id out again, which libvirt never does (checked on libvirt 9.0: commit away
 * index 3, the next snapshot gets 4). Strata keeps it in its own namespace:
 *
 * - in a `<domain>`: `<metadata><strata:ids xmlns:strata='urn:x-strata:ids:1'
 *   next='N'/></metadata>`, the place libvirt keeps for applications (it
 *   keeps the element across define and dumpxml);
 * - in a bare `<disk>` (no `<metadata>` there): a processing instruction
 *   before the root, `<?strata-ids next='N'?>`, which libvirt's parser and
 *   schema ignore.
 * The proposal dialect counts per disk: `<strata:disk target='vda' next='N'/>`
 * children (and `vda=N` pairs in the instruction).
 *
 * The record is written only when it says more than the ids do (a running
 * document whose counter is past max + 1), or updated when the input had it,
 * so documents without that history round-trip unchanged.
 */
import type { XmlElement, XmlNode } from '../xml/tree';
import { getAttr, isElement } from '../xml/tree';

export const STRATA_IDS_NS = 'urn:x-strata:ids:1';
const PI_NAME = 'strata-ids';

export interface CounterRecord {
  /** The domain-wide next id (libvirt dialect). */
  readonly next: number | null;
  /** Per-disk next ids by target (proposal dialect). */
  readonly disks: ReadonlyMap<string, number>;
}

const NONE: CounterRecord = { next: null, disks: new Map() };

function num(text: string | null): number | null {
  return text !== null && /^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The namespace prefix bound to Strata's URI on an element (`strata` in `xmlns:strata=…`), or null. */
function strataPrefix(e: XmlElement): string | null {
  for (const [k, v] of e.attrs) if (v === STRATA_IDS_NS && k.startsWith('xmlns:')) return k.slice(6);
  return null;
}

function isIdsElement(e: XmlElement): boolean {
  const p = strataPrefix(e);
  return p !== null && e.name === `${p}:ids`;
}

function rootIndex(tree: readonly XmlNode[]): number {
  return tree.findIndex(isElement);
}

/** Where the record element is: [index of <metadata> in the root, index of the ids element in it]. */
function findInDomain(root: XmlElement): [number, number] | null {
  for (let i = 0; i < root.children.length; i++) {
    const m = root.children[i]!;
    if (!isElement(m) || m.name !== 'metadata') continue;
    const j = m.children.findIndex((c) => isElement(c) && isIdsElement(c));
    if (j >= 0) return [i, j];
  }
  return null;
}

function parsePiData(data: string): CounterRecord {
  const disks = new Map<string, number>();
  let next: number | null = null;
  for (const m of data.matchAll(/([A-Za-z][\w.-]*)\s*=\s*(['"])(\d{1,15})\2/g)) {
    if (m[1] === 'next') next = Number(m[3]);
    else disks.set(m[1]!, Number(m[3]));
  }
  return { next, disks };
}

export function readCounterRecord(tree: readonly XmlNode[]): CounterRecord {
  const ri = rootIndex(tree);
  const root = tree[ri] as XmlElement | undefined;
  if (!root) return NONE;
  if (root.name === 'domain') {
    const at = findInDomain(root);
    if (!at) return NONE;
    const ids = (root.children[at[0]] as XmlElement).children[at[1]] as XmlElement;
    const prefix = strataPrefix(ids)!;
    const disks = new Map<string, number>();
    for (const c of ids.children) {
      if (!isElement(c) || c.name !== `${prefix}:disk`) continue;
      const t = getAttr(c, 'target');
      const n = num(getAttr(c, 'next'));
      if (t !== null && n !== null) disks.set(t, n);
    }
    return { next: num(getAttr(ids, 'next')), disks };
  }
  const pi = tree.slice(0, ri).find((n) => n.kind === 'pi' && n.name === PI_NAME);
  return pi && pi.kind === 'pi' ? parsePiData(pi.data) : NONE;
}

function makePi(data: string): XmlNode {
  return { kind: 'pi', name: PI_NAME, data };
}

/** The record to write: the values, and whether the document needs one at all. */
export interface CounterValues {
  readonly next: number | null;
  readonly disks: readonly (readonly [string, number])[];
  /** True when a re-read without the record would give a lower counter. */
  readonly needed: boolean;
}

function idsElement(prefix: string, v: CounterValues, old: XmlElement | null): XmlElement {
  let attrs = old ? old.attrs.filter(([k]) => k !== 'next') : [[`xmlns:${prefix}`, STRATA_IDS_NS] as const];
  if (v.next !== null) attrs = [...attrs, ['next', String(v.next)]];
  const keep = (old?.children ?? []).filter((c) => !(isElement(c) && c.name === `${prefix}:disk`));
  const disks = v.disks.map(([t, n]): XmlNode => ({ kind: 'element', name: `${prefix}:disk`, attrs: [['target', t], ['next', String(n)]], children: [] }));
  return { kind: 'element', name: `${prefix}:ids`, attrs, children: [...keep, ...disks] };
}

/** Where libvirt itself prints `<metadata>`: after name, uuid, genid, title and description. */
function metadataSlot(root: XmlElement): number {
  let at = 0;
  root.children.forEach((c, i) => {
    if (isElement(c) && ['name', 'uuid', 'genid', 'title', 'description'].includes(c.name)) at = i + 1;
  });
  return at;
}

/** The tree with the record written, updated or left alone (see the module comment). */
export function writeCounterRecord(tree: readonly XmlNode[], v: CounterValues): readonly XmlNode[] {
  const ri = rootIndex(tree);
  const root = tree[ri] as XmlElement | undefined;
  if (!root) return tree;
  const out = tree.slice();
  if (root.name === 'domain') {
    const at = findInDomain(root);
    if (!at && !v.needed) return tree;
    const children = root.children.slice();
    if (at) {
      const meta = children[at[0]] as XmlElement;
      const old = meta.children[at[1]] as XmlElement;
      const mc = meta.children.slice();
      mc[at[1]] = idsElement(strataPrefix(old)!, v, old);
      children[at[0]] = { ...meta, children: mc };
    } else {
      const mi = children.findIndex((c) => isElement(c) && c.name === 'metadata');
      const ids = idsElement('strata', v, null);
      if (mi >= 0) {
        const meta = children[mi] as XmlElement;
        children[mi] = { ...meta, children: [...meta.children, ids] };
      } else children.splice(metadataSlot(root), 0, { kind: 'element', name: 'metadata', attrs: [], children: [ids] });
    }
    out[ri] = { ...root, children };
    return out;
  }
  const pi = tree.slice(0, ri).findIndex((n) => n.kind === 'pi' && n.name === PI_NAME);
  if (pi < 0 && !v.needed) return tree;
  const parts = [...(v.next !== null ? [`next='${v.next}'`] : []), ...v.disks.map(([t, n]) => `${t}='${n}'`)];
  const node = makePi(parts.join(' '));
  if (pi >= 0) out[pi] = node;
  else out.splice(ri, 0, node);
  return out;
}
