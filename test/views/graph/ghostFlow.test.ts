/**
 * "Compare with host" on the graph (src/views/graph/ghostFlow.ts), on the
 * live XML libvirt printed for the guest of the saved real outputs, doctored
 * as the check suites do: a layer the XML lacks is a ghost below the layer
 * it belongs under (inside its disk's frame); a differing layer is marked;
 * no comparison leaves the build untouched.
 */
import { describe, expect, it } from 'vitest';
import { NO_MARKS } from '../../../src/core/operations/marks';
import { derive } from '../../../src/core/numbers/derive';
import { LEVEL_HEIGHT, placeNodes } from '../../../src/core/layout';
import type { DomainDoc } from '../../../src/core/model/types';
import { FlowCache } from '../../../src/views/graph/flowModel';
import type { FlowNode } from '../../../src/views/graph/flowModel';
import { ghostIds, withGhosts } from '../../../src/views/graph/ghostFlow';
import { load } from '../../helpers/load';
import { doctor, DUMPXML, findings } from '../../core/check/helpers';

const BASE = /\n {8}<backingStore type='file' index='8'>[\s\S]*?\n {8}<\/backingStore>/;
const QMP = ['virsh/named-nodes-flat.json'];

function build(doc: DomainDoc): { nodes: FlowNode[]; edges: ReturnType<FlowCache['build']>['edges'] } {
  const derived = derive(doc);
  return new FlowCache().build({ derived, positions: placeNodes(doc, {}), selected: null, severities: new Map(), marks: NO_MARKS, highlighted: new Set(), counterLabel: '', selectedEdge: null });
}

describe('ghost nodes', () => {
  it('no comparison, or nothing found: the same build, object for object', () => {
    const built = build(load(DUMPXML));
    expect(withGhosts(built, null)).toBe(built);
    expect(withGhosts(built, findings(load(DUMPXML), QMP))).toBe(built);
  });

  it('a layer the XML lacks: a ghost right below the layer above it, linked to it, inside the grown frame', () => {
    const doc = load(doctor(DUMPXML, BASE, '\n        <backingStore/>'));
    const list = findings(doc, QMP);
    const built = build(doc);
    const shown = withGhosts(built, list);
    expect(ghostIds(shown.nodes)).toHaveLength(1);
    const ghost = shown.nodes.find((n) => n.type === 'ghost')!;
    const under = shown.nodes.find((n) => n.id === list[0]!.node)!;
    expect(ghost.position).toEqual({ x: under.position.x, y: under.position.y + LEVEL_HEIGHT });
    expect(ghost.data).toMatchObject({ path: '/var/lib/libvirt/images/base.raw', format: 'raw', under: under.id, fixable: true });
    expect(shown.edges.some((e) => e.source === under.id && e.target === ghost.id)).toBe(true);
    const disk = (ghost.domAttributes as Record<string, string>)['data-ghost'];
    const frame = shown.nodes.find((n) => n.type === 'disk' && n.data.target === disk)!;
    expect(frame.position.y + frame.height!).toBeGreaterThanOrEqual(ghost.position.y + ghost.height!);
    // Everything else is the document's build, unchanged.
    expect(shown.nodes.filter((n) => n.type === 'image').every((n) => built.nodes.includes(n))).toBe(true);
  });

  it('a layer whose format differs: marked, with what differs', () => {
    const doc = load(doctor(DUMPXML, "<format type='raw'/>\n          <source file='/var/lib/libvirt/images/base.raw'", "<format type='qcow2'/>\n          <source file='/var/lib/libvirt/images/base.raw'"));
    const list = findings(doc, QMP);
    expect(list.map((f) => f.code)).toEqual(['check-format']);
    const shown = withGhosts(build(doc), list);
    const marked = shown.nodes.filter((n) => n.className === 'host-warn');
    expect(marked.map((n) => n.id)).toEqual([list[0]!.node]);
    expect((marked[0]!.domAttributes as Record<string, string>)['data-host']).toBe('format');
    expect(ghostIds(shown.nodes)).toEqual([]);
  });
});
