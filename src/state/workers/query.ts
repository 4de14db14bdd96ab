/**
 * XPath queries in a Web Worker with a time limit (issue 12). An expression
 * like `//*[count(//*) > 0]` is quadratic in the document and froze the page
 * for seconds on the main thread; here the page keeps painting, the query can
 * be cancelled, and at the limit its worker is terminated (a fresh one takes
 * the next query). Addresses and source paths stay on the main thread: they
 * are a lookup, not a search (docs/decisions.md, "Big documents").
 */
import type { DomainDoc } from '../../core/model/types';
import type { QueryResult } from '../../core/query';
import { flatten } from '../../core/transfer';
import type { LimitedWorker, WorkerLike } from './limited';
import { browserTimers, limitedWorker } from './limited';

/** How long a query may run before it is stopped. */
export const QUERY_LIMIT_MS = 2000;

export interface QueryRequest {
  readonly docId: number;
  /** The document (flattened, as JSON) and its text, only when the worker does not have them yet. */
  readonly doc?: string;
  readonly text?: string;
  readonly input: string;
}

export type QueryAnswer = QueryResult | { readonly ok: false; readonly stopped: 'limit' | 'cancelled'; readonly message: string };

const ids = new WeakMap<DomainDoc, number>();
let nextId = 1;
let worker: LimitedWorker | null = null;
/** Which document (and text) the current worker holds (null: none, or not sure). */
let held: { id: number; text: string } | null = null;

function idOf(doc: DomainDoc): number {
  let id = ids.get(doc);
  if (id === undefined) ids.set(doc, (id = nextId++));
  return id;
}

const spawn = (): WorkerLike => new Worker(new URL('./query.worker.ts', import.meta.url), { type: 'module', name: 'strata-query' }) as unknown as WorkerLike;

/** The message at the limit: what happened and what to do. */
export function limitMessage(limitMs: number): string {
  return `Stopped at its ${limitMs / 1000} s time limit: this XPath is too costly for this document (count(//*) inside a predicate visits every element for every element). Narrow it, e.g. //disk[count(.//backingStore) > 3].`;
}

/** Runs an XPath query over `doc`/`text` in the worker. Never rejects. */
export async function queryInWorker(doc: DomainDoc, text: string, input: string, limitMs = QUERY_LIMIT_MS): Promise<QueryAnswer> {
  worker ??= limitedWorker(spawn, browserTimers);
  const id = idOf(doc);
  // A request still running is superseded by a fresh worker, which holds nothing yet.
  if (worker.busy) held = null;
  const send = held === null || held.id !== id || held.text !== text;
  const req: QueryRequest = send ? { docId: id, doc: JSON.stringify(flatten(doc)), text, input } : { docId: id, input };
  const answer = worker.run<QueryResult>(req, limitMs);
  if (send) held = { id, text };
  const out = await answer;
  if (out.kind === 'done') return out.value;
  // Stopped or failed: that worker is gone.
  held = null;
  if (out.kind === 'limit') return { ok: false, stopped: 'limit', message: limitMessage(limitMs) };
  if (out.kind === 'cancelled' || out.kind === 'superseded') return { ok: false, stopped: 'cancelled', message: 'Query cancelled.' };
  return { ok: false, message: `Query failed: ${out.message}` };
}

/** Stops the running query, if any. */
export function cancelQuery(): void {
  worker?.cancel();
}
