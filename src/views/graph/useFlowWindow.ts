/**
 * Which of the built nodes React Flow is handed: all of them for a graph of
 * MAX_ON_SCREEN nodes or fewer, else a window around the view (flowWindow.ts)
 * that follows pans and zooms. The selection is always in it. A drag in
 * progress keeps the window as it is (a new window would reset the dragged
 * node to its stored place mid-gesture).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Viewport } from '@xyflow/react';
import type { Built } from './flowWindow';
import { contains, grow, visibleArea, windowOf } from './flowWindow';
import type { Box } from './viewLimits';
import { MAX_ON_SCREEN } from './viewLimits';

/** Before the first move is seen: the start of the graph, where a big graph opens, at about the zoom it opens at. */
const START: Box = grow(visibleArea({ x: 0, y: 0, zoom: 0.4 }, 1600, 1000), 1);

export function useFlowWindow(
  built: Built,
  selected: string | null,
  dragging: boolean,
  pane: RefObject<HTMLDivElement | null>,
): { shown: Built; onMove: (e: unknown, v: Viewport) => void } {
  const big = built.nodes.length > MAX_ON_SCREEN;
  const [area, setArea] = useState<Box | null>(null);
  const state = useRef({ area: null as Box | null, dragging: false, big: false, pane });
  useEffect(() => {
    state.current = { ...state.current, dragging, big, pane };
  }, [dragging, big, pane]);
  const shown = useMemo(() => (big ? windowOf(built, area ?? START, new Set(selected ? [selected] : [])) : built), [big, built, area, selected]);
  const onMove = useCallback((_: unknown, v: Viewport) => {
    const s = state.current;
    if (!s.big || s.dragging) return;
    const box = s.pane.current?.getBoundingClientRect();
    const seen = visibleArea(v, box?.width ?? 1600, box?.height ?? 1000);
    if (s.area && contains(s.area, seen)) return;
    s.area = grow(seen, 1);
    setArea(s.area);
  }, []);
  return { shown, onMove };
}
