/**
 * The graph pane: the only module that renders React Flow. It keeps a local
 * copy of the nodes so a drag moves at frame rate without touching the
 * store, and commits the drag once, on drop.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges, useReactFlow } from '@xyflow/react';
import type { Connection, Edge, FinalConnectionState, NodeChange, OnConnectEnd, Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useEditor, moveNodes, notify, perform, select } from '../../state/store';
import { rules } from '../../core/dialect/rules';
import { loadViewport, saveViewport } from '../../state/persist';
import { derive } from '../../core/numbers/derive';
import { placeNodes, NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';
import { available } from '../../core/operations/registry';
import { useDiagnostics } from '../../state/diagnostics';
import type { Severity } from '../../core/model/diagnostics';
import { FlowCache } from './flowModel';
import type { FlowNode } from './flowModel';
import { nodeTypes } from './nodes';
import { Legend } from './Legend';
import { NodeMenu } from './NodeMenu';
import { useGraphKeys } from './keys';

const PRO_OPTIONS = { hideAttribution: true };
const ARIA_LABELS = { 'node.a11yDescription.default': 'Arrow keys move between nodes; Delete removes; Shift+F10 opens the menu.' };
const MINIMAP_STYLE = { width: 150, height: 96 };
const onMoveEnd = (_: unknown, vp: Viewport) => saveViewport(vp);

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function Graph() {
  const doc = useEditor((s) => s.doc);
  const dragged = useEditor((s) => s.dragged);
  const selection = useEditor((s) => s.selection);
  const parseError = useEditor((s) => s.parseError);
  const lastChange = useEditor((s) => s.lastChange);
  const fitRequest = useEditor((s) => s.fitRequest);
  const highlight = useEditor((s) => s.highlight);
  const diagnostics = useDiagnostics();
  const flow = useReactFlow();
  const derived = derive(doc);
  const positions = useMemo(() => placeNodes(doc, dragged), [doc, dragged]);

  const severities = useMemo(() => {
    const m = new Map<string, Severity>();
    for (const d of diagnostics) {
      if (!d.node) continue;
      const cur = m.get(d.node);
      if (!cur || SEVERITY_RANK[d.severity] > SEVERITY_RANK[cur]) m.set(d.node, d.severity);
    }
    return m;
  }, [diagnostics]);

  const [cache] = useState(() => new FlowCache());
  const built = useMemo(
    () =>
      cache.build({
        derived,
        positions,
        selected: selection?.uid ?? null,
        severities,
        changed: new Set(lastChange?.added ?? []),
        changedAt: lastChange?.at ?? 0,
        highlighted: new Set(highlight?.uids ?? []),
        counterLabel: ` (${rules(doc).counterScope})`,
      }),
    [cache, derived, positions, selection, severities, lastChange, highlight, doc],
  );

  const [nodes, setNodes] = useState<FlowNode[]>(built.nodes);
  const [syncedFrom, setSyncedFrom] = useState(built);
  if (syncedFrom !== built) {
    // The store changed: take its nodes (React's "adjust state on prop change" pattern, no effect needed).
    setSyncedFrom(built);
    setNodes(built.nodes);
  }
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Only geometry is local; selection lives in the store.
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (local.length > 0) setNodes((ns) => applyNodeChanges(local, ns));
  }, []);

  // The minimap redraws every node on every drag step; it sits out the gesture and catches up on drop.
  const [dragging, setDragging] = useState(false);
  const onNodeDragStart = useCallback(() => setDragging(true), []);
  const onNodeDragStop = useCallback((_: unknown, __: FlowNode, moved: FlowNode[]) => {
    setDragging(false);
    const moves: Record<string, { x: number; y: number }> = {};
    for (const n of moved) if (n.type !== 'disk') moves[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    moveNodes(moves);
  }, []);

  // Fit on load and on request (but a restored session keeps its saved view at first).
  const [savedViewport] = useState(() => loadViewport());
  // fitRequest only grows, so the restored value is skipped once and every later request fits.
  const [skipFit] = useState(() => (savedViewport ? fitRequest : null));
  useEffect(() => {
    if (fitRequest === skipFit) return;
    // A programmatic fit does not end in onMoveEnd: save the view it settles on ourselves.
    const t = window.setTimeout(
      () => void flow.fitView({ padding: 0.15, maxZoom: 1.1, duration: 200 }).then(() => saveViewport(flow.getViewport())),
      30,
    );
    return () => window.clearTimeout(t);
  }, [fitRequest, skipFit, flow]);
  // Centre once per new selection from elsewhere, not again after every edit (positions change then too).
  const centredFor = useRef<typeof selection>(null);
  useEffect(() => {
    if (!selection || selection.from === 'graph' || centredFor.current === selection) return;
    centredFor.current = selection;
    const p = positions.get(selection.uid);
    if (p) void flow.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
  }, [selection, positions, flow]);

  const refusal = useRef<string | null>(null);
  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      // Dragging from a node's lower handle to another node: that node becomes its backing store.
      const ok = c.target !== null && c.source !== null ? available(doc, { kind: 'reparent', uid: c.target, parent: c.source }) : 'Drop the link on a node.';
      refusal.current = ok === true ? null : ok;
      return ok === true;
    },
    [doc],
  );
  const onConnect = useCallback((c: Connection) => {
    perform({ kind: 'reparent', uid: c.target, parent: c.source });
  }, []);
  const onConnectEnd: OnConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.toNode && !state.isValid && refusal.current) notify('error', `Connection refused: ${refusal.current}`);
    refusal.current = null;
  }, []);

  const [menu, setMenu] = useState<{ uid: string; x: number; y: number } | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  // Stable handlers: a drag re-renders this component every frame, and new props would re-render every node.
  const onNodeClick = useCallback((_: unknown, n: FlowNode) => {
    if (n.type !== 'disk') select(n.id, 'graph');
  }, []);
  const onPaneClick = useCallback(() => {
    select(null, 'graph');
    setMenu(null);
  }, []);
  const onNodeContextMenu = useCallback((e: ReactMouseEvent, n: FlowNode) => {
    if (n.type === 'disk') return;
    e.preventDefault();
    select(n.id, 'graph');
    const box = wrapper.current?.getBoundingClientRect();
    setMenu({ uid: n.id, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onKeyDown = useGraphKeys(derived, selection?.uid ?? null);

  return (
    <div className={`graph-pane${parseError ? ' graph-stale' : ''}`} ref={wrapper} onKeyDown={onKeyDown}>
      {parseError && (
        <div className="stale-banner" role="status">
          Stale: the XML has an error at line {parseError.line}:{parseError.col}. The graph shows the last good version.
        </div>
      )}
      <ReactFlow
        nodes={nodes}
        edges={built.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        isValidConnection={isValidConnection}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        deleteKeyCode={null}
        nodesDraggable={!parseError}
        nodesConnectable={!parseError}
        minZoom={0.05}
        maxZoom={2}
        fitView={!savedViewport}
        defaultViewport={savedViewport ?? undefined}
        onMoveEnd={onMoveEnd}
        proOptions={PRO_OPTIONS}
        ariaLabelConfig={ARIA_LABELS}
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
        {!dragging && <MiniMap pannable zoomable nodeStrokeWidth={2} className="graph-minimap" style={MINIMAP_STYLE} />}
      </ReactFlow>
      <Legend />
      {menu && <NodeMenu uid={menu.uid} x={menu.x} y={menu.y} onClose={closeMenu} />}
    </div>
  );
}

export function GraphView() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
