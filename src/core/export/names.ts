/**
 * QEMU node-names for the document's nodes (domain.md §5): libvirt's own
 * scheme, `libvirt-N-storage` for the protocol node and `libvirt-N-format`
 * for the format node, with N the node id as it is (the proposal dialect
 * counts from 0: `libvirt-0-storage` is still a legal name; only libvirt's
 * `index` must be ≥ 1). Raw images get a format node too (`{"driver": "raw"}`
 * over the protocol node), as libvirt 9.0 does (checked with its own QEMU
 * driver). A quorum is one node and takes the `-format` name, as it is what
 * the disk's device attaches to.
 *
 * Names must be unique in QEMU. libvirt ids are unique in the domain; the
 * proposal dialect counts per disk, so with several disks (or whenever ids
 * repeat) each name also carries the disk target: `libvirt-vdb-0-format`.
 * The rule depends only on the dialect and the ids present, so a node keeps
 * its name across an operation (commands name nodes of `before` and `after`).
 * A node without an id (a running document that gave none) is named by its
 * position: `strata-vda-p3-format`.
 */
import type { DomainDoc, SrcNode } from '../model/types';
import { preorder } from '../model/walk';
import { diskTarget } from '../numbers/names';
import { rules } from '../dialect/rules';
import { derive } from '../numbers/derive';

export interface QemuNames {
  /** The protocol node (file, host_device, nbd, ...); null for a quorum. */
  readonly storage: string | null;
  /** The format node (qcow2, raw, ..., quorum). */
  readonly format: string;
  /** The node the user of this image links to: format, else storage. */
  readonly top: string;
}

const LEGAL = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const MAX_BYTES = 31;

/** LEGAL admits ASCII only, so the length in characters is the length in bytes (no encoder per name: 10,000-node documents). */
export function isLegalNodeName(name: string): boolean {
  return LEGAL.test(name) && name.length <= MAX_BYTES;
}

/** A raw image: format raw, or no format with nothing below it (libvirt's default for a top). Its format node has no backing. */
export function isRawLayer(node: Pick<SrcNode, 'type' | 'format' | 'backing'>): boolean {
  if (node.type === 'quorum' || node.format === 'quorum') return false;
  return node.format === 'raw' || (node.format === null && node.backing.length === 0);
}

const qualifiers = new WeakMap<DomainDoc, boolean>();

function needsQualifier(doc: DomainDoc): boolean {
  let q = qualifiers.get(doc);
  if (q === undefined) qualifiers.set(doc, (q = findQualifier(doc)));
  return q;
}

function findQualifier(doc: DomainDoc): boolean {
  // Per-disk counters repeat ids across disks.
  if (rules(doc).counter === 'disk' && doc.disks.length > 1) return true;
  const seen = new Set<number>();
  for (const d of doc.disks) {
    for (const v of preorder(d.src)) {
      if (v.node.id === null) continue;
      if (seen.has(v.node.id)) return true;
      seen.add(v.node.id);
    }
  }
  return false;
}

function namesFor(stem: string, node: Pick<SrcNode, 'type' | 'format'>): QemuNames {
  const quorum = node.type === 'quorum' || node.format === 'quorum';
  const format = `${stem}-format`;
  return { storage: quorum ? null : `${stem}-storage`, format, top: format };
}

function tagOf(doc: DomainDoc, di: number): string {
  const target = diskTarget(doc.disks[di]!, di);
  // A target that would make an illegal or too long name is replaced by the disk's index.
  return LEGAL.test(target) && target.length <= 8 ? target : `d${di}`;
}

/**
 * The names a node with id `id` on disk `di` gets (or would get): also for
 * QEMU nodes that never enter the document, such as a backup's target.
 */
export function namesForId(doc: DomainDoc, di: number, id: number, node: Pick<SrcNode, 'type' | 'format'>): QemuNames {
  return namesFor(needsQualifier(doc) ? `libvirt-${tagOf(doc, di)}-${id}` : `libvirt-${id}`, node);
}

const cache = new WeakMap<DomainDoc, ReadonlyMap<string, QemuNames>>();

/** Node-names by node uid, for every node of every disk. */
export function qemuNames(doc: DomainDoc): ReadonlyMap<string, QemuNames> {
  const hit = cache.get(doc);
  if (hit) return hit;
  const out = new Map<string, QemuNames>();
  doc.disks.forEach((disk, di) => {
    for (const v of preorder(disk.src)) out.set(v.node.uid, namesAt(doc, di, v.position, v.node));
  });
  cache.set(doc, out);
  return out;
}

/**
 * The names of one node; throws for a node that is not in the document (a caller's mistake). Worked out for that
 * node alone (the inspector asks for the selected one: the whole map of a 4,000-node document took ~27 ms).
 */
export function namesOf(doc: DomainDoc, node: SrcNode): QemuNames {
  const hit = cache.get(doc)?.get(node.uid);
  if (hit) return hit;
  const v = derive(doc).byUid.get(node.uid);
  if (!v) throw new Error(`internal: node ${node.uid} is not in the document`);
  // By uid, as the whole map is: commands name a node of `before` in `after` by the node it is there.
  return namesAt(doc, v.disk, v.position, v.node);
}

function namesAt(doc: DomainDoc, di: number, position: number, n: SrcNode): QemuNames {
  const tag = tagOf(doc, di);
  const stem = n.id === null ? `strata-${tag}-p${position}` : needsQualifier(doc) ? `libvirt-${tag}-${n.id}` : `libvirt-${n.id}`;
  const names = namesFor(stem, n);
  for (const name of [names.storage, names.format]) {
    if (name !== null && !isLegalNodeName(name)) throw new Error(`internal: '${name}' is not a legal QEMU node-name`);
  }
  return names;
}
