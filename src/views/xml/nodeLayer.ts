/**
 * Where the document's nodes sit in the editor text, kept inside CodeMirror:
 * the ranges from `nodeRanges` (recomputed only after an apply or a text
 * replacement, mapped through typing in between), the inline position/id
 * hints after each node's start tag, the mark of the selected node, and the
 * mark of the nodes a query lit up (`cm-highlight-node`). The hint widgets
 * are made only for the lines on screen (`visibleHints`): a 10,000-node
 * document would otherwise build 10,000 widgets on every apply (issue 12).
 */
import { StateEffect, StateField } from '@codemirror/state';
import type { ChangeDesc, EditorState, Range, Text } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, WidgetType } from '@codemirror/view';
import type { DecorationSet, ViewUpdate } from '@codemirror/view';
import type { NodeRange } from '../../core/textRanges';
import { nodeAtOffset } from '../../core/textRanges';

export interface NodeHint {
  /** `vda[2]`: the position label (also the widget's `data-position`). */
  readonly position: string;
  /** What the widget shows: `vda[2] · [4]`. */
  readonly text: string;
}

export interface NodeLayout {
  readonly ranges: readonly NodeRange[];
  readonly hints: ReadonlyMap<string, NodeHint>;
}

/** New ranges and hints for the current text (after an apply or a replacement). */
export const setNodeLayout = StateEffect.define<NodeLayout>();
/** The node selected in the store (null: none). */
export const setSelectedNode = StateEffect.define<string | null>();
/** The nodes lit up in the store (`highlight.uids`; empty: none). */
export const setHighlightedNodes = StateEffect.define<readonly string[]>();

interface LayerValue {
  readonly ranges: readonly NodeRange[];
  readonly hints: ReadonlyMap<string, NodeHint>;
  readonly selectedUid: string | null;
  readonly selected: DecorationSet;
  readonly highlightUids: readonly string[];
  readonly highlighted: DecorationSet;
}

class HintWidget extends WidgetType {
  constructor(readonly hint: NodeHint) {
    super();
  }
  override eq(other: HintWidget): boolean {
    return other.hint.text === this.hint.text && other.hint.position === this.hint.position;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cm-node-hint';
    span.dataset.position = this.hint.position;
    span.setAttribute('aria-hidden', 'true');
    span.textContent = this.hint.text;
    return span;
  }
}

/** First range whose start tag ends at or after `pos` (ranges are in document order, so their tag ends are too). */
function firstFrom(ranges: readonly NodeRange[], pos: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid]!.tagEnd < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Hint widgets for the ranges whose start tag ends inside the visible ranges. */
function hintDecorations(value: LayerValue, visible: readonly { from: number; to: number }[]): DecorationSet {
  const out: Range<Decoration>[] = [];
  const { ranges, hints } = value;
  for (const { from, to } of visible) {
    for (let i = firstFrom(ranges, from); i < ranges.length && ranges[i]!.tagEnd <= to; i++) {
      const r = ranges[i]!;
      const hint = hints.get(r.uid);
      if (hint) out.push(Decoration.widget({ widget: new HintWidget(hint), side: 1 }).range(r.tagEnd));
    }
  }
  return Decoration.set(out, true);
}

/** The id chips, for what is on screen: rebuilt when the viewport moves or the layout changes. */
const visibleHints = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = hintDecorations(view.state.field(nodeLayer), view.visibleRanges);
    }
    update(u: ViewUpdate): void {
      const layer = u.state.field(nodeLayer);
      if (u.docChanged || u.viewportChanged || layer !== u.startState.field(nodeLayer)) this.decorations = hintDecorations(layer, u.view.visibleRanges);
    }
  },
  { decorations: (p) => p.decorations },
);

const selectedLine = Decoration.line({ class: 'cm-selected-node' });
const highlightedLine = Decoration.line({ class: 'cm-highlight-node' });

/** Line decorations for the nodes' own lines (see `ownLines`). */
function lineDecorations(doc: Text, ranges: readonly NodeRange[], uids: readonly string[], line: Decoration): DecorationSet {
  if (uids.length === 0) return Decoration.none;
  const lines = new Set<number>();
  for (const uid of uids) ownLines(doc, ranges, uid, lines);
  return Decoration.set([...lines].sort((x, y) => x - y).map((n) => line.range(doc.line(n).from)));
}

/**
 * Adds the line numbers of a node's own lines: its element minus the elements
 * of its child nodes (so marking a disk does not paint its whole chain).
 */
function ownLines(doc: Text, ranges: readonly NodeRange[], uid: string, lines: Set<number>): void {
  const i = ranges.findIndex((r) => r.uid === uid);
  const r = ranges[i];
  if (!r) return;
  const end = Math.min(r.end, doc.length);
  // Own segments: [r.start, end) minus the direct child node elements.
  const segments: [number, number][] = [];
  let at = r.start;
  for (let j = i + 1; j < ranges.length; j++) {
    const c = ranges[j]!;
    if (c.start >= end) break;
    if (c.start < at) continue; // nested inside a child already skipped
    segments.push([at, c.start]);
    at = Math.max(at, Math.min(c.end, end));
  }
  segments.push([at, end]);
  for (const [a0, b0] of segments) {
    const text = doc.sliceString(a0, b0);
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    const a = a0 + lead;
    const b = b0 - trail;
    if (b <= a) continue;
    const first = doc.lineAt(a).number;
    const last = doc.lineAt(b).number;
    for (let n = first; n <= last; n++) lines.add(n);
  }
}

function mapRanges(ranges: readonly NodeRange[], changes: ChangeDesc): NodeRange[] {
  return ranges.map((r) => ({
    ...r,
    start: changes.mapPos(r.start, 1),
    end: Math.max(changes.mapPos(r.end, -1), changes.mapPos(r.start, 1)),
    tagEnd: changes.mapPos(r.tagEnd, -1),
  }));
}

export const nodeLayer = StateField.define<LayerValue>({
  create: () => ({ ranges: [], hints: new Map(), selectedUid: null, selected: Decoration.none, highlightUids: [], highlighted: Decoration.none }),
  update(value, tr) {
    let { ranges, hints, selectedUid, selected, highlightUids, highlighted } = value;
    if (tr.docChanged) {
      ranges = mapRanges(ranges, tr.changes);
      selected = selected.map(tr.changes);
      highlighted = highlighted.map(tr.changes);
    }
    let reselect = false;
    let relight = false;
    for (const e of tr.effects) {
      if (e.is(setNodeLayout)) {
        ranges = e.value.ranges;
        hints = e.value.hints;
        reselect = relight = true;
      } else if (e.is(setSelectedNode)) {
        selectedUid = e.value;
        reselect = true;
      } else if (e.is(setHighlightedNodes)) {
        highlightUids = e.value;
        relight = true;
      }
    }
    if (!tr.docChanged && !reselect && !relight && hints === value.hints) return value;
    if (reselect) selected = lineDecorations(tr.state.doc, ranges, selectedUid === null ? [] : [selectedUid], selectedLine);
    if (relight) highlighted = lineDecorations(tr.state.doc, ranges, highlightUids, highlightedLine);
    return { ranges, hints, selectedUid, selected, highlightUids, highlighted };
  },
  provide: (f) => [
    visibleHints,
    EditorView.decorations.from(f, (v) => v.selected),
    EditorView.decorations.from(f, (v) => v.highlighted),
  ],
});

/** The innermost node whose element contains `pos` (ranges mapped through unapplied typing). */
export function nodeAtPos(state: EditorState, pos: number): NodeRange | null {
  return nodeAtOffset(state.field(nodeLayer).ranges, pos);
}

export function rangeOfNode(state: EditorState, uid: string): NodeRange | null {
  return state.field(nodeLayer).ranges.find((r) => r.uid === uid) ?? null;
}
