/**
 * Property: random sequences of operations on random chains and quorums never
 * reuse a node id. Every id handed out belongs to one node only, new nodes
 * get ids the counter never gave before, and counters only grow (renumber
 * and convert restart numbering on purpose and start a new epoch).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainDoc } from '../../../src/core/model/types';
import { preorder } from '../../../src/core/model/walk';
import { addressOf } from '../../../src/core/numbers/address';
import { counterOf } from '../../../src/core/numbers/ids';
import type { OpResult } from '../../../src/core/ops';
import { asRunning, load } from '../../helpers/load';
import {
  commit,
  convert,
  copy,
  insertBelow,
  pull,
  quorumAdd,
  quorumRemove,
  removeNode,
  renumber,
  reparent,
  setEnd,
  setFields,
  setState,
  setThreshold,
  snapshot,
  wrapInQuorum,
} from '../../../src/core/ops';

type Shape = { readonly kind: 'chain'; readonly depth: number; readonly terminated: boolean } | { readonly kind: 'quorum'; readonly members: readonly number[]; readonly threshold: number };

/** One disk's XML; layers use <driver> (proposal) or <format> (libvirt). */
function diskXml(shape: Shape, d: number, proposal: boolean): string {
  const layerFmt = (f: string): string => (proposal ? `<driver name='qemu' type='${f}'/>` : `<format type='${f}'/>`);
  const chainBelow = (depth: number, tag: string, end: string): string => {
    let inner = end;
    for (let i = depth; i >= 1; i--) inner = `<backingStore type='file'>${layerFmt(i === depth ? 'raw' : 'qcow2')}<source file='/g/${tag}-${i}.img'/>${inner}</backingStore>`;
    return inner;
  };
  const target = `<target dev='vd${String.fromCharCode(97 + d)}' bus='virtio'/>`;
  if (shape.kind === 'chain') {
    const top = shape.depth === 0 ? 'raw' : 'qcow2';
    const below = chainBelow(shape.depth, `d${d}`, shape.terminated ? '<backingStore/>' : '');
    return `<disk type='file' device='disk'><driver name='qemu' type='${top}'/><source ${proposal ? 'path' : 'file'}='/g/d${d}-0.img'/>${shape.depth === 0 && shape.terminated ? '<backingStore/>' : below}${target}</disk>`;
  }
  const members = shape.members
    .map((depth, m) => `<backingStore type='file'>${layerFmt(depth === 0 ? 'raw' : 'qcow2')}<source file='/g/d${d}-m${m}.img'/>${chainBelow(depth, `d${d}-m${m}`, '<backingStore/>')}</backingStore>`)
    .join('');
  return `<disk type='quorum' device='disk'><driver name='qemu' type='quorum' threshold='${shape.threshold}'/>${members}${target}</disk>`;
}

const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({ kind: fc.constant('chain' as const), depth: fc.integer({ min: 0, max: 5 }), terminated: fc.boolean() }),
  fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 })
    .chain((members) => fc.record({ kind: fc.constant('quorum' as const), members: fc.constant(members), threshold: fc.integer({ min: 1, max: members.length }) })),
);

const startArb = fc.record({ disks: fc.array(shapeArb, { minLength: 1, maxLength: 2 }), proposal: fc.boolean(), running: fc.boolean() });

/** An operation with raw random numbers; they are turned into addresses or uids against the current document. */
const opArb = fc.record({
  kind: fc.integer({ min: 0, max: 18 }),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  flag: fc.boolean(),
});
type Op = { readonly kind: number; readonly a: number; readonly b: number; readonly c: number; readonly flag: boolean };

function pick(doc: DomainDoc, n: number): { disk: number; position: number; uid: string; address: string } {
  const disk = n % doc.disks.length;
  const visits = preorder(doc.disks[disk]!.src);
  const v = visits[Math.floor(n / doc.disks.length) % visits.length]!;
  return { disk, position: v.position, uid: v.node.uid, address: addressOf(doc, disk, v.node, v.position) };
}

let files = 0;
const file = (): string => `/new/f${++files}.img`;

/** Returns the operation's result and whether it restarts numbering (a new epoch). */
function apply(doc: DomainDoc, op: Op): [OpResult, boolean] {
  const x = pick(doc, op.a);
  const y = pick(doc, op.b);
  switch (op.kind) {
    case 0:
      return [snapshot(doc, [{ at: x.address }]), false];
    case 1: {
      const z = pick(doc, op.c);
      return [snapshot(doc, [{ at: x.address }, { at: y.address, file: file() }, { at: z.address }]), false];
    }
    case 2:
      return [commit(doc, { top: x.address, base: y.address, keepOverlay: op.flag && op.c % 3 === 0 }), false];
    case 3:
      return [pull(doc, op.flag ? { top: x.address, base: y.address } : { top: x.address }), false];
    case 4:
      return [copy(doc, { at: x.address, dest: file(), shallow: op.flag, cancel: op.c % 3 === 0 }), false];
    case 5:
      return [quorumAdd(doc, { at: x.address, file: file() }), false];
    case 6:
      return [quorumRemove(doc, { at: x.address }), false];
    case 7:
      return [setThreshold(doc, { at: x.address, value: (op.c % 4) + 1 }), false];
    case 8:
      return [renumber(doc), true];
    case 9:
      return [convert(doc, op.flag ? 'libvirt' : 'proposal'), true];
    case 10:
      return [setState(doc, op.flag ? 'running' : 'offline'), false];
    case 11:
      return [insertBelow(doc, x.uid, op.flag ? { file: file() } : {}), false];
    case 12:
      return [removeNode(doc, x.uid, { subtree: op.flag }), false];
    case 13:
      return [setFields(doc, x.uid, { format: ['qcow2', 'raw', 'qed'][op.c % 3]! }), false];
    case 14:
      return [setEnd(doc, x.uid, op.flag ? 'open' : 'terminated'), false];
    case 15:
      return [wrapInQuorum(doc, x.uid), false];
    case 16:
      return [reparent(doc, x.uid, y.uid), false];
    case 17:
      return [snapshot(doc, [{ at: pick(doc, 0).address }]), false];
    default:
      return [commit(doc, { top: x.address, base: pick(doc, op.b + op.a).address }), false];
  }
}

const scopeOf = (doc: DomainDoc, disk: number): string => (doc.dialect === 'libvirt' ? 'domain' : `disk${disk}`);

/**
 * Checks the id invariants of `doc` against what was handed out before, and
 * records it. At the start of an epoch (a new document, renumber, convert)
 * the ids present are taken as given: a running proposal document converted
 * to libvirt keeps its per-disk ids, which may repeat across disks.
 */
class IdLedger {
  private owners = new Map<string, Set<string>>();
  private counters = new Map<string, number>();

  record(doc: DomainDoc, added: readonly string[], epochStart: boolean): void {
    if (epochStart) {
      this.owners.clear();
      this.counters.clear();
    }
    const before = new Map(this.counters);
    const fresh = new Set(added);
    doc.disks.forEach((d, disk) => {
      const scope = scopeOf(doc, disk);
      const counter = counterOf(doc, disk);
      const old = before.get(scope);
      if (old !== undefined) expect(counter, `counter of ${scope} went down`).toBeGreaterThanOrEqual(old);
      this.counters.set(scope, counter);
      for (const v of preorder(d.src)) {
        const id = v.node.id;
        if (id === null) continue;
        expect(id, `id ${id} is not below the counter ${counter} of ${scope}`).toBeLessThan(counter);
        if (fresh.has(v.node.uid) && old !== undefined) expect(id, `new node got an id (${id}) the counter had handed out before`).toBeGreaterThanOrEqual(old);
        const key = `${scope}:${id}`;
        const owners = this.owners.get(key);
        if (owners === undefined) this.owners.set(key, new Set([v.node.uid]));
        else if (epochStart) owners.add(v.node.uid);
        else expect(owners.has(v.node.uid), `id ${key} was reused by a new node`).toBe(true);
      }
    });
  }
}

describe('ids are never reused', () => {
  it('holds for random operation sequences on random chains and quorums', () => {
    const stats = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(startArb, fc.array(opArb, { minLength: 1, maxLength: 12 }), (start, ops) => {
        const proposal = start.proposal || start.disks.some((s) => s.kind === 'quorum');
        const xml = `<domain type='kvm'><name>g</name><devices>${start.disks.map((s, d) => diskXml(s, d, proposal)).join('')}</devices></domain>`;
        let doc = load(xml);
        expect(doc.dialect).toBe(proposal ? 'proposal' : 'libvirt');
        if (start.running) doc = asRunning(doc);
        const ledger = new IdLedger();
        ledger.record(doc, [], true);
        for (const op of ops) {
          const [res, epoch] = apply(doc, op);
          if (!res.ok) {
            stats.refused++;
            expect(res.reason.length).toBeGreaterThan(0);
            continue;
          }
          stats.ok++;
          // An offline libvirt document has no ids of its own: every change renumbers it as libvirt will at start
          // (domain.md §2), so ids are only never reused while the guest runs, or in the proposal dialect.
          const fresh = res.doc.dialect === 'libvirt' && res.doc.state === 'offline';
          ledger.record(res.doc, res.summary.added, epoch || fresh);
          doc = res.doc;
        }
      }),
      { numRuns: 1000 },
    );
    // The generator must exercise real changes, not only refusals.
    expect(stats.ok).toBeGreaterThan(1000);
  });
});
