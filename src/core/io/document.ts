/** Text in, text out: the entry points the store, the CLI and the tests use. */
import { parseXml } from '../xml/parse';
import { writeXml } from '../xml/write';
import { readDocument } from './read';
import { emitDocument } from './emit';
import type { DomainDoc } from '../model/types';
import type { Diagnostic } from '../model/diagnostics';

export type LoadResult =
  | { readonly ok: true; readonly doc: DomainDoc; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly error: Diagnostic };

export function loadText(text: string): LoadResult {
  const parsed = parseXml(text);
  if (!parsed.ok) return { ok: false, error: { severity: 'error', ...parsed.error } };
  const { doc, diagnostics } = readDocument(parsed.nodes);
  return { ok: true, doc, diagnostics };
}

export function toText(doc: DomainDoc): string {
  return writeXml(emitDocument(doc));
}
