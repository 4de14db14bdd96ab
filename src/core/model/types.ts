/**
 * The document model (domain.md §1). A DomainDoc keeps the whole XML
 * losslessly; each <disk> under <devices> becomes a typed DiskDef whose
 * source is a recursive SrcNode tree. Everything the model does not type is
 * kept as raw XmlNodes in its original place.
 */
import type { Attr, Loc, XmlElement, XmlNode } from '../xml/tree';

export type Dialect = 'libvirt' | 'proposal';
export type GuestState = 'offline' | 'running';
/** How a chain ends when a node has no backing store: `<backingStore/>` vs nothing at all. */
export type ChainEnd = 'terminated' | 'open';

/** Where a piece of a source element sits among its siblings. `x` indexes `extras`. */
/** A piece's place among a layer's children; a quorum has one `backing` per member, in order. */
export type Slot = 'format' | 'source' | 'backing' | { readonly x: number };

/** The element that carries the format: `<driver>` on a disk, `<format>` (libvirt) or `<driver>` (proposal) on a layer. */
export interface FormatElement {
  readonly name: string;
  /** Read from the text: its name and attributes are written back as they were (a new one follows the dialect). */
  readonly read?: boolean;
  /** All attributes as read, in order; type/threshold/node are rewritten from the typed fields on output. */
  readonly attrs: readonly Attr[];
  readonly children: readonly XmlNode[];
}

/** One image or node: the host's view (DiskSrcDef). */
export interface SrcNode {
  /** Editor identity (React keys, layout); never written to XML. */
  readonly uid: string;
  /** The stable node id (domain.md §2); null when a running document gave none for this node. */
  readonly id: number | null;
  /** file, block, network, volume, dir, nvme, vhostuser, quorum, ...; null when the XML had no type. */
  readonly type: string | null;
  readonly format: string | null;
  /** Quorum vote threshold as written (validated, not parsed, so bad input is reported, not lost). */
  readonly threshold: string | null;
  readonly formatEl: FormatElement | null;
  /** The `<source>` element as read, without the id attribute. */
  readonly source: XmlElement | null;
  /** Backing stores (quorum members) in document order. */
  readonly backing: readonly SrcNode[];
  /** Meaningful only when `backing` is empty. */
  readonly end: ChainEnd;
  /**
   * The end marker as read (a `<backingStore>` without `type=`, with whatever
   * attributes or content it had), written back as it was; absent for a new
   * end, which is written `<backingStore/>`.
   */
  readonly endEl?: XmlElement | null;
  /**
   * The id as the text wrote it, and where (libvirt: `<source index>` of the
   * top or `<backingStore index>`; proposal: `node=` on the format element or
   * on the `<backingStore>`). Written back as it was when it is not an id
   * (diagnosed) or names the same id; a changed id is written canonically.
   */
  readonly idText?: string;
  readonly idOn?: 'format' | 'store' | 'source';
  /** Proposal: `index=` on the `<backingStore>` as read, and the position it was read at (kept while the node stays there). */
  readonly posText?: string;
  readonly posRead?: number;
  /** Proposal: the layer was read without `index=`, and is written without one. */
  readonly posNone?: boolean;
  /** Attributes of the `<backingStore>` element as read (type/index/node rewritten on output). */
  readonly attrs: readonly Attr[];
  /** Children the model does not type (privateData, dataStore, comments, unknown elements). */
  readonly extras: readonly XmlNode[];
  /** Order of this node's children as read; pieces missing from it are written in canonical order. */
  readonly order: readonly Slot[];
  readonly loc: Loc | null;
}

/** Marks, inside a disk's children, where a piece of the top source was written. */
export interface SrcMark {
  /** A quorum top has one `backing` mark per member, in order, so what stood between its members stays there. */
  readonly mark: 'format' | 'source' | 'backing';
}

/** The guest's view of one disk (DiskDef). */
export interface DiskDef {
  readonly uid: string;
  /** `<disk>` attributes as read; `type` is rewritten from the top source. */
  readonly attrs: readonly Attr[];
  /** `<disk>` children: target, alias, address, mirror, ... with marks where the top source's pieces go. */
  readonly children: readonly (XmlNode | SrcMark)[];
  readonly src: SrcNode;
  /** Proposal dialect: this disk's own counter (next id it hands out). */
  readonly counter: number;
  readonly loc: Loc | null;
}

export interface DomainDoc {
  readonly dialect: Dialect;
  readonly state: GuestState;
  /** The whole document as read; each modelled `<disk>` is an empty placeholder at `diskPaths[i]`. */
  readonly tree: readonly XmlNode[];
  /** Child-index paths from `tree` to each disk's placeholder, in document order. */
  readonly diskPaths: readonly (readonly number[])[];
  readonly disks: readonly DiskDef[];
  /** libvirt dialect: the domain-wide counter (next id handed out, from 1). */
  readonly counter: number;
}

export function isMark(c: XmlNode | SrcMark): c is SrcMark {
  return 'mark' in c;
}
