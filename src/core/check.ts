/**
 * Text -> everything wrong with it, in one list sorted by place: the XML
 * error that stops reading (malformed, refused entity), what the reader could
 * not hold (a malformed index), and what validate finds in the model.
 */
import type { Diagnostic } from './model/diagnostics';
import type { DomainDoc } from './model/types';
import { loadText } from './io/document';
import { sortDiagnostics, validate } from './validate';

export interface CheckResult {
  readonly doc: DomainDoc | null;
  readonly diagnostics: Diagnostic[];
}

export function checkText(text: string): CheckResult {
  try {
    const loaded = loadText(text);
    if (!loaded.ok) return { doc: null, diagnostics: [loaded.error] };
    return { doc: loaded.doc, diagnostics: sortDiagnostics([...loaded.diagnostics, ...validate(loaded.doc)]) };
  } catch (e) {
    // The editor calls this on every keystroke; a bug in a reader must show up as a message, not a crash.
    const why = e instanceof Error ? e.message : String(e);
    return {
      doc: null,
      diagnostics: [{ severity: 'error', code: 'xml-malformed', message: `Strata could not read this document (internal error: ${why}).`, line: 1, col: 1 }],
    };
  }
}
