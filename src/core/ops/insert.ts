/**
 * Graph edits that add a node: a new image below a node (for a quorum, a new
 * member), and wrapping a node in a new quorum.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { takeId } from '../numbers/ids';
import { findByUid, isQuorum, label, ok, replaceIn, withSrc } from './locate';
import { defaultImageFile, demote, formatReason, makeImage, makeQuorum, newFileReason, typeReason } from './nodes';
import type { OpResult } from './types';
import { refuse } from './types';
import { rules } from '../dialect/rules';

export interface NodeInit {
  /** Default `file`. */
  readonly type?: string;
  /** Default qcow2 between two nodes, raw for a new member or a new chain end. */
  readonly format?: string;
  /** The path (file, block and dir types); default `/var/lib/libvirt/images/<target>-img<id>.<ext>`. */
  readonly file?: string;
}

const PATH_TYPES = new Set(['file', 'block', 'dir']);

interface InsertPlan {
  readonly loc: NonNullable<ReturnType<typeof findByUid>>;
  readonly member: boolean;
  readonly type: string;
  readonly format: string;
}

/** insertBelow's checks, without building the document: a refusal, or what to build. */
function planInsert(doc: DomainDoc, uid: string, init: NodeInit): InsertPlan | string {
  const loc = findByUid(doc, uid);
  if (!loc) return `No node has uid ${uid}.`;
  const node = loc.node;
  const member = isQuorum(node);
  if (!member) {
    if (node.backing.length > 1) return `${label(doc, loc.disk, node)} has several backing stores but is not a quorum; fix that first.`;
    if (node.format === 'raw') return `${label(doc, loc.disk, node)} is a raw image, which cannot have a backing file; change its format (e.g. to qcow2) first.`;
  }
  const type = init.type ?? 'file';
  const format = init.format ?? (!member && node.backing.length > 0 ? 'qcow2' : 'raw');
  if (type === 'quorum') return 'To add a quorum, wrap a node in one (wrapInQuorum).';
  const bad = typeReason(type) ?? formatReason(format, false);
  if (bad) return bad;
  if (!member && node.backing.length > 0 && format === 'raw') return 'A raw image cannot have a backing file, and the new image would back onto the old backing store; choose a format such as qcow2.';
  if (!PATH_TYPES.has(type) && init.file !== undefined) return `A ${type} source has no file path; create it without one and set its source fields.`;
  return { loc, member, type, format };
}

/**
 * Why insertBelow would refuse, or null, without building the new document and its numbers (the node menus ask
 * this of the selected node on every change; on a 10,000-level chain the whole apply took ~50 ms).
 */
export function insertBelowRefusal(doc: DomainDoc, uid: string, init: NodeInit = {}): string | null {
  const p = planInsert(doc, uid, init);
  if (typeof p === 'string') return p;
  if (!PATH_TYPES.has(p.type)) return null;
  const [id] = takeId(doc, p.loc.disk);
  return newFileReason(doc, init.file ?? defaultImageFile(doc, p.loc.disk, id, p.format));
}

export function insertBelow(doc: DomainDoc, uid: string, init: NodeInit = {}): OpResult {
  const p = planInsert(doc, uid, init);
  if (typeof p === 'string') return refuse(p);
  const { loc, member, type, format } = p;
  const node = loc.node;
  const [id, next] = takeId(doc, loc.disk);
  let file: string | null = null;
  if (PATH_TYPES.has(type)) {
    file = init.file ?? defaultImageFile(doc, loc.disk, id, format);
    const badFile = newFileReason(doc, file);
    if (badFile) return refuse(badFile);
  }

  const fresh = member
    ? makeImage({ id, type, format, file, end: 'terminated' })
    : makeImage({ id, type, format, file, backing: node.backing, end: node.end });
  const out = replaceIn(next, loc.disk, node, { ...node, backing: member ? [...node.backing, fresh] : [fresh] });
  const where = member ? `as a new member of ${label(doc, loc.disk, node)}` : `below ${label(doc, loc.disk, node)}`;
  return ok(out, [fresh.uid], [], `Inserted ${label(out, loc.disk, fresh)} ${where}. The image must exist (or be created) with that content; the others are unchanged.`);
}

export function wrapInQuorum(doc: DomainDoc, uid: string): OpResult {
  const loc = findByUid(doc, uid);
  if (!loc) return refuse(`No node has uid ${uid}.`);
  if (!rules(doc).quorum) {
    return refuse('libvirt never merged quorum; its schema allows one <backingStore> per level — convert to the proposal dialect first.');
  }
  const [id, next] = takeId(doc, loc.disk);
  const top = loc.parent === null;
  const inner: SrcNode = top ? demote(loc.node) : loc.node;
  const q = makeQuorum(id, [inner], top ? loc.node : undefined);
  const out = top ? withSrc(next, loc.disk, q) : replaceIn(next, loc.disk, loc.node, q);
  return ok(out, [q.uid], [], `Wrapped ${label(doc, loc.disk, loc.node)} in the new quorum ${label(out, loc.disk, q)} (threshold 1, one member). All images remain valid.`);
}
