/**
 * New text for the whole document: typing applied, a file opened, an
 * example, a restore. The new document is reconciled with the old one, so
 * editor identities (selection, dragged positions) survive a re-parse, and
 * a running guest's counter survives typing that dropped its record.
 */
import { loadText } from '../io/document';
import type { LoadResult } from '../io/document';
import type { DomainDoc } from '../model/types';
import type { OpResult } from '../ops/types';
import { ok } from '../ops/locate';
import { refuse } from '../ops/types';
import { reconcile } from '../reconcile';
import type { Operation } from './types';

/**
 * The result of new text already read (the store reads it first, to keep a
 * parse error beside the draft). `keep`: reconcile with the document before
 * (typing), or take the new one as it is (a new document).
 */
export function applyLoadedText(doc: DomainDoc, loaded: Extract<LoadResult, { ok: true }>, label: string | undefined, keep = true): Extract<OpResult, { ok: true }> {
  const r = ok(keep ? reconcile(doc, loaded.doc) : loaded.doc, [], [], label ? `${label}.` : 'The XML was applied.');
  return { ...r, summary: { ...r.summary, diagnostics: loaded.diagnostics } };
}

export const replaceTextOp: Operation<'replace-text'> = {
  kind: 'replace-text',
  label: 'Edit XML',
  title: (req) => req.label ?? 'Edit XML',
  apply: (doc, req) => {
    const loaded = loadText(req.text);
    if (!loaded.ok) return refuse(`Line ${loaded.error.line}:${loaded.error.col}: ${loaded.error.message}`);
    return applyLoadedText(doc, loaded, req.label);
  },
  commands: null,
};
