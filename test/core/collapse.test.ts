/** Long chains collapsed for drawing (src/core/collapse.ts). */
import { describe, expect, it } from 'vitest';
import { COLLAPSE_AT, KEEP_BASE, KEEP_TOP, collapsePlan, collapsedShift } from '../../src/core/collapse';
import { loadText } from '../../src/core/io/document';
import type { DomainDoc } from '../../src/core/model/types';
import { preorder } from '../../src/core/model/walk';

function chain(depth: number): DomainDoc {
  let inner = '<backingStore/>';
  for (let i = depth - 1; i >= 1; i--) inner = `<backingStore type='file'><format type='qcow2'/><source file='/d/${i}.qcow2'/>${inner}</backingStore>`;
  const r = loadText(`<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/d/0.qcow2'/>${inner}<target dev='vda' bus='virtio'/></disk>`);
  if (!r.ok) throw new Error(r.error.message);
  return r.doc;
}
const uids = (doc: DomainDoc): string[] => [...preorder(doc.disks[0]!.src)].map((v) => v.node.uid);

describe('collapsePlan', () => {
  it(`draws a chain of ${COLLAPSE_AT} layers whole, and one longer as its top ${KEEP_TOP}, one group, its base`, () => {
    expect(collapsePlan(chain(COLLAPSE_AT), new Set(), new Set()).groups).toEqual([]);
    const doc = chain(COLLAPSE_AT + 1);
    const all = uids(doc);
    const plan = collapsePlan(doc, new Set(), new Set());
    expect(plan.groups).toHaveLength(1);
    const g = plan.groups[0]!;
    expect(g.uids).toEqual(all.slice(KEEP_TOP, all.length - KEEP_BASE));
    expect(g.above).toBe(all[KEEP_TOP - 1]);
    expect(g.below).toBe(all[all.length - 1]);
    expect([...plan.hidden].sort()).toEqual([...g.uids].sort());
  });

  it('a 10,000-layer chain: 4 layers drawn and one group of 9,996', () => {
    const doc = chain(10_000);
    const plan = collapsePlan(doc, new Set(), new Set());
    expect(plan.groups.map((g) => g.uids.length)).toEqual([10_000 - KEEP_TOP - KEEP_BASE]);
  });

  it('never hides what must show: the group splits around it, one layer of context each side', () => {
    const doc = chain(40);
    const all = uids(doc);
    const plan = collapsePlan(doc, new Set(), new Set([all[20]!]));
    expect(plan.groups.map((g) => [all.indexOf(g.uids[0]!), g.uids.length])).toEqual([
      [3, 16], // 3..18
      [22, 17], // 22..38
    ]);
    for (const i of [19, 20, 21]) expect(plan.hidden.has(all[i]!)).toBe(false);
  });

  it('a group the user expanded stays open; a one-layer gap is drawn, not collapsed', () => {
    const doc = chain(30);
    const first = collapsePlan(doc, new Set(), new Set()).groups[0]!;
    expect(collapsePlan(doc, new Set([first.id]), new Set()).groups).toEqual([]);
    const all = uids(doc);
    // Showing layer 4 leaves layer 3 hidden alone between the top three and the context: drawn instead.
    const plan = collapsePlan(doc, new Set(), new Set([all[5]!]));
    expect(plan.hidden.has(all[3]!)).toBe(false);
  });

  it('quorum members are runs of their own', () => {
    const member = (m: string, n: number): string => {
      let inner = '<backingStore/>';
      for (let i = n - 1; i >= 1; i--) inner = `<backingStore type='file' index='${i}'><format type='qcow2'/><source file='/q/${m}${i}'/>${inner}</backingStore>`;
      return `<backingStore type='file' index='0'><format type='qcow2'/><source file='/q/${m}0'/>${inner}</backingStore>`;
    };
    const r = loadText(`<disk type='quorum' device='disk' threshold='1'><driver name='qemu' type='qcow2'/>${member('a', 20)}${member('b', 3)}<target dev='hda' bus='ide'/></disk>`);
    if (!r.ok) throw new Error(r.error.message);
    const plan = collapsePlan(r.doc, new Set(), new Set());
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]!.uids).toHaveLength(20 - KEEP_TOP - KEEP_BASE);
  });
});

describe('collapsedShift', () => {
  it('moves what is below a group up by the levels the group stands for', () => {
    const doc = chain(20);
    const plan = collapsePlan(doc, new Set(), new Set());
    const shift = collapsedShift(doc, plan);
    const all = uids(doc);
    expect(shift.get(all[0]!)).toBe(0);
    expect(shift.get(all[KEEP_TOP]!)).toBe(0); // where the group is drawn
    expect(shift.get(all[19]!)).toBe(plan.groups[0]!.uids.length - 1);
  });
});
