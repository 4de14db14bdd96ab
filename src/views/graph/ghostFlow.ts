/**
 * "Compare with host" on the graph. A layer the tools see and the XML lacks
 * (check-layer-missing) is drawn as a ghost: a dashed, translucent node
 * where it belongs, below the layer it would go under (not a node of the
 * tree: the document does not have it until its Fix runs). A layer that
 * differs (path, format, index) or that the host lacks gets a warning
 * outline and badge. Merged into what flowModel built, so flowModel stays
 * about the document alone; with no comparison shown the build passes
 * through untouched (same arrays, same node objects).
 */
import type { Edge, Node } from '@xyflow/react';
import type { CheckFinding } from '../../core/check/index';
import { LEVEL_HEIGHT, NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';
import type { DiagnosticCode } from '../../core/model/diagnostics';
import type { FlowNode } from './flowModel';

export interface GhostNodeData extends Record<string, unknown> {
  /** The tools' path of the layer, when the finding gives it. */
  readonly path: string | null;
  readonly format: string | null;
  /** file, block or dir, as the fix would add it. */
  readonly kind: string | null;
  /** The uid of the document node it would go under. */
  readonly under: string;
  readonly message: string;
  /** Whether its Fix can add it now (a layer below another missing one waits for that one). */
  readonly fixable: boolean;
}
export type GhostFlowNode = Node<GhostNodeData, 'ghost'>;

/** Short words for the badge on a node that differs from what the tools see. */
const WARN: Partial<Record<DiagnosticCode, string>> = {
  'check-path': 'path',
  'check-format': 'format',
  'check-index': 'index',
  'check-layer-extra': 'not on host',
  'check-disk-extra': 'not on host',
};

/** Where a missing layer goes right of a chain's middle (directly below, it would sit on the layer that is there). */
const SIDE_GAP = 40;
const FRAME_PAD = 22;

function ghostData(f: CheckFinding, under: string): GhostNodeData {
  const req = f.fix?.request;
  const init = req?.kind === 'insert-below' ? req.init : undefined;
  // A layer below another missing one has no fix yet; its path is only in the message.
  const said = /the tools see (\S+)(?: \(([^)]+)\))? as the backing file/.exec(f.message);
  const path = init?.file ?? said?.[1] ?? null;
  const format = init?.format ?? said?.[2] ?? null;
  return { path, format, kind: init?.type ?? (path ? 'file' : null), under, message: f.message, fixable: Boolean(f.fix && !f.fix.blocked) };
}

/** Grows a disk frame to hold its ghosts (the frames are built around the document's nodes only). */
function grow(frame: FlowNode, ghosts: readonly GhostFlowNode[]): FlowNode {
  const w = frame.width ?? 0;
  const h = frame.height ?? 0;
  let right = frame.position.x + w;
  let bottom = frame.position.y + h;
  for (const g of ghosts) {
    right = Math.max(right, g.position.x + NODE_WIDTH + FRAME_PAD);
    bottom = Math.max(bottom, g.position.y + NODE_HEIGHT + FRAME_PAD);
  }
  if (right === frame.position.x + w && bottom === frame.position.y + h) return frame;
  return { ...frame, width: right - frame.position.x, height: bottom - frame.position.y };
}

/** The ghosts' ids: the graph fits its view when they appear out of sight, as for new document nodes. */
export function ghostIds(nodes: readonly FlowNode[]): string[] {
  return nodes.filter((n) => n.type === 'ghost').map((n) => n.id);
}

/** The built graph with the comparison's ghosts and warnings merged in (`findings` null: unchanged). */
export function withGhosts(built: { nodes: FlowNode[]; edges: Edge[] }, findings: readonly CheckFinding[] | null): { nodes: FlowNode[]; edges: Edge[] } {
  if (findings === null || findings.length === 0) return built;
  const byId = new Map(built.nodes.map((n) => [n.id, n]));
  const hasBacking = new Set(built.edges.filter((e) => e.className === 'edge-backing' || e.className === 'edge-member').map((e) => e.source));
  const warn = new Map<string, string[]>();
  const missing = new Map<string, CheckFinding[]>();
  for (const f of findings) {
    if (!f.node || !byId.has(f.node)) continue;
    if (f.code === 'check-layer-missing') missing.set(f.node, [...(missing.get(f.node) ?? []), f]);
    const word = WARN[f.code];
    if (word) warn.set(f.node, [...new Set([...(warn.get(f.node) ?? []), word])]);
  }
  const ghosts: GhostFlowNode[] = [];
  const edges: Edge[] = [];
  const perFrame = new Map<string, GhostFlowNode[]>();
  for (const [uid, list] of missing) {
    const above = byId.get(uid)!;
    const side = hasBacking.has(uid);
    let prev = uid;
    list.forEach((f, i) => {
      const id = `ghost:${uid}:${i}`;
      const position = side
        ? { x: above.position.x + NODE_WIDTH + SIDE_GAP, y: above.position.y + LEVEL_HEIGHT / 2 + i * LEVEL_HEIGHT }
        : { x: above.position.x, y: above.position.y + (i + 1) * LEVEL_HEIGHT };
      const data = ghostData(f, uid);
      const disk = (above.domAttributes as Record<string, string> | undefined)?.['data-disk'] ?? '';
      const ghost: GhostFlowNode = {
        id,
        type: 'ghost',
        position,
        data,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        // A declared size: React Flow counts the graph initialised (and fits it) without mounting every node.
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        draggable: false,
        selectable: false,
        focusable: false,
        ariaLabel: `Missing from the XML: ${data.path ?? 'a layer'}${data.format ? ` (${data.format})` : ''}, below ${uid}`,
        domAttributes: { 'data-ghost': disk, 'data-ghost-under': uid } as Record<string, string>,
      };
      ghosts.push(ghost);
      const frameId = built.nodes.find((n) => n.type === 'disk' && n.data.target === disk)?.id;
      if (frameId) perFrame.set(frameId, [...(perFrame.get(frameId) ?? []), ghost]);
      edges.push({ id: `ghost:${prev}->${id}`, source: prev, target: id, type: 'smoothstep', className: 'edge-ghost', focusable: false, selectable: false, markerEnd: { type: 'arrowclosed' as never, width: 16, height: 16 } });
      prev = id;
    });
  }
  const nodes = built.nodes.map((n): FlowNode => {
    if (n.type === 'disk') {
      const g = perFrame.get(n.id);
      return g ? grow(n, g) : n;
    }
    const words = warn.get(n.id);
    if (!words) return n;
    return { ...n, className: 'host-warn', domAttributes: Object.assign({}, n.domAttributes, { 'data-host': words.join(', ') }) };
  });
  return { nodes: [...nodes, ...ghosts], edges: [...built.edges, ...edges] };
}
