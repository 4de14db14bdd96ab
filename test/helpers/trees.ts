/**
 * Random documents for property tests, written by the test's own XML
 * writer (never src/core's), with the inspect JSON they must read as:
 * positions, fresh or given ids, counters and names computed here from
 * domain.md §2, independently of src/core/numbers.
 */
import fc from 'fast-check';
import type { InspectDisk, InspectJson, InspectNode } from '../../src/core/inspect';

export type NodeType = 'file' | 'block' | 'network' | 'volume' | 'quorum';

export interface NodeSpec {
  readonly type: NodeType;
  readonly format: string | null;
  readonly end: 'terminated' | 'open';
  /** Asked-for threshold; clamped to 1..members when written. */
  readonly threshold: number;
  /** Proposal only: a file source written as path= (as in the mail) instead of file=. */
  readonly usePath: boolean;
  readonly kids: readonly NodeSpec[];
}

export interface DiskSpec {
  readonly root: NodeSpec;
  readonly alias: boolean;
}

export interface DocSpec {
  readonly dialect: 'libvirt' | 'proposal';
  readonly running: boolean;
  readonly disks: readonly DiskSpec[];
  /** Drives which ids a running document uses (and which nodes lack one). */
  readonly idSeed: number;
  /** A single disk may be written bare (<disk> as the root) instead of inside a <domain>. */
  readonly bare: boolean;
}

const FORMATS = ['qcow2', 'raw', 'qed', 'vmdk', 'vpc', null] as const;
const LEAF_TYPES: NodeType[] = ['file', 'block', 'network', 'volume'];

function nodeArb(quorums: boolean, maxDepth: number): fc.Arbitrary<NodeSpec> {
  const { node } = fc.letrec<{ node: NodeSpec }>((tie) => {
    const common = {
      format: fc.constantFrom(...FORMATS),
      end: fc.constantFrom('terminated' as const, 'open' as const),
      threshold: fc.integer({ min: 1, max: 4 }),
      usePath: fc.boolean(),
    };
    const layer = fc.record({ ...common, type: fc.constantFrom(...LEAF_TYPES), kids: fc.array(tie('node'), { maxLength: 1 }) });
    const quorum = fc.record({ ...common, type: fc.constant('quorum' as const), kids: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) });
    return { node: quorums ? fc.oneof({ maxDepth, depthIdentifier: 'tree' }, layer, layer, quorum) : fc.oneof({ maxDepth, depthIdentifier: 'tree' }, layer) };
  });
  return node;
}

export function docArb(dialect: 'libvirt' | 'proposal', running: boolean): fc.Arbitrary<DocSpec> {
  const root = nodeArb(dialect === 'proposal', dialect === 'proposal' ? 5 : 12);
  return fc
    .record({
      disks: fc.array(fc.record({ root, alias: fc.boolean() }), { minLength: 1, maxLength: 3 }),
      idSeed: fc.integer({ min: 1, max: 0x7fffffff }),
      bare: fc.boolean(),
    })
    .map((r) => ({ ...r, dialect, running, bare: r.bare && r.disks.length === 1 }))
    .filter(hasDialectMarker);
}

function walk(root: NodeSpec): NodeSpec[] {
  const out: NodeSpec[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.kids.length - 1; i >= 0; i--) stack.push(n.kids[i]!);
  }
  return out;
}

function postorder(root: NodeSpec): NodeSpec[] {
  const out: NodeSpec[] = [];
  const visit = (n: NodeSpec): void => {
    n.kids.forEach(visit);
    out.push(n);
  };
  visit(root);
  return out;
}

/**
 * A proposal document must carry something that says so once written: ids
 * (running), a quorum, or a layer with a <driver> (a format). An offline
 * proposal chain with none of these is plain libvirt XML (see the report).
 */
function hasDialectMarker(spec: DocSpec): boolean {
  if (spec.dialect === 'libvirt' || spec.running) return true;
  return spec.disks.some((d) => walk(d.root).some((n) => n.type === 'quorum' || (n !== d.root && n.format !== null)));
}

/** Deterministic pseudo-random numbers from the spec's seed (xorshift). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Ids a running document carries: distinct per disk (proposal, from 0) or per domain (libvirt, from 1); some nodes have none. */
export function givenIds(spec: DocSpec): Map<NodeSpec, number | null> {
  const ids = new Map<NodeSpec, number | null>();
  const rand = rng(spec.idSeed);
  const all = spec.disks.map((d) => walk(d.root));
  const draw = (nodes: NodeSpec[], base: number): void => {
    const pool = Array.from({ length: nodes.length * 3 }, (_, i) => base + i);
    for (const n of nodes) ids.set(n, pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
    for (const n of nodes) if (rand() < 0.1) ids.set(n, null);
  };
  if (spec.dialect === 'proposal') all.forEach((nodes) => draw(nodes, 0));
  else draw(all.flat(), 1);
  // A document with no id at all would read as offline.
  const first = all[0]![0]!;
  if ([...ids.values()].every((v) => v === null)) ids.set(first, spec.dialect === 'proposal' ? 0 : 1);
  return ids;
}

/** domain.md §2 fresh numbering: proposal per disk post-order from 0; libvirt disks last-to-first, pre-order, from 1. */
export function freshIds(spec: DocSpec): Map<NodeSpec, number> {
  const ids = new Map<NodeSpec, number>();
  if (spec.dialect === 'proposal') {
    for (const d of spec.disks) postorder(d.root).forEach((n, i) => ids.set(n, i));
  } else {
    let next = 1;
    for (let i = spec.disks.length - 1; i >= 0; i--) for (const n of walk(spec.disks[i]!.root)) ids.set(n, next++);
  }
  return ids;
}

const target = (i: number): string => `vd${String.fromCharCode(97 + i)}`;
const alias = (i: number): string => `virtio-disk${i}`;

interface Source {
  readonly xml: string | null;
  readonly text: string | null;
}

function sourceOf(n: NodeSpec, k: string, dialect: DocSpec['dialect']): Source {
  switch (n.type) {
    case 'file': {
      const p = `/images/${k}.img`;
      return { xml: `<source ${dialect === 'proposal' && n.usePath ? 'path' : 'file'}='${p}'/>`, text: p };
    }
    case 'block':
      return { xml: `<source dev='/dev/vg/${k}'/>`, text: `/dev/vg/${k}` };
    case 'network':
      return { xml: `<source protocol='nbd' name='${k}'><host name='h${k}.example' port='10809'/></source>`, text: `nbd://h${k}.example:10809/${k}` };
    case 'volume':
      return { xml: `<source pool='pool${k}' volume='${k}.vol'/>`, text: `pool${k}/${k}.vol` };
    case 'quorum':
      return { xml: null, text: null };
  }
}

const clampThreshold = (n: NodeSpec): number => Math.min(n.threshold, n.kids.length);
const formatOf = (n: NodeSpec): string | null => (n.type === 'quorum' ? 'quorum' : n.format);

export interface Built {
  readonly xml: string;
  readonly expected: InspectJson;
}

/** The XML text and the inspect JSON (diagnostics left empty) it must read as. */
export function build(spec: DocSpec): Built {
  const ids: Map<NodeSpec, number | null> = spec.running ? givenIds(spec) : freshIds(spec);
  const { dialect } = spec;
  const lines: string[] = [];
  const disks: InspectDisk[] = [];
  spec.disks.forEach((d, di) => {
    const order = walk(d.root);
    const pos = new Map(order.map((n, i) => [n, i] as const));
    const nodes: InspectNode[] = [];
    const writeNode = (n: NodeSpec, depth: number): void => {
      const p = pos.get(n)!;
      const k = `d${di}n${p}`;
      const id = ids.get(n) ?? null;
      const src = sourceOf(n, k, dialect);
      const pad = '  '.repeat(depth + 1);
      const shownId = spec.running && id !== null ? id : null;
      const fmt = formatOf(n);
      const thr = n.type === 'quorum' ? ` threshold='${clampThreshold(n)}'` : '';
      const isTop = depth === 0;
      const nodeAttr = dialect === 'proposal' && shownId !== null ? ` node='[${shownId}]'` : '';
      if (isTop) {
        if (fmt !== null || thr || nodeAttr) lines.push(`${pad}<driver name='qemu'${fmt ? ` type='${fmt}'` : ''}${thr}${nodeAttr}/>`);
      } else if (dialect === 'proposal') {
        if (fmt !== null || thr || nodeAttr) lines.push(`${pad}<driver name='qemu'${fmt ? ` type='${fmt}'` : ''}${thr}${nodeAttr}/>`);
      } else if (fmt !== null) lines.push(`${pad}<format type='${fmt}'/>`);
      if (src.xml !== null) {
        const index = dialect === 'libvirt' && isTop && shownId !== null ? ` index='${shownId}'` : '';
        lines.push(pad + src.xml.replace(/^<source /, `<source${index} `));
      }
      for (const kid of n.kids) {
        const kidId = ids.get(kid) ?? null;
        const idx =
          dialect === 'proposal' ? ` index='${pos.get(kid)}'` : spec.running && kidId !== null ? ` index='${kidId}'` : '';
        lines.push(`${pad}<backingStore type='${kid.type}'${idx}>`);
        writeNode(kid, depth + 1);
        lines.push(`${pad}</backingStore>`);
      }
      if (n.kids.length === 0 && n.end === 'terminated') lines.push(`${pad}<backingStore/>`);
      nodes.push({
        position: p,
        id,
        name: id === null ? null : `${dialect === 'proposal' && d.alias ? alias(di) : target(di)}[${id}]`,
        type: n.type,
        format: fmt,
        source: src.text,
        threshold: n.type === 'quorum' ? clampThreshold(n) : null,
        children: n.kids.map((c) => pos.get(c)!),
        end: n.kids.length > 0 ? null : n.end,
      });
    };
    lines.push(`<disk type='${d.root.type}' device='disk'>`);
    writeNode(d.root, 0);
    lines.push(`  <target dev='${target(di)}' bus='virtio'/>`);
    if (d.alias) lines.push(`  <alias name='${alias(di)}'/>`);
    lines.push('</disk>');
    nodes.sort((a, b) => a.position - b.position);
    disks.push({ target: target(di), alias: d.alias ? alias(di) : null, counter: 0, nodes });
  });
  const xml = spec.bare ? lines.join('\n') + '\n' : `<domain type='kvm'>\n<name>p</name>\n<devices>\n${lines.join('\n')}\n</devices>\n</domain>\n`;
  return { xml, expected: { dialect, state: spec.running ? 'running' : 'offline', disks: withCounters(spec, disks), diagnostics: [] } };
}

/** The next id: after the largest given id (running) or after the fresh numbering (offline). */
function withCounters(spec: DocSpec, disks: InspectDisk[]): InspectDisk[] {
  const maxOf = (d: InspectDisk): number => Math.max(-1, ...d.nodes.map((n) => n.id ?? -1));
  if (spec.dialect === 'proposal') return disks.map((d) => ({ ...d, counter: maxOf(d) + 1 }));
  const domainMax = Math.max(0, ...disks.map(maxOf));
  return disks.map((d) => ({ ...d, counter: domainMax + 1 }));
}
