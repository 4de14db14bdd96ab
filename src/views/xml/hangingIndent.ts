/**
 * Wrapped lines continue under their own indentation, not at the left edge,
 * so a long `<source file=…>` stays readable as one element. A line
 * decoration per visible line with leading spaces: padding the wrap, pulling
 * the first row back (CSS hanging indent). Only visible lines are decorated.
 */
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, ViewPlugin } from '@codemirror/view';
import type { DecorationSet, EditorView, ViewUpdate } from '@codemirror/view';

const cache = new Map<number, Decoration>();
function indentOf(n: number): Decoration {
  let d = cache.get(n);
  if (!d) {
    // Two more columns than the line's own indentation for the continuation rows, but never more than 40% of the
    // pane: a chain nested hundreds of levels deep would otherwise continue its rows past the right edge.
    const hang = `min(${n + 2}ch, 40%)`;
    d = Decoration.line({ attributes: { style: `padding-left: calc(${hang} + 6px); text-indent: calc(-1 * ${hang})` } });
    cache.set(n, d);
  }
  return d;
}

function build(view: EditorView): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      const lead = /^ */.exec(line.text)![0].length;
      b.add(line.from, line.from, indentOf(lead));
      pos = line.to + 1;
    }
  }
  return b.finish();
}

export const hangingIndent = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = build(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged || u.geometryChanged) this.decorations = build(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);
