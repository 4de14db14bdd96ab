/**
 * The work of applying a big text, done in a Web Worker
 * (src/state/workers/read.worker.ts), as the replace-text operation would: read (and number), reconcile with the
 * document before, derive the view numbers, validate, find each node in the text and lay the graph out. The page then only
 * applies the result through the store's gateway and primes the memo caches
 * (`derive`, the diagnostics) with what was computed here, so no view
 * recomputes them on the main thread.
 */
import { loadText } from '../io/document';
import type { Diagnostic } from '../model/diagnostics';
import type { DomainDoc } from '../model/types';
import type { OpResult } from '../ops/types';
import { applyLoadedText } from './replaceText';
import { derive } from '../numbers/derive';
import type { DerivedDoc } from '../numbers/derive';
import { validate } from '../validate';
import { nodeRanges } from '../textRanges';
import type { NodeRange } from '../textRanges';
import { normalizeNewlines } from '../io/textDiff';
import { autoLayout } from '../layout';
import { imagesInUse } from '../ops/nodes';
import type { Point } from '../layout';

export interface ReadJob {
  readonly text: string;
  /** The document the text replaces (reconciled with, when `keep`). */
  readonly before: DomainDoc;
  readonly label: string | undefined;
  /** Reconcile with `before` (typing) or take the new document as it is (a new document). */
  readonly keep: boolean;
}

export type ReadJobResult =
  | { readonly ok: false; readonly error: Diagnostic }
  | {
      readonly ok: true;
      readonly result: Extract<OpResult, { ok: true }>;
      readonly derived: DerivedDoc;
      /** validate(doc), or null when it threw (the page then validates, and reports, itself). */
      readonly validated: readonly Diagnostic[] | null;
      /** Where each node is in the text as the XML pane holds it (newlines normalised): textRanges.nodeRanges. */
      readonly ranges: readonly NodeRange[];
      /** layout.autoLayout of the document. */
      readonly layout: ReadonlyMap<string, Point>;
      /**
       * ops/nodes.imagesInUse of the document: the inspector's actions ask it of a selected node, and on the page its
       * first answer for a 10,000-level chain was 16 ms of the task that applies the document (CPU profile).
       */
      readonly inUse: ReadonlyMap<string, number>;
    };

export function readJob(job: ReadJob): ReadJobResult {
  const loaded = loadText(job.text);
  if (!loaded.ok) return { ok: false, error: loaded.error };
  const result = applyLoadedText(job.before, loaded, job.label, job.keep);
  const derived = derive(result.doc);
  let validated: Diagnostic[] | null;
  try {
    validated = validate(result.doc);
  } catch {
    validated = null;
  }
  return { ok: true, result, derived, validated, ranges: nodeRanges(result.doc, normalizeNewlines(job.text)), layout: autoLayout(result.doc), inUse: imagesInUse(result.doc) };
}
