/**
 * New text for the whole document: typing applied, a file opened, an
 * example, a restore. The new document is reconciled with the old one, so
 * editor identities (selection, dragged positions) survive a re-parse, and
 * a running guest's counter survives typing that dropped its record.
 */
import { loadText } from '../io/document';
import { ok } from '../ops/locate';
import { refuse } from '../ops/types';
import { reconcile } from '../reconcile';
import type { Operation } from './types';

export const replaceTextOp: Operation<'replace-text'> = {
  kind: 'replace-text',
  label: 'Edit XML',
  title: (req) => req.label ?? 'Edit XML',
  apply: (doc, req) => {
    const loaded = loadText(req.text);
    if (!loaded.ok) return refuse(`Line ${loaded.error.line}:${loaded.error.col}: ${loaded.error.message}`);
    const r = ok(reconcile(doc, loaded.doc), [], [], req.label ? `${req.label}.` : 'The XML was applied.');
    return r.ok ? { ...r, summary: { ...r.summary, diagnostics: loaded.diagnostics } } : r;
  },
  commands: null,
};
