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
import { preorder } from '../../core/model/walk';
import type { Dialect } from '../../core/model/types';
import type { LimitedWorker, WorkerLike } from './limited';
import { browserTimers, limitedWorker } from './limited';

/** How long a query may run before it is stopped. */
export const QUERY_LIMIT_MS = 2000;

/**
 * Only the text goes to the worker, never the document: flattening a 300-disk document to send it was one 183 ms
 * frame (issue 12 bench). The worker reads the text itself, in the page's dialect, and answers with the matched
 * nodes' places (disk, pre-order index), which the page turns into its own uids: the same order-matching of text
 * elements to nodes as core/textRanges.
 */
export interface QueryRequest {
  readonly docId: number;
  /** The text and the page document's dialect, only when the worker does not have them yet. */
  readonly text?: string;
  readonly dialect?: Dialect;
  readonly input: string;
}

/** A match as the worker sends it: disk index, then the node's index in that disk's pre-order. */
export type NodePlace = readonly [number, number];
export type WorkerAnswer = Exclude<QueryResult, { ok: true }> | (Omit<Extract<QueryResult, { ok: true }>, 'uids'> & { readonly places: readonly NodePlace[] });

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
  const req: QueryRequest = send ? { docId: id, text, dialect: doc.dialect, input } : { docId: id, input };
  const answer = worker.run<WorkerAnswer>(req, limitMs);
  if (send) held = { id, text };
  const out = await answer;
  if (out.kind === 'done') return toPage(doc, out.value);
  // Stopped or failed: that worker is gone.
  held = null;
  if (out.kind === 'limit') return { ok: false, stopped: 'limit', message: limitMessage(limitMs) };
  if (out.kind === 'cancelled' || out.kind === 'superseded') return { ok: false, stopped: 'cancelled', message: 'Query cancelled.' };
  return { ok: false, message: `Query failed: ${out.message}` };
}

/** The worker's places as the page document's uids (a place the page has not is dropped, as nodeRanges does). */
function toPage(doc: DomainDoc, a: WorkerAnswer): QueryResult {
  if (!a.ok) return a;
  const orders = new Map<number, string[]>();
  const uids: string[] = [];
  for (const [d, i] of a.places) {
    const disk = doc.disks[d];
    if (!disk) continue;
    let order = orders.get(d);
    if (!order) orders.set(d, (order = preorder(disk.src).map((v) => v.node.uid)));
    const uid = order[i];
    if (uid !== undefined) uids.push(uid);
  }
  const { places: _places, ...rest } = a;
  return { ...rest, uids };
}

/** Stops the running query, if any. */
export function cancelQuery(): void {
  worker?.cancel();
}
