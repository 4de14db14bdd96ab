/**
 * What the conformance suite compares between Strata's predicted document and
 * libvirt's `virsh dumpxml`: per disk, each layer's type, format, path and
 * index (pre-order), how the chain ends, and the running job's `<mirror>`.
 * Read through Strata's own reader on both sides, so a difference is about
 * the document, not about how it was printed.
 */
import { derive } from '../../../src/core/numbers/derive';
import type { DomainDoc } from '../../../src/core/model/types';
import { load } from '../../helpers/load';

export interface DiskFacts {
  readonly target: string;
  /** `type format path #index`, top first. */
  readonly layers: readonly string[];
  /** `terminated` or `open`, for the last layer of a chain. */
  readonly end: string;
  /** `job dest #index ready`, or null without a job. */
  readonly mirror: string | null;
}

/** libvirt's `virsh dumpxml` as Strata reads it. */
export function readLive(xml: string): DomainDoc {
  return load(xml, "Strata cannot read libvirt's dumpxml");
}

export function facts(doc: DomainDoc): DiskFacts[] {
  return derive(doc).disks.map((d) => {
    const layers = d.nodes.map((n) => `${n.type ?? '-'} ${n.format ?? '-'} ${n.source ?? '-'} #${n.id ?? '?'}`);
    const last = d.nodes[d.nodes.length - 1]!;
    const m = d.mirror;
    const mirror = m ? `${m.job ?? '-'} ${m.dest ?? '-'} #${m.chain[0]?.id ?? '?'} ready=${m.ready ?? '-'}${m.job === 'copy' ? (m.shallow ? ' shallow' : ' full') : ''}` : null;
    return { target: d.target, layers, end: last.end ?? 'chain', mirror };
  });
}
