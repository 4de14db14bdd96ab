/**
 * Whether the ids read from node-names can be written as they are. libvirt's
 * `index` is one counter per domain from 1 (domain.md §2): a 0 or a number
 * seen twice (Strata's proposal export counts per disk from 0) is not one,
 * and the proposal dialect needs ids unique within each disk. Ids that do
 * not fit are dropped, and the note says why, rather than written into a
 * document libvirt's schema or Strata's reader would refuse.
 */
import type { Dialect } from '../model/types';
import { rules } from '../dialect/rules';
import type { ImpDisk, Note } from './types';
import { preorderImp } from './types';

function clashes(ids: readonly number[], min: number): boolean {
  return ids.some((id) => id < min) || new Set(ids).size !== ids.length;
}

export function decideIds(disks: readonly ImpDisk[], dialect: Dialect, input: string): Note[] {
  const nodes = disks.map((d) => preorderImp(d.top));
  const idsOf = (list: typeof nodes[number]): number[] => list.map((n) => n.id).filter((id): id is number => id !== null);
  const r = rules(dialect);
  const groups = r.counter === 'domain' ? [nodes.flat()] : nodes;
  const notes: Note[] = [];
  for (const list of groups) {
    const ids = idsOf(list);
    if (!clashes(ids, r.firstId)) continue;
    for (const n of list) n.id = null;
    const scope = r.idScope;
    notes.push({
      severity: 'info',
      code: 'import-no-index',
      input,
      node: list[0],
      message: `The numbers in the node-names (${[...new Set(ids)].join(', ')}) are not ${scope}: they repeat or start at 0, as Strata's export names proposal-dialect nodes. The document has no ids for these nodes.`,
    });
  }
  return notes;
}
