/**
 * Where the graph puts nodes (src/core/layout.ts): on random chains and
 * quorums, and on the built-in examples, the automatic layout never
 * overlaps two nodes, puts each backing store one level below its user,
 * keeps quorum members side by side in document order with the quorum over
 * them and a chain straight down; dragged positions win and carry the subtree along.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/core/io/document';
import { EXAMPLES } from '../../src/core/examples';
import type { Point } from '../../src/core/layout';
import { LEVEL_HEIGHT, MIRROR_GAP, NODE_HEIGHT, NODE_WIDTH, autoLayout, placeNodes, pruneDragged } from '../../src/core/layout';
import type { DomainDoc } from '../../src/core/model/types';
import { preorder } from '../../src/core/model/walk';
import { perform } from '../../src/core/operations/registry';
import { derive } from '../../src/core/numbers/derive';
import { build, docArb } from '../helpers/trees';

function load(text: string): DomainDoc {
  const r = loadText(text);
  if (!r.ok) throw new Error(`line ${r.error.line}:${r.error.col}: ${r.error.message}`);
  return r.doc;
}

const randomDoc = fc.oneof(docArb('libvirt', false), docArb('proposal', false), docArb('proposal', true)).map((spec) => load(build(spec).xml));
const docs = (): DomainDoc[] => EXAMPLES.map((e) => load(e.text));

const overlap = (a: Point, b: Point): boolean => Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;

/** The layout's invariants for one document; returns the first broken one, or null. */
function broken(doc: DomainDoc, at: ReadonlyMap<string, Point>): string | null {
  const all = doc.disks.flatMap((d) => preorder(d.src));
  if (at.size !== all.length) return `${at.size} positions for ${all.length} nodes`;
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (overlap(at.get(all[i]!.node.uid)!, at.get(all[j]!.node.uid)!)) return `nodes ${i} and ${j} overlap`;
    }
  }
  for (const v of all) {
    const p = at.get(v.node.uid)!;
    if (p.y !== v.depth * LEVEL_HEIGHT) return `a node at depth ${v.depth} is at y=${p.y}`;
    const kids = v.node.backing.map((b) => at.get(b.uid)!);
    for (let k = 1; k < kids.length; k++) if (kids[k]!.x <= kids[k - 1]!.x) return 'quorum members out of document order';
    // Centred over the span its members' subtrees take: between the first and the last member, exactly over a single one.
    if (kids.length === 1 && kids[0]!.x !== p.x) return 'a chain layer is not straight below its user';
    if (kids.length > 1 && (p.x < kids[0]!.x || p.x > kids[kids.length - 1]!.x)) return `a quorum is not over its ${kids.length} members`;
  }
  return null;
}

describe('autoLayout', () => {
  it('the built-in examples: no overlap, one level per depth, members in order, centred', () => {
    for (const doc of docs()) expect(broken(doc, autoLayout(doc))).toBeNull();
  });

  it('random chains and quorums, both dialects: the same invariants', () => {
    fc.assert(
      fc.property(randomDoc, (doc) => {
        expect(broken(doc, autoLayout(doc))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('depends on the document only: the same text read twice (new uids) gives the same positions', () => {
    for (const e of EXAMPLES) expect([...autoLayout(load(e.text)).values()]).toEqual([...autoLayout(load(e.text)).values()]);
  });

  it('a disk with a running copy keeps a column free on its right for the mirror chain', () => {
    const two = load(EXAMPLES.find((e) => e.id === 'multi-disk')!.text);
    const running = perform(two, { kind: 'set-state', state: 'running' });
    if (!running.ok) throw new Error(running.reason);
    const target = derive(running.doc).disks[0]!.target;
    const copying = perform(running.doc, { kind: 'copy-start', at: target, dest: '/var/lib/libvirt/images/layout-copy.qcow2' });
    if (!copying.ok) throw new Error(copying.reason);
    const before = autoLayout(running.doc);
    const after = autoLayout(copying.doc);
    const second = running.doc.disks[1]!.src.uid;
    expect(after.get(second)!.x - before.get(second)!.x).toBe(NODE_WIDTH + MIRROR_GAP);
  });
});

describe('placeNodes', () => {
  it('a dragged node stays where it was dropped and its backing chain moves with it; other nodes stay put', () => {
    const doc = load(EXAMPLES.find((e) => e.id === 'mail-quorum')!.text);
    const auto = autoLayout(doc);
    const visits = preorder(doc.disks[0]!.src);
    // c (position 2) backs onto b (position 3); d is position 4.
    const c = visits[2]!.node;
    const b = visits[3]!.node;
    const d = visits[4]!.node;
    const to = { x: auto.get(c.uid)!.x + 300, y: auto.get(c.uid)!.y + 40 };
    const placed = placeNodes(doc, { [c.uid]: to });
    expect(placed.get(c.uid)).toEqual(to);
    expect(placed.get(b.uid)).toEqual({ x: auto.get(b.uid)!.x + 300, y: auto.get(b.uid)!.y + 40 });
    expect(placed.get(d.uid)).toEqual(auto.get(d.uid));
    expect(placed.get(doc.disks[0]!.src.uid)).toEqual(auto.get(doc.disks[0]!.src.uid));
  });

  it('with nothing dragged it is the automatic layout', () => {
    for (const doc of docs()) expect(placeNodes(doc, {})).toEqual(autoLayout(doc));
  });
});

describe('pruneDragged', () => {
  it('drops positions of nodes that are gone, and returns the same object when none are', () => {
    const doc = docs()[0]!;
    const uid = doc.disks[0]!.src.uid;
    const kept = { [uid]: { x: 1, y: 2 } };
    expect(pruneDragged(doc, kept)).toBe(kept);
    expect(pruneDragged(doc, { ...kept, gone: { x: 0, y: 0 } })).toEqual(kept);
  });
});
