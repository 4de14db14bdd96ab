/**
 * What the import readers produce before any XML exists: disks whose
 * sources are trees of images as a tool reported them. Readers fill what
 * their output says and leave the rest null; merge.ts combines several
 * outputs about one guest; write.ts turns the result into a document.
 */
import type { ChainEnd } from '../model/types';
import type { Severity } from '../model/diagnostics';
import type { ImportCode } from './codes';

/** Every output Strata can import, by what printed it. */
export type InputFormat =
  | 'qemu-img-info'
  | 'query-named-block-nodes'
  | 'query-block'
  | 'x-debug-query-block-graph'
  | 'domblklist'
  | 'domstats';

/** What an image's own header says (qemu-img info, or the `image` of a QMP node), for the findings. */
export interface HeaderFacts {
  /** The backing file name exactly as the header stores it. */
  readonly backingName: string | null;
  /** What qemu resolved it to (full-backing-filename). */
  readonly backingResolved: string | null;
  readonly backingFormat: string | null;
  readonly dirty: boolean;
  readonly corrupt: boolean;
}

/** One image (or quorum) of a chain. Mutable while a reader builds it; frozen in spirit once merged. */
export interface ImpNode {
  type: 'file' | 'block' | 'quorum' | null;
  /** File or device path; null for a quorum (or when the output does not say). */
  path: string | null;
  format: string | null;
  /** The stable id (libvirt index, or the N of a libvirt-N node-name); null when the output gives none. */
  id: number | null;
  /** Quorum only. */
  threshold: number | null;
  /** The backing image (0 or 1), or a quorum's members. */
  below: ImpNode[];
  /** Meaningful when `below` is empty. */
  end: ChainEnd;
  header: HeaderFacts | null;
  /** The QEMU node-name, for messages. */
  nodeName: string | null;
}

export interface ImpDisk {
  target: string | null;
  /** disk, cdrom, floppy, lun. */
  device: string | null;
  alias: string | null;
  /** The disk's top image; null for a drive with no medium. */
  top: ImpNode | null;
}

/** A finding about the import, attached to the node or disk it is about (placed in the document once it is written). */
export interface Note {
  readonly severity: Severity;
  readonly code: ImportCode;
  readonly message: string;
  /** The input the finding comes from. */
  readonly input: string;
  readonly node?: ImpNode;
  readonly disk?: ImpDisk;
}

/** One reader's account of the guest (or of one image file): its disks, in its own order, and its notes. */
export interface Observation {
  readonly format: InputFormat;
  readonly input: string;
  readonly disks: ImpDisk[];
  readonly notes: Note[];
  /** Whether the chains go all the way down (false: the output shows tops only, the rest is unknown). */
  readonly chains: boolean;
  /** The guest's name, when the output gives it (domstats). */
  readonly domain?: string;
}

export function imageNode(fields: Partial<ImpNode>): ImpNode {
  return { type: null, path: null, format: null, id: null, threshold: null, below: [], end: 'open', header: null, nodeName: null, ...fields };
}

/** The images of a chain from the top down along the first backing link (a quorum ends the walk). */
export function chainOf(top: ImpNode | null): ImpNode[] {
  const out: ImpNode[] = [];
  for (let n = top; n !== null; n = n.type === 'quorum' ? null : (n.below[0] ?? null)) out.push(n);
  return out;
}

/** Every node of a tree, pre-order (the positions the document will give them); iterative. */
export function preorderImp(top: ImpNode | null): ImpNode[] {
  const out: ImpNode[] = [];
  const stack = top ? [top] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.below.length - 1; i >= 0; i--) stack.push(n.below[i]!);
  }
  return out;
}

/** A reader's refusal: the message says what the input looked like and what was expected. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
}
