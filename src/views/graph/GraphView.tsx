/**
 * The graph pane: the only module that renders React Flow. It keeps a local
 * copy of the nodes; a drag's steps bypass it and the store (DragSteps) and
 * the drag is committed once, on drop. Zoomed far out, the links are
 * FarEdges'. Where the view goes is useViewFollow's; what links do is
 * useLinks'.
 */
import { RestoringNote } from './RestoringNote';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent } from 'react';
import { Background, ControlButton, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges, getNodesBounds, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import type { Connection, Edge, FinalConnectionState, NodeChange, OnConnectEnd, Viewport } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './graph.css';
import { useEditor, moveNodes, notify, perform, select, selectEdge, tidy } from '../../state/store';
import { rules } from '../../core/dialect/rules';
import { saveViewport } from '../../state/persist';
import { derive } from '../../core/numbers/derive';
import { placeNodes } from '../../core/layout';
import { available } from '../../core/operations/registry';
import { NO_MARKS, changeMarks } from '../../core/operations/marks';
import { useDiagnostics } from '../../state/diagnostics';
import type { Severity } from '../../core/model/diagnostics';
import { FlowCache } from './flowModel';
import type { FlowNode } from './flowModel';
import { FarContext, isFar, nodeTypes } from './nodes';
import { Legend } from './Legend';
import { NodeMenu } from './NodeMenu';
import { useGraphKeys } from './keys';
import { fitPadding, useViewFollow } from './useViewFollow';
import { useLinks } from './useLinks';
import { withGhosts } from './ghostFlow';
import { GhostNode } from './GhostNode';
import { shownFindings, useHostCompare } from '../../state/hostCompare';
import { collapsePlan } from '../../core/collapse';
import { useCollapse } from '../../state/collapse';
import { collapsedPositions } from './collapseFlow';
import { CollapsedNode } from './CollapsedNode';
import { MAX_ON_SCREEN } from './viewLimits';
import { useFlowWindow } from './useFlowWindow';
import { DragSteps } from './dragSteps';
import { FarEdgeLayer } from './farEdgeLayer';
import { FarEdges } from './FarEdges';

const PRO_OPTIONS = { hideAttribution: true };
/** Zoomed far out React Flow draws no edges: FarEdges does (farEdgeLayer.ts). */
const NO_EDGES: Edge[] = [];
const ARIA_LABELS = { 'node.a11yDescription.default': 'Arrow keys move between nodes; Delete removes; Shift+F10 opens the menu.' };
const MINIMAP_STYLE = { width: 150, height: 96 };
/** Below this many nodes the whole graph fits on screen and a minimap only covers it. */
const MINIMAP_FROM = 13;
/**
 * Above this many nodes the minimap is not drawn: React Flow is handed a window of the graph (useFlowWindow), which a
 * minimap would show as if it were all; and it mounts one SVG shape with its own store subscription per node (a
 * 2,000-disk domain: 6,000, about 0.3 s of every update, CPU profile), at 150 px wide one smear.
 */
const MINIMAP_UNTIL = MAX_ON_SCREEN;
const onMoveEnd = (_: unknown, vp: Viewport) => saveViewport(vp);
// "Compare with host" adds ghost layers (ghostFlow.ts) to the node kinds.
const NODE_TYPES = { ...nodeTypes, ghost: GhostNode, collapsed: CollapsedNode };

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function useSeverities(): Map<string, Severity> {
  const diagnostics = useDiagnostics();
  return useMemo(() => {
    const m = new Map<string, Severity>();
    for (const d of diagnostics) {
      if (!d.node) continue;
      const cur = m.get(d.node);
      if (!cur || SEVERITY_RANK[d.severity] > SEVERITY_RANK[cur]) m.set(d.node, d.severity);
    }
    return m;
  }, [diagnostics]);
}

function Graph() {
  const doc = useEditor((s) => s.doc);
  const dragged = useEditor((s) => s.dragged);
  const selection = useEditor((s) => s.selection);
  const selectedEdge = useEditor((s) => s.selectedEdge);
  const parseError = useEditor((s) => s.parseError);
  const record = useEditor((s) => s.record);
  const fitRequest = useEditor((s) => s.fitRequest);
  const highlight = useEditor((s) => s.highlight);
  const severities = useSeverities();
  const hostFindings = useHostCompare(shownFindings);
  const flow = useReactFlow<FlowNode>();
  const far = useStore(isFar);
  const derived = derive(doc);
  // What the last operation did stays marked until the next change (the record is of the document on screen).
  const marks = useMemo(() => (record && record.after === doc && record.request.kind !== 'replace-text' ? changeMarks(record.before, record.after, record.summary) : NO_MARKS), [record, doc]);
  // Long chains are drawn collapsed (core/collapse.ts), never hiding what the user is looking at.
  const expanded = useCollapse((s) => s.expanded);
  const mustShow = useMemo(() => new Set([...(selection ? [selection.uid] : []), ...(highlight?.uids ?? []), ...marks.added]), [selection, highlight, marks]);
  const plan = useMemo(() => collapsePlan(doc, expanded, mustShow), [doc, expanded, mustShow]);
  const positions = useMemo(() => collapsedPositions(doc, plan, placeNodes(doc, dragged)), [doc, dragged, plan]);

  const [cache] = useState(() => new FlowCache());
  const built = useMemo(
    () =>
      withGhosts(cache.build({
        derived,
        positions,
        selected: selection?.uid ?? null,
        severities,
        marks,
        highlighted: new Set(highlight?.uids ?? []),
        counterLabel: ` (${rules(doc).counterScope})`,
        selectedEdge: selectedEdge ? `${selectedEdge.user}->${selectedEdge.backing}` : null,
        collapse: plan,
      }), hostFindings),
    [cache, derived, positions, selection, severities, marks, highlight, doc, selectedEdge, hostFindings, plan],
  );

  // The minimap redraws every node on every drag step; it sits out the gesture and catches up on drop.
  const [dragging, setDragging] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  // A big graph: React Flow gets the nodes around the view only (useFlowWindow).
  const { shown, onMove } = useFlowWindow(built, selection?.uid ?? null, dragging, wrapper);
  const [nodes, setNodes] = useState<FlowNode[]>(shown.nodes);
  const [syncedFrom, setSyncedFrom] = useState(shown);
  if (syncedFrom !== shown) {
    // The store changed: take its nodes (React's "adjust state on prop change" pattern, no effect needed).
    setSyncedFrom(shown);
    setNodes(shown.nodes);
  }
  const rf = useStoreApi<FlowNode>();
  const [dragSteps] = useState(() => new DragSteps(rf));
  const [farLayer] = useState(() => new FarEdgeLayer());
  useLayoutEffect(() => dragSteps.setFar(far ? farLayer : null), [dragSteps, farLayer, far]);
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Only geometry is local; selection lives in the store.
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (local.length === 0) return;
    if (local.every((c) => c.type === 'position' && c.dragging)) return dragSteps.add(local);
    // The drop's own change (every dragged node's final place) lands in this component's nodes as any other.
    dragSteps.drop(local);
    setNodes((ns) => applyNodeChanges(local, ns));
  }, [dragSteps]);

  const onNodeDragStart = useCallback(() => setDragging(true), []);
  const onNodeDragStop = useCallback((_: unknown, __: FlowNode, moved: FlowNode[]) => {
    setDragging(false);
    const moves: Record<string, { x: number; y: number }> = {};
    for (const n of moved) if (n.type !== 'disk') moves[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    moveNodes(moves);
  }, []);

  const minimap = positions.size >= MINIMAP_FROM && built.nodes.length <= MINIMAP_UNTIL;
  // What is drawn (a collapsed group opened or closed changes it too, the document not).
  const nodeKey = useMemo(() => built.nodes.map((n) => n.id).join(' '), [built]);
  // The box around every built node (frames included), not only the window React Flow holds.
  const bounds = useMemo(() => getNodesBounds(built.nodes), [built]);
  const { savedViewport, minZoom } = useViewFollow({ flow, pane: wrapper, fitRequest, nodeKey, selection, positions, minimap, bounds, nodeCount: built.nodes.length });

  const links = useLinks(doc);
  const refusal = useRef<string | null>(null);
  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const conn = c as Connection;
      // Re-pointing a link's arrow end is a rebase; a new link from a lower handle makes a backing store.
      if (links.reconnecting.current) return links.rebaseAllowed(conn);
      const ok = available(doc, { kind: 'reparent', uid: conn.target, parent: conn.source });
      refusal.current = ok === true ? null : ok;
      return ok === true;
    },
    [doc, links],
  );
  const onConnect = useCallback((c: Connection) => {
    perform({ kind: 'reparent', uid: c.target, parent: c.source });
  }, []);
  const onConnectEnd: OnConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.toNode && !state.isValid && refusal.current) notify('error', `Connection refused: ${refusal.current}`);
    // Dropped on a node's body rather than its handle, or on nothing: say how it works instead of doing nothing.
    else if (!state.toNode && state.fromNode) notify('info', 'Drop the link on the top handle of the image that should become the backing file.');
    refusal.current = null;
  }, []);

  const [menu, setMenu] = useState<{ uid: string; x: number; y: number } | null>(null);
  // Stable handlers: a drag re-renders this component every frame, and new props would re-render every node.
  const onNodeClick = useCallback((_: unknown, n: FlowNode) => {
    if (n.type !== 'disk' && n.type !== 'mirror') select(n.id, 'graph');
  }, []);
  const onPaneClick = useCallback(() => {
    select(null, 'graph');
    selectEdge(null);
    setMenu(null);
  }, []);
  const onNodeContextMenu = useCallback((e: ReactMouseEvent, n: FlowNode) => {
    if (n.type === 'disk' || n.type === 'mirror') return;
    e.preventDefault();
    select(n.id, 'graph');
    const box = wrapper.current?.getBoundingClientRect();
    setMenu({ uid: n.id, x: e.clientX - (box?.left ?? 0), y: e.clientY - (box?.top ?? 0) });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const onKeyDown = useGraphKeys(derived, selection?.uid ?? null);

  return (
    <div className={`graph-pane${parseError ? ' graph-stale' : ''}`} ref={wrapper} onKeyDown={onKeyDown} onPointerDown={capturePointerOnNode}>
      {parseError && (
        <div className="stale-banner" role="status">
          Stale: the XML has an error at line {parseError.line}:{parseError.col}. The graph shows the last good version.
        </div>
      )}
      <FarContext.Provider value={far}>
      <ReactFlow
        nodes={nodes}
        edges={far ? NO_EDGES : shown.edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={onNodeClick}
        onEdgeClick={links.onEdgeClick}
        onPaneClick={onPaneClick}
        onNodeContextMenu={onNodeContextMenu}
        isValidConnection={isValidConnection}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnectStart={links.onReconnectStart}
        onReconnect={links.onReconnect}
        onReconnectEnd={links.onReconnectEnd}
        deleteKeyCode={null}
        nodesDraggable={!parseError}
        nodesConnectable={!parseError}
        edgesReconnectable={!parseError}
        autoPanOnNodeFocus={false}
        // Big documents: only nodes and edges on screen are in the DOM (issue 12).
        onlyRenderVisibleElements
        minZoom={minZoom}
        maxZoom={2}
        fitView={!savedViewport}
        fitViewOptions={{ padding: fitPadding(minimap), maxZoom: 1.1 }}
        defaultViewport={savedViewport ?? undefined}
        onMove={onMove}
        onMoveEnd={onMoveEnd}
        proOptions={PRO_OPTIONS}
        ariaLabelConfig={ARIA_LABELS}
      >
        {far && <FarEdges edges={shown.edges} layer={farLayer} />}
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={{ padding: fitPadding(minimap), maxZoom: 1.1, duration: 200 }} aria-label="View">
          <ControlButton onClick={tidy} title="Tidy: lay out every node automatically again" aria-label="Tidy">
            <span aria-hidden="true">⊞</span>
          </ControlButton>
        </Controls>
        {minimap && !dragging && <MiniMap pannable zoomable nodeStrokeWidth={2} className="graph-minimap" style={MINIMAP_STYLE} position="bottom-right" />}
      </ReactFlow>
      </FarContext.Provider>
      <Legend />
      <RestoringNote />
      {menu && <NodeMenu uid={menu.uid} x={menu.x} y={menu.y} onClose={closeMenu} />}
    </div>
  );
}

/**
 * A press on a node's body captures the pointer to that node until release: the browser then stops hit-testing the
 * whole graph at every mouse move of the drag that may follow (among 500 nodes and their edges 2-4 ms a move, Chromium
 * trace, bench row 3). Not on a handle (a link being drawn must find the handle under the pointer) nor for other
 * buttons.
 */
function capturePointerOnNode(e: ReactPointerEvent<HTMLDivElement>): void {
  if (e.button !== 0 || !(e.target instanceof Element) || e.target.closest('.react-flow__handle')) return;
  const node = e.target.closest('.react-flow__node.draggable');
  if (node instanceof HTMLElement) node.setPointerCapture(e.pointerId);
}

export function GraphView() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}
