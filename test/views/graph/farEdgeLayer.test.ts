/** The far-zoom links (src/views/graph/farEdgeLayer.ts): their paths, what a drag step redraws, the live set. */
import { describe, expect, it } from 'vitest';
import type { Edge, InternalNode } from '@xyflow/react';
import { ConnectionMode } from '@xyflow/system';
import { FarEdgeLayer, farPath } from '../../../src/views/graph/farEdgeLayer';

const W = 220;
const H = 92;
/** A measured node with React Flow's handle bounds: target on top, source at the bottom (as nodes.tsx draws them). */
function node(id: string, x: number, y: number): InternalNode {
  const handle = (type: 'source' | 'target', position: 'top' | 'bottom', hy: number) => ({ id: null, type, position, nodeId: id, x: W / 2 - 5, y: hy, width: 10, height: 10 });
  return {
    id,
    type: 'image',
    position: { x, y },
    data: {},
    measured: { width: W, height: H },
    internals: { positionAbsolute: { x, y }, z: 0, userNode: {} as never, handleBounds: { source: [handle('source', 'bottom', H - 5)], target: [handle('target', 'top', -5)] } },
  } as unknown as InternalNode;
}
/** Where React Flow starts a link: the bottom handle's outer edge (it sticks out 5 px below the node). */
const OUT = H + 5;
const edge = (source: string, target: string): Edge => ({ id: `${source}->${target}`, source, target, type: 'smoothstep', className: 'edge-backing' });
/** The first point of a path ("M x y" or "Mx,y"). */
const start = (d: string | null): [number, number] => {
  const m = /^M\s*(-?[\d.]+)[ ,](-?[\d.]+)/.exec(d ?? '');
  if (!m) throw new Error(`no start in ${d}`);
  return [Number(m[1]), Number(m[2])];
};
const fakePath = () => {
  const attrs = new Map<string, string>();
  return { el: { setAttribute: (k: string, v: string) => attrs.set(k, v) } as unknown as SVGPathElement, attrs };
};

describe('farEdgeLayer', () => {
  const a = node('a', 0, 0);
  const b = node('b', 0, 200);
  const c = node('c', 0, 400);
  const lookup = new Map([a, b, c].map((n) => [n.id, n]));
  const edges = [edge('a', 'b'), edge('b', 'c')];

  it('draws a link from the bottom handle of its source to the top handle of its target, moved with the node', () => {
    const d = farPath(edges[0]!, lookup, ConnectionMode.Strict);
    expect(start(d)).toEqual([W / 2, OUT]);
    // The same link with its source 300 px to the right (a drag step the store has not seen).
    expect(start(farPath(edges[0]!, lookup, ConnectionMode.Strict, new Map([['a', { x: 300, y: 0 }]])))).toEqual([300 + W / 2, OUT]);
    // A node not measured yet has no handles: nothing is drawn rather than a link to nowhere.
    const bare = { ...b, measured: {}, internals: { ...b.internals, handleBounds: undefined } } as unknown as InternalNode;
    expect(farPath(edges[0]!, new Map([['a', a], ['b', bare]]), ConnectionMode.Strict)).toBeNull();
  });

  it('recomputes a path only when its edge or one of its nodes is a new object', () => {
    const layer = new FarEdgeLayer();
    const first = layer.paths(edges, lookup, ConnectionMode.Strict);
    expect(first.every((d) => typeof d === 'string')).toBe(true);
    const moved = new Map(lookup).set('c', node('c', 500, 400));
    const second = layer.paths(edges, moved, ConnectionMode.Strict);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(start(second[1]!)).toEqual(start(first[1]!));
  });

  it('a drag step rewrites only the links at the moved node, and remembers them as drawn', () => {
    const layer = new FarEdgeLayer();
    const before = layer.paths(edges, lookup, ConnectionMode.Strict);
    const ab = fakePath();
    const bc = fakePath();
    layer.attach('a->b', ab.el);
    layer.attach('b->c', bc.el);
    layer.move(new Map([['a', { x: 300, y: 0 }]]));
    expect(start(ab.attrs.get('d') ?? null)).toEqual([300 + W / 2, OUT]);
    expect(bc.attrs.has('d')).toBe(false);
    expect(layer.d('a->b')).toBe(ab.attrs.get('d'));
    expect(layer.d('b->c')).toBe(before[1]);
    // An unmounted path is not written.
    layer.attach('a->b', null);
    layer.move(new Map([['a', { x: 600, y: 0 }]]));
    expect(start(ab.attrs.get('d') ?? null)).toEqual([300 + W / 2, OUT]);
  });

  it('begin puts the links at the dragged nodes in the live set, end empties it, and each change is announced', () => {
    const layer = new FarEdgeLayer();
    layer.paths(edges, lookup, ConnectionMode.Strict);
    let told = 0;
    const stop = layer.live.subscribe(() => told++);
    layer.begin(['b']);
    expect([...layer.live.get()].sort()).toEqual(['a->b', 'b->c']);
    layer.begin(['c']);
    expect([...layer.live.get()]).toEqual(['b->c']);
    layer.end();
    expect(layer.live.get().size).toBe(0);
    layer.end();
    expect(told).toBe(3);
    stop();
    layer.begin(['a']);
    expect(told).toBe(3);
  });
});
