/**
 * Several outputs about one guest → one list of disks. A disk seen by two
 * outputs is matched by its top: the same id (libvirt index) or the same
 * path (a drive with no medium: the same target). Its chain comes from the
 * output that knows most (whole chains before tops only; then QEMU's own
 * graph, domstats, qemu-img, domblklist); the others fill what it lacks
 * (formats, ids, header facts) layer by layer while their paths agree, and
 * a disagreement is said, never settled silently. Targets come from
 * domblklist, then domstats, then node-names; the disk order from the
 * first output that has one (domblklist, domstats, query-block).
 */
import type { ImpDisk, ImpNode, InputFormat, Note, Observation } from './types';
import { chainOf, preorderImp } from './types';

const RANK: Readonly<Record<InputFormat, number>> = {
  'query-named-block-nodes': 4,
  'query-block': 4,
  'x-debug-query-block-graph': 4,
  domstats: 3,
  'qemu-img-info': 2,
  domblklist: 1,
};
/** Which output's disk order wins (lower first). */
const ORDER: Readonly<Record<InputFormat, number>> = {
  domblklist: 0,
  domstats: 1,
  'query-block': 2,
  'query-named-block-nodes': 3,
  'x-debug-query-block-graph': 3,
  'qemu-img-info': 4,
};

interface Version {
  readonly obs: Observation;
  readonly disk: ImpDisk;
}

export interface Merged {
  readonly disks: ImpDisk[];
  readonly notes: Note[];
  readonly domain: string | null;
  /** For each disk, the output its chain came from. */
  readonly from: readonly Observation[];
}

function matches(a: ImpDisk, b: ImpDisk): boolean {
  // Empty drives have nothing but a target to go by; an output without targets pairs them in order.
  if (a.top === null || b.top === null) return a.top === b.top && (a.target === null || b.target === null || a.target === b.target);
  if (a.top.id !== null && b.top.id !== null) return a.top.id === b.top.id;
  return a.top.path !== null && a.top.path === b.top.path;
}

const rank = (v: Version): number => (v.obs.chains ? 10 : 0) + RANK[v.obs.format];

export function merge(observations: readonly Observation[]): Merged {
  const sorted = [...observations].sort((a, b) => ORDER[a.format] - ORDER[b.format]);
  const groups: Version[][] = [];
  for (const obs of sorted) {
    for (const disk of obs.disks) {
      const g = groups.find((vs) => !vs.some((v) => v.obs === obs) && vs.some((v) => matches(v.disk, disk)));
      if (g) g.push({ obs, disk });
      else groups.push([{ obs, disk }]);
    }
  }
  const notes: Note[] = [];
  const remap = new Map<ImpNode, ImpNode>();
  const disks: ImpDisk[] = [];
  const from: Observation[] = [];
  for (const g of groups) {
    const primary = g.reduce((best, v) => (rank(v) > rank(best) ? v : best));
    const disk: ImpDisk = { ...primary.disk };
    for (const v of g) if (v !== primary) fill(primary, v, disk, remap, notes);
    disk.target = pick(g, (d) => d.target, ['domblklist', 'domstats'], notes, 'target') ?? disk.target;
    disk.device = pick(g, (d) => d.device, ['domblklist'], notes, null) ?? disk.device;
    disk.alias = g.map((v) => v.disk.alias).find((a) => a !== null) ?? null;
    if (disk.top === null && disk.device === null) {
      // Only a removable drive can be empty; a cdrom is the common one.
      disk.device = 'cdrom';
      notes.push({ severity: 'info', code: 'import-guessed', input: primary.obs.input, disk, message: `${disk.target ?? 'A drive'} has no medium and ${primary.obs.input} does not say what kind of drive it is: it is written as a cdrom (virsh domblklist --details gives the real kind).` });
    }
    disks.push(disk);
    from.push(primary.obs);
  }
  const byDisk = new Map<ImpDisk, ImpDisk>();
  groups.forEach((g, i) => g.forEach((v) => byDisk.set(v.disk, disks[i]!)));
  for (const obs of observations) {
    for (const n of obs.notes) {
      const node = n.node ? (remap.get(n.node) ?? n.node) : undefined;
      const placed = node && disks.some((d) => preorderImp(d.top).includes(node));
      notes.push({ ...n, node: placed ? node : undefined, disk: n.disk ? byDisk.get(n.disk) : undefined });
    }
  }
  const domain = observations.find((o) => o.domain !== undefined)?.domain ?? null;
  return { disks, notes, domain, from };
}

/** The first non-null value in the order of `prefer`, and a note when outputs disagree on it. */
function pick<T>(g: readonly Version[], get: (d: ImpDisk) => T | null, prefer: readonly InputFormat[], notes: Note[], what: string | null): T | null {
  const given = g.filter((v) => get(v.disk) !== null).sort((a, b) => idx(prefer, a.obs.format) - idx(prefer, b.obs.format));
  const first = given[0];
  if (!first) return null;
  const other = given.find((v) => get(v.disk) !== get(first.disk));
  if (other && what) {
    notes.push({
      severity: 'warning',
      code: 'import-mismatch',
      input: other.obs.input,
      message: `${first.obs.input} gives the ${what} ${String(get(first.disk))}, ${other.obs.input} gives ${String(get(other.disk))} for the same disk; the document uses ${String(get(first.disk))}.`,
    });
  }
  return get(first.disk);
}

const idx = (list: readonly InputFormat[], f: InputFormat): number => (list.includes(f) ? list.indexOf(f) : list.length);

/** Fills the primary chain from another output's, layer by layer, while the paths agree. */
function fill(primary: Version, other: Version, disk: ImpDisk, remap: Map<ImpNode, ImpNode>, notes: Note[]): void {
  const mine = chainOf(primary.disk.top);
  const theirs = chainOf(other.disk.top);
  const n = Math.min(mine.length, theirs.length);
  for (let i = 0; i < n; i++) {
    const a = mine[i]!;
    const b = theirs[i]!;
    if (b.path !== null && a.path !== null && a.path !== b.path) {
      notes.push({
        severity: 'warning',
        code: 'import-mismatch',
        input: other.obs.input,
        node: a,
        disk,
        message: `Layer ${i + 1} of ${disk.target ?? 'a disk'} is ${a.path} in ${primary.obs.input} but ${b.path} in ${other.obs.input}; the document follows ${primary.obs.input}.`,
      });
      return;
    }
    a.format ??= b.format;
    a.type ??= b.type;
    a.id ??= b.id;
    if (a.header === null || (b.header !== null && b.header.backingName !== null && a.header.backingName === null)) a.header = b.header ?? a.header;
    if (a.id !== null && b.id !== null && a.id !== b.id) {
      notes.push({ severity: 'warning', code: 'import-mismatch', input: other.obs.input, node: a, disk, message: `${a.path} has the id ${a.id} in ${primary.obs.input} but ${b.id} in ${other.obs.input}; the document uses ${a.id}.` });
    }
    remap.set(b, a);
  }
  const aEnd = mine[mine.length - 1];
  const bEnd = theirs[theirs.length - 1];
  // Both outputs know the whole chain and list different depths: say so.
  if (primary.obs.chains && other.obs.chains && mine.length !== theirs.length && aEnd && bEnd && aEnd.type !== 'quorum' && bEnd.type !== 'quorum') {
    notes.push({
      severity: 'warning',
      code: 'import-mismatch',
      input: other.obs.input,
      node: aEnd,
      disk,
      message: `${primary.obs.input} lists ${mine.length} layer(s) for ${disk.target ?? 'a disk'}, ${other.obs.input} lists ${theirs.length}; the document follows ${primary.obs.input}.`,
    });
  }
}
