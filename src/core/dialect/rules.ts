/**
 * The two dialects (domain.md §3) as data: everything that differs between
 * libvirt's XML and the 2014 proposal's, in one place. Code asks these
 * questions instead of comparing dialect names, so a difference is named
 * once, with the reason next to it.
 */
import type { Dialect, DomainDoc } from '../model/types';

export interface DialectRules {
  readonly name: Dialect;
  /** What `TARGET[N]` means: the node with id N (libvirt, virsh) or position N (the design mail). */
  readonly address: 'id' | 'position';
  /** One counter for the domain from 1 (libvirt), or one per disk from 0 (the mail). */
  readonly counter: 'domain' | 'disk';
  readonly firstId: 0 | 1;
  /** How ids are written: libvirt `index='N'` (top `<source>`, each `<backingStore>`); the mail `node='[N]'` (on the format element). */
  readonly idAttribute: 'index' | 'node';
  /** `<backingStore index>` holds the id (libvirt) or the position (the mail writes positions). */
  readonly storeIndex: 'id' | 'position';
  /** The element a backing layer's format goes in: `<format type=…/>` (libvirt requires it) or `<driver name='qemu' type=…/>`. */
  readonly layerFormat: 'format' | 'driver';
  /** Whether a quorum can be written at all (libvirt never merged quorum; its schema allows one `<backingStore>` per level). */
  readonly quorum: boolean;
  /** The node name shown: the virsh address `vda[N]` (libvirt) or `<alias>[N]` (the mail). */
  readonly nodeNameBase: 'target' | 'alias';
  /**
   * Offline ids: libvirt has none of its own (it numbers the nodes at start,
   * so an offline document always shows that numbering); the mail keeps its
   * ids until renumbered.
   */
  readonly offlineIds: 'fresh' | 'kept';
  /**
   * A chain that ends open is probed at start and the layers found numbered
   * after every written one (libvirt 9.0); the proposal never ran anywhere.
   */
  readonly probesOpenEnds: boolean;
  /** Relative paths: an error (libvirt's schema wants absolute ones) or a warning. */
  readonly relativePath: 'error' | 'warning';
  /** What the frame's counter counts, for a label. */
  readonly counterScope: string;
  /** An example of the layer format element, for messages. */
  readonly layerFormatExample: string;
  /** Who numbers a fresh document, for messages ("as libvirt would at guest start"). */
  readonly numberedBy: string;
  /** The fresh numbering rule in one sentence (renumber, convert). */
  readonly freshRule: string;
  /** What a valid set of ids is, for messages. */
  readonly idScope: string;
}

export const LIBVIRT: DialectRules = {
  name: 'libvirt',
  address: 'id',
  counter: 'domain',
  firstId: 1,
  idAttribute: 'index',
  storeIndex: 'id',
  layerFormat: 'format',
  quorum: false,
  nodeNameBase: 'target',
  offlineIds: 'fresh',
  probesOpenEnds: true,
  relativePath: 'error',
  counterScope: 'per domain',
  layerFormatExample: "<format type='qcow2'/>",
  numberedBy: 'libvirt',
  freshRule: 'one counter for the domain from 1: disks last to first, each top-down, as libvirt numbers them at guest start',
  idScope: 'libvirt indexes (one counter per guest, from 1)',
};

export const PROPOSAL: DialectRules = {
  name: 'proposal',
  address: 'position',
  counter: 'disk',
  firstId: 0,
  idAttribute: 'node',
  storeIndex: 'position',
  layerFormat: 'driver',
  quorum: true,
  nodeNameBase: 'alias',
  offlineIds: 'kept',
  probesOpenEnds: false,
  relativePath: 'warning',
  counterScope: 'this disk',
  layerFormatExample: "<driver name='qemu' type='qcow2'/>",
  numberedBy: 'the proposal',
  freshRule: "each disk from 0 in post-order: a node's backing stores first, then the node (they had to exist before it)",
  idScope: 'ids of one disk (each used once)',
};

/** The rules of a dialect, or of a document's dialect. */
export function rules(of: Dialect | Pick<DomainDoc, 'dialect'>): DialectRules {
  const d = typeof of === 'string' ? of : of.dialect;
  return d === 'libvirt' ? LIBVIRT : PROPOSAL;
}

/** A dialect name from user input (CLI, select), or null. */
export function parseDialectName(value: string): Dialect | null {
  return value === LIBVIRT.name || value === PROPOSAL.name ? value : null;
}

/** An offline libvirt document: its ids are libvirt's numbering at the next start (see settleIds). */
export function idsAreFresh(doc: Pick<DomainDoc, 'dialect' | 'state'>): boolean {
  return rules(doc).offlineIds === 'fresh' && doc.state === 'offline';
}
