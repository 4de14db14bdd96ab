/**
 * The view follows the document, and nothing else moves it: it fits when a
 * document is loaded or the user asks (Fit, Tidy), and when the set of nodes
 * changes and some of them are out of sight (a paste, an operation that
 * grows the chain), and when the pane shrinks under a graph that was all in
 * view. Otherwise the user's pan and zoom stay: a click never
 * pans, a selection from elsewhere (the XML, Problems, the keyboard) brings
 * its node into view only when it is not in view already.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { FitViewOptions, ReactFlowInstance } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from '../../core/layout';
import type { Point } from '../../core/layout';
import { loadViewport, saveViewport } from '../../state/persist';
import { takeKeptView } from '../../state/restoreLater';
import type { Selection } from '../../state/store';
import type { FlowNode } from './flowModel';
import type { Box } from './viewLimits';
import { MAX_ON_SCREEN, minZoomFor, openZoomFor } from './viewLimits';

/** Room kept free around the fitted graph for the canvas's own furniture (legend top left, controls bottom left, minimap bottom right). */
export function fitPadding(minimap: boolean): NonNullable<FitViewOptions['padding']> {
  return { top: '52px', left: '56px', right: '28px', bottom: minimap ? '124px' : '28px' };
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Whether a flow-space rectangle is wholly on screen in a pane of `w`×`h` at the flow's viewport. */
function inView(flow: ReactFlowInstance<FlowNode>, r: Rect, w: number, h: number): boolean {
  const { x, y, zoom } = flow.getViewport();
  return r.x * zoom + x >= 0 && r.y * zoom + y >= 0 && (r.x + r.width) * zoom + x <= w && (r.y + r.height) * zoom + y <= h;
}

export function useViewFollow(opts: {
  readonly flow: ReactFlowInstance<FlowNode>;
  readonly pane: RefObject<HTMLDivElement | null>;
  readonly fitRequest: number;
  readonly nodeKey: string;
  readonly selection: Selection | null;
  readonly positions: ReadonlyMap<string, Point>;
  readonly minimap: boolean;
  /** Where the drawn nodes are, and how many React Flow nodes there are (frames too): a big graph's least zoom. */
  readonly bounds: Box;
  readonly nodeCount: number;
}): { readonly savedViewport: ReturnType<typeof loadViewport>; readonly minZoom: number } {
  const { flow, pane, fitRequest, nodeKey, selection, positions, minimap, bounds, nodeCount } = opts;
  const [savedViewport] = useState(() => loadViewport());
  const [paneSize, setPaneSize] = useState<{ w: number; h: number } | null>(null);
  const minZoom = paneSize ? minZoomFor(bounds, nodeCount, paneSize.w, paneSize.h) : minZoomFor(bounds, nodeCount, 800, 600);
  const limits = useRef({ bounds, nodeCount, pane });
  useEffect(() => {
    limits.current = { bounds, nodeCount, pane };
  }, [bounds, nodeCount, pane]);
  const fit = useCallback(() => {
    const { bounds: b, nodeCount: count, pane: el } = limits.current;
    const box = el.current?.getBoundingClientRect();
    // A graph too big to fit whole opens at its start (the first disks), legible, with few nodes to mount.
    if (box && count > MAX_ON_SCREEN) {
      const zoom = openZoomFor(b, count, box.width, box.height);
      void flow.setViewport({ x: 56 - b.x * zoom, y: 52 - b.y * zoom, zoom }, { duration: 200 }).then(() => saveViewport(flow.getViewport()));
      return;
    }
    void flow.fitView({ padding: fitPadding(minimap), maxZoom: 1.1, duration: 200 }).then(() => saveViewport(flow.getViewport()));
  }, [flow, minimap]);

  // Load and explicit requests; a restored session keeps its saved view at first (fitRequest only grows).
  const handled = useRef<number | null>(savedViewport ? fitRequest : null);
  useEffect(() => {
    if (fitRequest === handled.current) return;
    handled.current = fitRequest;
    const t = window.setTimeout(fit, 30);
    return () => window.clearTimeout(t);
  }, [fitRequest, fit]);

  // A new set of nodes: fit only if some are out of sight.
  const seenKey = useRef(nodeKey);
  useEffect(() => {
    if (seenKey.current === nodeKey) return;
    seenKey.current = nodeKey;
    // A big session restored in the background has just landed: it opens at the view it stored, as a small one does.
    if (takeKeptView() && savedViewport) {
      void flow.setViewport(savedViewport);
      return;
    }
    const t = window.setTimeout(() => {
      const box = pane.current?.getBoundingClientRect();
      const nodes = flow.getNodes().filter((n) => n.type !== 'disk');
      if (!box || nodes.length === 0) return;
      if (!inView(flow, flow.getNodesBounds(nodes), box.width, box.height)) fit();
    }, 60);
    return () => window.clearTimeout(t);
  }, [nodeKey, flow, pane, fit, savedViewport]);

  // The pane shrinks (the bottom panels open, the side panel appears, the window narrows): a graph that was all in
  // view is fitted again rather than cut; one the user had zoomed into stays as it is.
  useEffect(() => {
    const el = pane.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let last = el.getBoundingClientRect();
    let t = 0;
    // The observer reports the first size too, so the pane size is known without a measurement during render.
    const ro = new ResizeObserver(() => {
      const box = el.getBoundingClientRect();
      const before = last;
      last = box;
      setPaneSize((p) => (p && p.w === box.width && p.h === box.height ? p : { w: box.width, h: box.height }));
      if (box.width >= before.width && box.height >= before.height) return;
      const nodes = flow.getNodes().filter((n) => n.type !== 'disk');
      if (nodes.length === 0) return;
      const bounds = flow.getNodesBounds(nodes);
      if (inView(flow, bounds, before.width, before.height) && !inView(flow, bounds, box.width, box.height)) {
        window.clearTimeout(t);
        t = window.setTimeout(fit, 30);
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      window.clearTimeout(t);
    };
  }, [flow, pane, fit]);

  // A selection made elsewhere: into view if it is not.
  const centredFor = useRef<Selection | null>(null);
  useEffect(() => {
    if (!selection || selection.from === 'graph' || centredFor.current === selection) return;
    centredFor.current = selection;
    const p = positions.get(selection.uid);
    const box = pane.current?.getBoundingClientRect();
    if (!p || !box) return;
    if (inView(flow, { x: p.x, y: p.y, width: NODE_WIDTH, height: NODE_HEIGHT }, box.width, box.height)) return;
    void flow.setCenter(p.x + NODE_WIDTH / 2, p.y + NODE_HEIGHT / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 });
  }, [selection, positions, flow, pane]);

  return { savedViewport, minZoom };
}
