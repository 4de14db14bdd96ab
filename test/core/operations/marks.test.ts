/** What the graph marks after an operation (src/core/operations/marks.ts). */
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../../src/core/examples';
import { loadText } from '../../../src/core/io/document';
import { derive } from '../../../src/core/numbers/derive';
import { changeMarks } from '../../../src/core/operations/marks';
import { perform } from '../../../src/core/operations/registry';
import type { OpRequest } from '../../../src/core/ops/request';

function run(id: string, req: OpRequest) {
  const r = loadText(EXAMPLES.find((e) => e.id === id)!.text);
  if (!r.ok) throw new Error(r.error.message);
  const out = perform(r.doc, req);
  if (!out.ok) throw new Error(out.reason);
  return { before: r.doc, after: out.doc, marks: changeMarks(r.doc, out.doc, out.summary) };
}

describe('changeMarks', () => {
  it('a running snapshot: the overlay is added; the layers below only move down, so none is marked renumbered', () => {
    const { after, marks } = run('web01', { kind: 'snapshot', targets: [{ at: 'vda' }] });
    const d = derive(after);
    const top = d.disks[0]!.nodes[0]!;
    expect([...marks.added]).toEqual([top.uid]);
    expect(marks.renumbered.size).toBe(0);
    expect(marks.removedBelow.size).toBe(0);
  });

  it('stopping a running libvirt guest: every id changes, each marked with the name it had', () => {
    const { after, marks } = run('live-chain', { kind: 'set-state', state: 'offline' });
    const d = derive(after);
    expect(d.disks[0]!.nodes.map((n) => marks.renumbered.get(n.uid))).toEqual(['vda[4]', 'vda[3]', 'vda[1]']);
  });

  it('a commit: the committed layer is marked, removed, on the node that used it', () => {
    const { before, marks } = run('mail-chain', { kind: 'commit', top: 'vda[2]', base: 'vda[3]' });
    const b = derive(before);
    const top = b.disks[0]!.nodes[0]!;
    expect([...marks.removedBelow.entries()]).toEqual([[top.uid, ['vda[2] mid.qcow2']]]);
    expect(marks.added.size).toBe(0);
  });
});
