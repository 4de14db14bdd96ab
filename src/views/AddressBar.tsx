/**
 * The address bar (issue 4): an address (`vda`, `vda[3]`, a source path) or
 * an XPath expression. Enter runs it over the current XML: the matches light
 * up in the graph and the XML (the store's `highlight`), the first one is
 * selected, and one line says how it matched. Esc clears. The query engine
 * (and the XPath library with it) is loaded on first use, not with the app.
 * XPath runs in a worker with a time limit and a Cancel (state/workers/query.ts).
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { DomainDoc } from '../core/model/types';
import type { Highlight } from '../state/store';
import { applyDraft, select, setHighlight, useEditor } from '../state/store';
import { cancelQuery, queryInWorker } from '../state/workers/query';
import './address.css';

type Status = { readonly kind: 'ok' | 'error' | 'busy'; readonly text: string } | null;

const loadQuery = () => import('../core/query');

/** What this bar lit, and for which document (a new document makes it stale). */
interface Owned {
  readonly doc: DomainDoc;
  readonly highlight: Highlight | null;
}

/** Takes back what the bar lit (never someone else's highlight). */
function unlight(owned: { current: Owned | null }): void {
  const o = owned.current;
  owned.current = null;
  if (o?.highlight && useEditor.getState().highlight === o.highlight) setHighlight(null);
}

export function AddressBar() {
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<Status>(null);
  const owned = useRef<Owned | null>(null);
  const ticket = useRef(0);

  // Any change of document (an edit, undo, a load) makes the answer stale; so does another highlight.
  useEffect(
    () =>
      useEditor.subscribe((s, prev) => {
        const o = owned.current;
        if (!o) return;
        if (s.doc !== o.doc) {
          unlight(owned);
          setStatus(null);
        } else if (s.highlight !== prev.highlight && s.highlight !== o.highlight) {
          owned.current = null;
          setStatus(null);
        }
      }),
    [],
  );

  const clear = (): void => {
    ticket.current++;
    cancelQuery();
    unlight(owned);
    setValue('');
    setStatus(null);
  };

  const run = async (input: string): Promise<void> => {
    const mine = ++ticket.current;
    if (input.trim() === '') {
      clear();
      return;
    }
    // Typing not yet applied is applied first, so the query sees the document the text shows.
    if (useEditor.getState().draft && !applyDraft()) {
      unlight(owned);
      setStatus({ kind: 'error', text: 'The XML has an error: fix it (or undo) before querying.' });
      return;
    }
    setStatus({ kind: 'busy', text: 'Evaluating…' });
    let mod: Awaited<ReturnType<typeof loadQuery>>;
    try {
      mod = await loadQuery();
    } catch {
      if (mine === ticket.current) setStatus({ kind: 'error', text: 'The query engine could not be loaded (offline?).' });
      return;
    }
    if (mine !== ticket.current) return;
    const s = useEditor.getState();
    // Addresses are a lookup (main thread); XPath can take any time, so it runs in the worker.
    const r = mod.classifyQuery(s.doc, input) === 'xpath' ? await queryInWorker(s.doc, s.text, input) : mod.runQuery(s.doc, s.text, input);
    if (mine !== ticket.current) return;
    unlight(owned);
    if (!r.ok && 'stopped' in r && r.stopped === 'cancelled') {
      setStatus({ kind: 'ok', text: r.message });
      return;
    }
    if (!r.ok) {
      setStatus({ kind: 'error', text: r.message });
      return;
    }
    const highlight: Highlight | null = r.uids.length > 0 ? { uids: r.uids, reason: r.explanation } : null;
    owned.current = { doc: s.doc, highlight };
    setHighlight(highlight);
    if (r.uids[0] !== undefined) select(r.uids[0], 'keyboard');
    setStatus({ kind: 'ok', text: r.explanation });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void run(value);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      clear();
    }
  };

  return (
    <div className="address-bar">
      <input
        className="address-input"
        type="text"
        aria-label="Address"
        aria-describedby="address-status"
        aria-invalid={status?.kind === 'error' ? true : undefined}
        placeholder="vda[3], /path, or XPath…"
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => void loadQuery().catch(() => undefined)}
        title="Enter: find nodes by address (vda, vda[3]), source path or XPath (//backingStore[@index=4]); Esc: clear"
      />
      <span id="address-status" role="status" className={`address-status${status ? ` address-${status.kind}` : ''}`} title={status?.text}>
        {status?.text ?? ''}
      </span>
      {status?.kind === 'busy' && (
        <button type="button" className="address-cancel" onClick={() => cancelQuery()} title="Stop the query">
          Cancel
        </button>
      )}
    </div>
  );
}
