/**
 * One XML editor bound to the store, both ways.
 *
 * Text -> model: user changes go to `setDraft` at once (so a graph edit can
 * always flush them) and are applied after 250 ms idle, on blur and on
 * Ctrl+S. The text is never re-formatted after an apply.
 *
 * Model -> text: `sync()` brings the view in line with the store. It is
 * idempotent (it compares against what the view already shows), so it can
 * run on every store change, and is deferred to a microtask when the store
 * changed from inside the editor's own update listener.
 *
 * Echo guard: `shownText` is the exact string the editor holds, as last sent
 * with setDraft or received from the store. A store text identical to it is
 * our own echo (or nothing new); anything else is a change from elsewhere and
 * replaces the editor content by a minimal diff, annotated `fromStore`.
 */
import { Compartment, EditorState } from '@codemirror/state';
import type { StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { ViewUpdate } from '@codemirror/view';
import { setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '../../core/model/diagnostics';
import type { DomainDoc } from '../../core/model/types';
import { nodeRanges } from '../../core/textRanges';
import type { NodeRange } from '../../core/textRanges';
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { derive } from '../../core/numbers/derive';
import type { Highlight, EditorState as StoreState, Selection } from '../../state/store';
import { applyDraft, redo, select, setDraft, undo, useEditor } from '../../state/store';
import { xmlExtensions, xmlLanguage } from './extensions';
import { BIG_TEXT_CHARS } from '../../state/bigRead';
import { hangingIndent } from './hangingIndent';
import { fromStore, minimalChange, normalizeNewlines } from './textSync';
import type { NodeHint } from './nodeLayer';
import { nodeAtPos, nodeLayer, setHighlightedNodes, setNodeLayout, setSelectedNode } from './nodeLayer';
import { APPLY_IDLE_MS } from '../../state/timing';
import { documentMarkers, offsetAt, parseErrorMarker } from './diagnostics';

export { APPLY_IDLE_MS };

/** What the view currently reflects of the store. */
interface Shown {
  /** Store text the editor content stands for (the echo guard). */
  text: string;
  /** Doc and text the node ranges/hints were computed for (null: never). */
  layoutDoc: DomainDoc | null;
  layoutText: string | null;
  /** What the lint markers were computed from. */
  parseError: Diagnostic | null;
  read: readonly Diagnostic[] | null;
  selection: Selection | null;
  highlight: Highlight | null;
}

let activeView: EditorView | null = null;
/** Long lines wrap (an option; the id chips and Home/End work either way). */
const wrapping = new Compartment();
/** The XML language, off for big texts (extensions.ts xmlLanguage). */
const language = new Compartment();
/**
 * A change that takes the text across the big-text size switches the language in the same transaction, so the
 * parser never runs over a pasted 4 MB text (it did, ~30 ms in the paste's own task, before a later switch).
 */
const languageBySize = EditorState.transactionExtender.of((tr) => {
  if (!tr.docChanged) return null;
  const was = tr.startState.doc.length >= BIG_TEXT_CHARS;
  const big = tr.newDoc.length >= BIG_TEXT_CHARS;
  return was === big ? null : { effects: language.reconfigure(xmlLanguage(tr.newDoc.length)) };
});

export function setXmlWrap(on: boolean): void {
  activeView?.dispatch({ effects: wrapping.reconfigure(on ? [EditorView.lineWrapping, hangingIndent] : []) });
}

/** Places the cursor at 1-based line:col in the XML pane and focuses it (the problems panel uses this). */
export function focusXmlAt(line: number, col: number): void {
  const view = activeView;
  if (!view) return;
  const pos = offsetAt(view.state.doc, line, col);
  view.dispatch({
    selection: { anchor: pos },
    effects: EditorView.scrollIntoView(pos, { y: 'center' }),
    annotations: fromStore.of(true),
  });
  view.focus();
}

/** Selects the whole XML and focuses it, so a paste replaces the document (the welcome line's "Paste your XML"). */
export function selectAllXml(): boolean {
  const view = activeView;
  if (!view) return false;
  view.dispatch({ selection: { anchor: 0, head: view.state.doc.length }, annotations: fromStore.of(true) });
  view.focus();
  return true;
}

/** The same two labels as the graph's node: the headline (the address in the dialect) and the quiet one. */
function hintsOf(doc: DomainDoc): Map<string, NodeHint> {
  const out = new Map<string, NodeHint>();
  for (const disk of derive(doc).disks) {
    for (const n of disk.nodes) out.set(n.uid, { position: n.headline, text: `${n.headline} · ${n.aside}` });
  }
  return out;
}

export interface XmlEditor {
  readonly view: EditorView;
  destroy(): void;
}

export function createXmlEditor(parent: HTMLElement, wrapInitially = true): XmlEditor {
  const initial = useEditor.getState();
  const shown: Shown = { text: initial.text, layoutDoc: null, layoutText: null, parseError: null, read: null, selection: null, highlight: null };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inListener = false;
  let syncQueued = false;
  let destroyed = false;

  const cancelIdle = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const applyNow = (): void => {
    cancelIdle();
    if (useEditor.getState().draft) applyDraft();
  };

  const onUpdate = (u: ViewUpdate): void => {
    const own = u.transactions.some((tr) => tr.annotation(fromStore));
    const userEdit = u.transactions.some((tr) => tr.docChanged && !tr.annotation(fromStore));
    inListener = true;
    try {
      if (userEdit) {
        const text = u.state.doc.toString();
        shown.text = text;
        setDraft(text);
        cancelIdle();
        timer = setTimeout(() => {
          timer = null;
          applyDraft();
        }, APPLY_IDLE_MS);
      }
      if (u.selectionSet && !own) {
        const node = nodeAtPos(u.state, u.state.selection.main.head);
        if (node) select(node.uid, 'xml');
      }
    } finally {
      inListener = false;
    }
  };

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: normalizeNewlines(initial.text),
      extensions: [...xmlExtensions({ undo: doUndo, redo: doRedo, apply: applyNow }), language.of(xmlLanguage(normalizeNewlines(initial.text).length)), languageBySize, wrapping.of(wrapInitially ? [EditorView.lineWrapping, hangingIndent] : []), EditorView.updateListener.of(onUpdate)],
    }),
  });

  function doUndo(): void {
    cancelIdle();
    undo();
  }
  function doRedo(): void {
    cancelIdle();
    redo();
  }

  function replaceText(text: string): void {
    const change = minimalChange(view.state.doc.toString(), normalizeNewlines(text));
    shown.text = text;
    if (!change) return;
    cancelIdle();
    view.dispatch({ changes: change, annotations: fromStore.of(true) });
  }

  /** Brings the view in line with the store; cheap when nothing it shows changed. */
  function sync(): void {
    if (destroyed) return;
    if (inListener) {
      if (!syncQueued) {
        syncQueued = true;
        queueMicrotask(() => {
          syncQueued = false;
          sync();
        });
      }
      return;
    }
    const s: StoreState = useEditor.getState();
    if (s.text !== shown.text) replaceText(s.text);

    // Everything else goes out in one transaction.
    const effects: StateEffect<unknown>[] = [];

    // Ranges and hints: only for an applied text (never per keystroke).
    let ranges: readonly NodeRange[] | null = null;
    if (!s.draft && (s.doc !== shown.layoutDoc || s.text !== shown.layoutText)) {
      ranges = nodeRanges(s.doc, view.state.doc.toString());
      effects.push(setNodeLayout.of({ ranges, hints: hintsOf(s.doc) }));
      shown.layoutDoc = s.doc;
      shown.layoutText = s.text;
    }

    // Lint markers: the parse error while the text does not parse, else the document's problems.
    let markers: LintDiagnostic[] | null = null;
    if (s.parseError) {
      if (s.parseError !== shown.parseError) markers = parseErrorMarker(view.state.doc, s.parseError);
    } else if (!s.draft && (ranges !== null || shown.parseError !== null || s.readDiagnostics !== shown.read)) {
      markers = documentMarkers(view.state.doc, s.readDiagnostics, s.doc, ranges ?? view.state.field(nodeLayer).ranges);
      shown.read = s.readDiagnostics;
    }
    shown.parseError = s.parseError;
    if (markers) {
      const spec = setDiagnostics(view.state, markers).effects;
      if (spec) effects.push(...(Array.isArray(spec) ? spec : [spec]));
    }

    // Selection: highlight always; scroll only when it came from elsewhere.
    if (s.selection !== shown.selection) {
      const sel = s.selection;
      effects.push(setSelectedNode.of(sel?.uid ?? null));
      if (sel && sel.from !== 'xml' && sel.uid !== shown.selection?.uid) {
        const r = (ranges ?? view.state.field(nodeLayer).ranges).find((x) => x.uid === sel.uid);
        if (r) effects.push(EditorView.scrollIntoView(r.start, { y: 'center' }));
      }
      shown.selection = sel;
    }

    // Query/lesson highlight: marked lines only (the selection does the scrolling).
    if (s.highlight !== shown.highlight) {
      effects.push(setHighlightedNodes.of(s.highlight?.uids ?? []));
      shown.highlight = s.highlight;
    }

    if (effects.length > 0) view.dispatch({ effects, annotations: fromStore.of(true) });
  }

  sync();
  const unsubscribe = useEditor.subscribe(sync);
  activeView = view;

  return {
    view,
    destroy(): void {
      if (destroyed) return;
      // Typing waiting for the idle apply is applied, not dropped.
      if (timer !== null) applyNow();
      destroyed = true;
      unsubscribe();
      if (activeView === view) activeView = null;
      view.destroy();
    },
  };
}
