/**
 * Diagnostics -> CodeMirror lint markers. The list is the reader's problems
 * plus `validate(doc)` (state/diagnostics, once per document); a parse error replaces it
 * while the text does not parse. line:col becomes an offset; the marker runs
 * to the end of the element's start tag, or to the end of the line.
 */
import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { Diagnostic } from '../../core/model/diagnostics';
import type { DomainDoc } from '../../core/model/types';
import type { NodeRange } from '../../core/textRanges';
import { documentDiagnostics } from '../../state/diagnostics';

/** 1-based line:col -> offset, clamped into the document. */
export function offsetAt(doc: Text, line: number, col: number): number {
  const l = doc.line(Math.max(1, Math.min(Math.floor(line) || 1, doc.lines)));
  return l.from + Math.max(0, Math.min((Math.floor(col) || 1) - 1, l.length));
}

/** End of the start (or end) tag beginning at `pos` when there is one, else the end of its line. */
function markerEnd(doc: Text, pos: number): number {
  const lineEnd = doc.lineAt(pos).to;
  if (doc.sliceString(pos, pos + 1) !== '<') return lineEnd;
  const limit = Math.min(doc.length, pos + 4000);
  const text = doc.sliceString(pos, limit);
  let quote = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return pos + i + 1;
    else if (c === '<') break;
  }
  return lineEnd;
}

function toLint(d: Diagnostic, from: number, to: number): LintDiagnostic {
  return { from, to, severity: d.severity, message: d.message, source: d.code };
}

/** The marker for a text that does not parse: at its line:col. */
export function parseErrorMarker(doc: Text, error: Diagnostic): LintDiagnostic[] {
  const from = offsetAt(doc, error.line, error.col);
  return [toLint(error, from, markerEnd(doc, from))];
}

/**
 * Markers for an applied document. `ranges` are the node ranges for this
 * text: a node's own problem is placed on its element even when the model's
 * line:col is from an older text (after a graph edit re-wrote it).
 */
export function documentMarkers(
  doc: Text,
  readDiagnostics: readonly Diagnostic[],
  model: DomainDoc,
  ranges: readonly NodeRange[],
): LintDiagnostic[] {
  const byUid = new Map<string, NodeRange>();
  const diskStart = new Map<number, NodeRange>();
  for (const r of ranges) {
    byUid.set(r.uid, r);
    if (!diskStart.has(r.disk)) diskStart.set(r.disk, r);
  }
  const out: LintDiagnostic[] = [];
  const fromReader = new Set(readDiagnostics);
  for (const d of documentDiagnostics(model, readDiagnostics)) {
    if (fromReader.has(d)) {
      // The reader's problems come from this very text: their line:col is exact.
      const from = offsetAt(doc, d.line, d.col);
      out.push(toLint(d, from, markerEnd(doc, from)));
      continue;
    }
    const node = d.node !== undefined ? byUid.get(d.node) : undefined;
    if (node) {
      out.push(toLint(d, node.start, Math.max(node.start, node.tagEnd)));
      continue;
    }
    let from = offsetAt(doc, d.line, d.col);
    const disk = d.disk !== undefined ? diskStart.get(d.disk) : undefined;
    // A disk-level place outside its disk's element is stale: fall back to the disk's start tag.
    if (disk && (from < disk.start || from > disk.end)) from = disk.start;
    out.push(toLint(d, from, markerEnd(doc, from)));
  }
  return out.sort((a, b) => a.from - b.from);
}
