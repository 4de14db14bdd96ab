/**
 * Where the document's nodes sit in the editor text, kept inside CodeMirror:
 * the ranges from `nodeRanges` (recomputed only after an apply or a text
 * replacement, mapped through typing in between), the inline position/id
 * hints after each node's start tag, and the highlight of the selected node.
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

interface LayerValue {
  readonly ranges: readonly NodeRange[];
  readonly hints: DecorationSet;
  readonly selectedUid: string | null;
  readonly selected: DecorationSet;
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

/**
 * Line decorations for the selected node's own lines: its element minus the
 * elements of its child nodes (so selecting a disk does not paint its whole chain).
 */
function selectedDecorations(doc: Text, ranges: readonly NodeRange[], uid: string | null): DecorationSet {
  if (uid === null) return Decoration.none;
  const i = ranges.findIndex((r) => r.uid === uid);
  const r = ranges[i];
  if (!r) return Decoration.none;
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
  const lines = new Set<number>();
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
  const out = [...lines].sort((x, y) => x - y).map((n) => selectedLine.range(doc.line(n).from));
  return Decoration.set(out);
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
  create: () => ({ ranges: [], hints: Decoration.none, selectedUid: null, selected: Decoration.none }),
  update(value, tr) {
    let { ranges, hints, selectedUid, selected } = value;
    if (tr.docChanged) {
      ranges = mapRanges(ranges, tr.changes);
      hints = hints.map(tr.changes);
      selected = selected.map(tr.changes);
    }
    let reselect = false;
    for (const e of tr.effects) {
      if (e.is(setNodeLayout)) {
        ranges = e.value.ranges;
        hints = hintDecorations(e.value);
        reselect = true;
      } else if (e.is(setSelectedNode)) {
        selectedUid = e.value;
        reselect = true;
      }
    }
    if (reselect) selected = selectedDecorations(tr.state.doc, ranges, selectedUid);
    return { ranges, hints, selectedUid, selected };
  },
  provide: (f) => [EditorView.decorations.from(f, (v) => v.hints), EditorView.decorations.from(f, (v) => v.selected)],
});

/** The innermost node whose element contains `pos` (ranges mapped through unapplied typing). */
export function nodeAtPos(state: EditorState, pos: number): NodeRange | null {
  return nodeAtOffset(state.field(nodeLayer).ranges, pos);
}

export function rangeOfNode(state: EditorState, uid: string): NodeRange | null {
  return state.field(nodeLayer).ranges.find((r) => r.uid === uid) ?? null;
}
