/**
 * Everything wrong with the applied document: what the reader found, then
 * what validate finds, sorted by place. Validation runs once per document
 * (the model is immutable), however many views ask: the graph, the problems
 * panel and the XML pane's lint markers all read this one list.
 */
import { useEditor } from './store';
import { validate } from '../core/validate';
import type { Diagnostic } from '../core/model/diagnostics';
import type { DomainDoc } from '../core/model/types';

const cache = new WeakMap<DomainDoc, { read: readonly Diagnostic[]; all: readonly Diagnostic[] }>();

function validateSafely(doc: DomainDoc): readonly Diagnostic[] {
  try {
    return validate(doc);
  } catch (e) {
    // A bug in a check must not take the editor down; say so where the user looks.
    const why = e instanceof Error ? e.message : String(e);
    return [{ severity: 'error', code: 'xml-malformed', message: `Strata could not check this document (internal error: ${why}).`, line: 1, col: 1 }];
  }
}

const byPlace = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.col - b.col;

/** A worker validated `doc` already (state/bigRead.ts): keep its answer instead of validating again here. */
export function primeDiagnostics(doc: DomainDoc, read: readonly Diagnostic[], validated: readonly Diagnostic[]): void {
  cache.set(doc, { read, all: [...read, ...validated].sort(byPlace) });
}

export function documentDiagnostics(doc: DomainDoc, read: readonly Diagnostic[]): readonly Diagnostic[] {
  const hit = cache.get(doc);
  if (hit && hit.read === read) return hit.all;
  const all = [...read, ...validateSafely(doc)].sort(byPlace);
  cache.set(doc, { read, all });
  return all;
}

export function useDiagnostics(): readonly Diagnostic[] {
  const doc = useEditor((s) => s.doc);
  const read = useEditor((s) => s.readDiagnostics);
  return documentDiagnostics(doc, read);
}
