/**
 * Which disk of the document each disk the tools saw is. By target where
 * the tools named it (a made-up target, as qemu-img or bare QMP output gets
 * from the import, would match whatever disk happens to be called vda); else
 * by the top's path; else by place among the disks still unmatched, which
 * the caller reports as a note, since it is a guess.
 */
import type { DomainDoc } from '../model/types';
import { diskTarget } from '../model/names';
import { keyOf } from './chain';

export interface DiskPair {
  /** Disk index in the document, or null: the guest has a disk the XML does not. */
  readonly x: number | null;
  /** Disk index in the tools' document, or null: the XML has a disk the tools do not. */
  readonly t: number | null;
  readonly byPosition: boolean;
}

export function matchDisks(doc: DomainDoc, tools: DomainDoc, targetsNamed: readonly boolean[]): DiskPair[] {
  const taken = new Set<number>();
  const of = new Map<number, number>();
  const free = (f: (x: number) => boolean): number | null => {
    for (let x = 0; x < doc.disks.length; x++) if (!taken.has(x) && f(x)) return x;
    return null;
  };
  const take = (t: number, x: number | null): void => {
    if (x === null) return;
    taken.add(x);
    of.set(t, x);
  };
  tools.disks.forEach((d, t) => {
    if (targetsNamed[t]) take(t, free((x) => diskTarget(doc.disks[x]!, x) === diskTarget(d, t)));
  });
  tools.disks.forEach((d, t) => {
    const key = keyOf(d.src);
    if (!of.has(t) && key !== null) take(t, free((x) => keyOf(doc.disks[x]!.src) === key));
  });
  const guessed = new Set<number>();
  // A drive with no medium pairs only with one: QEMU shows no node for it, so it says nothing about a disk that has one.
  const medium = (d: DomainDoc['disks'][number]): boolean => d.src.source !== null || d.src.backing.length > 0;
  tools.disks.forEach((d, t) => {
    if (of.has(t) || targetsNamed[t]) return;
    const x = free((x) => medium(doc.disks[x]!) === medium(d));
    take(t, x);
    if (x !== null) guessed.add(t);
  });
  const pairs: DiskPair[] = tools.disks.map((_, t) => ({ x: of.get(t) ?? null, t, byPosition: guessed.has(t) }));
  for (let x = 0; x < doc.disks.length; x++) if (!taken.has(x)) pairs.push({ x, t: null, byPosition: false });
  return pairs;
}
