/**
 * Where the document's nodes sit in the editor text, kept inside CodeMirror:
 * the ranges from `nodeRanges` (recomputed only after an apply or a text
 * replacement, mapped through typing in between), the inline position/id
 * hints after each node's start tag, the mark of the selected node, and the
 * mark of the nodes a query lit up (`cm-highlight-node`).
 */
import { StateEffect, StateField } from '@codemirror/state';
import type { ChangeDesc, EditorState, Range, Text } from '@codemirror/state';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';
import type { DecorationSet } from '@codemirror/view';
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
  readonly hints: DecorationSet;
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

function hintDecorations(layout: NodeLayout): DecorationSet {
  const out: Range<Decoration>[] = [];
  for (const r of layout.ranges) {
    const hint = layout.hints.get(r.uid);
    if (hint) out.push(Decoration.widget({ widget: new HintWidget(hint), side: 1 }).range(r.tagEnd));
  }
  return Decoration.set(out, true);
}

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
  create: () => ({ ranges: [], hints: Decoration.none, selectedUid: null, selected: Decoration.none, highlightUids: [], highlighted: Decoration.none }),
  update(value, tr) {
    let { ranges, hints, selectedUid, selected, highlightUids, highlighted } = value;
    if (tr.docChanged) {
      ranges = mapRanges(ranges, tr.changes);
      hints = hints.map(tr.changes);
      selected = selected.map(tr.changes);
      highlighted = highlighted.map(tr.changes);
    }
    let reselect = false;
    let relight = false;
    for (const e of tr.effects) {
      if (e.is(setNodeLayout)) {
        ranges = e.value.ranges;
        hints = hintDecorations(e.value);
        reselect = relight = true;
      } else if (e.is(setSelectedNode)) {
        selectedUid = e.value;
        reselect = true;
      } else if (e.is(setHighlightedNodes)) {
        highlightUids = e.value;
        relight = true;
      }
    }
    if (reselect) selected = lineDecorations(tr.state.doc, ranges, selectedUid === null ? [] : [selectedUid], selectedLine);
    if (relight) highlighted = lineDecorations(tr.state.doc, ranges, highlightUids, highlightedLine);
    return { ranges, hints, selectedUid, selected, highlightUids, highlighted };
  },
  provide: (f) => [
    EditorView.decorations.from(f, (v) => v.hints),
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
