/**
 * Links as things of their own: click (or Tab to) one to select it and read
 * what it means in the inspector; Delete asks how the chain should end and
 * removes it; drag its arrow end to another image to re-point the backing
 * file (a rebase, checked by the registry before the drop is allowed).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { Connection, Edge, EdgeMouseHandler, OnReconnect } from '@xyflow/react';
import { available } from '../../core/operations/registry';
import type { DomainDoc } from '../../core/model/types';
import { askLinkRemoval, notify, perform, selectEdge, useEditor } from '../../state/store';

/** `user->backing` back into its two uids (the edge ids flowModel makes). */
export function edgeEnds(id: string): { user: string; backing: string } | null {
  const i = id.indexOf('->');
  return i < 0 ? null : { user: id.slice(0, i), backing: id.slice(i + 2) };
}

export function useLinks(doc: DomainDoc) {
  // A clicked link takes no focus (React Flow redraws it selected), so Delete with the focus nowhere in particular still means it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'Delete' && e.key !== 'Backspace') || e.target !== document.body) return;
      const picked = useEditor.getState().selectedEdge;
      if (!picked) return;
      e.preventDefault();
      askLinkRemoval(picked);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const onEdgeClick: EdgeMouseHandler = useCallback((_e, edge) => {
    const ends = edgeEnds(edge.id);
    if (ends) selectEdge(ends);
  }, []);

  // While the arrow end is dragged: is this image a valid new backing file? The registry says, and why not.
  const refusal = useRef<string | null>(null);
  const reconnecting = useRef<Edge | null>(null);
  const onReconnectStart = useCallback((_e: unknown, edge: Edge) => {
    reconnecting.current = edge;
  }, []);
  const rebaseAllowed = useCallback(
    (c: Connection): boolean => {
      const edge = reconnecting.current;
      if (!edge || c.source !== edge.source) return false;
      if (c.target === edge.target) return true;
      const ok = available(doc, { kind: 'rebase', uid: edge.source, onto: c.target });
      refusal.current = ok === true ? null : ok;
      return ok === true;
    },
    [doc],
  );
  const onReconnect: OnReconnect = useCallback((old, c) => {
    if (c.target === old.target) return;
    perform({ kind: 'rebase', uid: old.source, onto: c.target });
  }, []);
  const onReconnectEnd = useCallback((_e: unknown, _edge: Edge, _handle: unknown, state: { isValid: boolean | null; toNode: unknown }) => {
    if (state.toNode && !state.isValid && refusal.current) notify('error', `Re-pointing refused: ${refusal.current}`);
    if (!state.toNode) notify('info', 'Drop the arrow end on an image to make it the backing file; the link stays as it was.');
    refusal.current = null;
    reconnecting.current = null;
  }, []);

  return { onEdgeClick, onReconnectStart, onReconnect, onReconnectEnd, rebaseAllowed, reconnecting };
}
