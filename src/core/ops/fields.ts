/**
 * Graph edits of one node's own fields: type, format, threshold, `<source>`
 * and `<driver>` attributes, and how a chain ends. Invalid values are refused
 * with the rule they break.
 */
import type { ChainEnd, DomainDoc, FormatElement, SrcNode } from '../model/types';
import { sourceText } from '../numbers/names';
import type { Attr } from '../xml/tree';
import { el, getAttr, withAttr } from '../xml/tree';
import { findByUid, isQuorum, label, ok, replaceIn } from './locate';
import { formatReason, imagesInUse, typeReason } from './nodes';
import type { OpResult } from './types';
import { refuse } from './types';

export interface FieldPatch {
  readonly type?: string;
  readonly format?: string;
  /** Quorums only; a whole number from 1 to the number of members. */
  readonly threshold?: number | string | null;
  /** `<source>` attributes to set; null removes one. */
  readonly sourceAttrs?: Readonly<Record<string, string | null>>;
  /** `<driver>`/`<format>` attributes to set (not type, threshold or node); null removes one. */
  readonly driverAttrs?: Readonly<Record<string, string | null>>;
}

const ATTR_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]*$/;
const PATH_ATTRS = new Set(['file', 'dev', 'dir', 'path']);
const TYPED_DRIVER_ATTRS: Record<string, string> = { type: 'the format field', threshold: 'the threshold field', node: 'nothing: it is the node id' };

function patchAttrs(attrs: readonly Attr[], patch: Readonly<Record<string, string | null>>): readonly Attr[] {
  let out = attrs;
  for (const [k, v] of Object.entries(patch)) out = withAttr(out, k, v);
  return out;
}

/** The node after the patch, or the reason it is refused. */
function patched(doc: DomainDoc, disk: number, node: SrcNode, patch: FieldPatch): SrcNode | string {
  const name = label(doc, disk, node);
  const quorum = isQuorum(node);
  let next: SrcNode = node;
  if (patch.type !== undefined && patch.type !== node.type) {
    const bad = typeReason(patch.type);
    if (bad) return bad;
    if ((patch.type === 'quorum') !== quorum) return quorum ? `${name} is a quorum; remove it instead of changing its type.` : 'To make a quorum, wrap a node in one (wrapInQuorum).';
    next = { ...next, type: patch.type };
  }
  if (patch.format !== undefined && patch.format !== node.format) {
    const bad = formatReason(patch.format, quorum);
    if (bad) return bad;
    if (patch.format === 'raw' && node.backing.length > 0) return `${name} has a backing store, and a raw image cannot have a backing file.`;
    next = { ...next, format: patch.format };
  }
  if (patch.threshold !== undefined) {
    if (!quorum) {
      if (patch.threshold !== null) return `${name} is not a quorum; only a quorum has a threshold.`;
      next = { ...next, threshold: null };
    } else {
      const n = node.backing.length;
      const text = String(patch.threshold ?? '').trim();
      const v = /^\d+$/.test(text) ? Number(text) : NaN;
      if (!(v >= 1 && v <= n)) return `The threshold must be a whole number from 1 to ${n} (the number of members), not '${text}'.`;
      next = { ...next, threshold: String(v) };
    }
  }
  if (patch.sourceAttrs !== undefined) {
    if (quorum) return `${name} is a quorum; a quorum has no <source>.`;
    for (const [k, v] of Object.entries(patch.sourceAttrs)) {
      if (!ATTR_NAME.test(k)) return `'${k}' is not a valid attribute name.`;
      if (k === 'index') return 'index is the node id, which the operations manage; it cannot be set by hand.';
      if (v !== null && PATH_ATTRS.has(k) && !v.startsWith('/')) return `'${v}' is a relative path; libvirt needs absolute file paths.`;
    }
    const src = node.source ?? el('source');
    // A proposal source written with path= keeps it: the file path is edited where it is written.
    const hasPath = getAttr(src, 'path') !== null && getAttr(src, 'file') === null;
    const sourcePatch = hasPath && 'file' in patch.sourceAttrs ? Object.fromEntries(Object.entries(patch.sourceAttrs).map(([k, v]) => [k === 'file' ? 'path' : k, v])) : patch.sourceAttrs;
    const attrs = patchAttrs(src.attrs, sourcePatch);
    const source = attrs.length === 0 && src.children.length === 0 ? null : attrs === src.attrs ? src : { ...src, attrs };
    next = { ...next, source };
  }
  if (patch.driverAttrs !== undefined) {
    for (const k of Object.keys(patch.driverAttrs)) {
      if (!ATTR_NAME.test(k)) return `'${k}' is not a valid attribute name.`;
      if (k in TYPED_DRIVER_ATTRS) return `The driver attribute '${k}' is set through ${TYPED_DRIVER_ATTRS[k]}.`;
    }
    const f: FormatElement = node.formatEl ?? { name: 'driver', attrs: [], children: [] };
    const attrs = patchAttrs(f.attrs, patch.driverAttrs);
    if (attrs !== f.attrs) next = { ...next, formatEl: { ...f, attrs } };
  }
  const path = sourceText(next);
  if (path !== null && path !== sourceText(node)) {
    const others = imagesInUse(doc, new Set([node]));
    if (others.has(path)) return `${path} is already used by another node; the same image cannot appear twice.`;
  }
  return next;
}

export function setFields(doc: DomainDoc, uid: string, patch: FieldPatch): OpResult {
  const loc = findByUid(doc, uid);
  if (!loc) return refuse(`No node has uid ${uid}.`);
  const next = patched(doc, loc.disk, loc.node, patch);
  if (typeof next === 'string') return refuse(next);
  if (next === loc.node) return ok(doc, [], [], `${label(doc, loc.disk, loc.node)} already has these values; nothing changed.`);
  const out = replaceIn(doc, loc.disk, loc.node, next);
  return ok(out, [], [], `Updated ${label(out, loc.disk, next)}. This changes the description only; the image files are not touched.`);
}

export function setEnd(doc: DomainDoc, uid: string, end: ChainEnd): OpResult {
  const loc = findByUid(doc, uid);
  if (!loc) return refuse(`No node has uid ${uid}.`);
  const name = label(doc, loc.disk, loc.node);
  if (end !== 'terminated' && end !== 'open') return refuse(`A chain end is 'terminated' or 'open', not '${String(end)}'.`);
  if (loc.node.backing.length > 0) return refuse(`${name} has ${isQuorum(loc.node) ? 'members' : 'a backing store'}; only the last node of a chain has an end.`);
  if (loc.node.end === end) return ok(doc, [], [], `${name} already ends ${end === 'terminated' ? 'with <backingStore/>' : 'open'}; nothing changed.`);
  const out = replaceIn(doc, loc.disk, loc.node, { ...loc.node, end });
  const what =
    end === 'terminated' ? 'now ends with <backingStore/>: it has no backing file and nobody probes' : 'now ends open (no <backingStore>): libvirt and QEMU read its header to find any backing file';
  return ok(out, [], [], `${name} ${what}.`);
}
