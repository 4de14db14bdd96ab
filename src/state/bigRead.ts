/**
 * Big texts are read in a Web Worker (issue 12): above BIG_TEXT_CHARS the
 * store hands the text to `readInWorker` instead of reading it on the main
 * thread, and applies the answer through its own gateway (store.ts). The
 * answer comes back flattened and is rebuilt here in slices of a few
 * milliseconds, so the page paints between them; the worker's derived
 * numbers and validation prime the memo caches, so no view redoes them.
 * `reading` says what is being read (the progress line, with Cancel).
 */
import { create } from 'zustand';
import type { DomainDoc } from '../core/model/types';
import { primeDerive } from '../core/numbers/derive';
import type { ReadJob, ReadJobResult } from '../core/operations/readJob';
import type { ReadRequest } from './workers/read.worker';
import { WireUnflattener, flatten } from '../core/transfer';
import type { Wire } from '../core/transfer';
import { primeDiagnostics } from './diagnostics';
import { primeRanges } from '../core/textRanges';
import { primeLayout } from '../core/layout';
import { primeImagesInUse } from '../core/ops/nodes';
import { normalizeNewlines } from '../core/io/textDiff';
import type { LimitedWorker, WorkerLike } from './workers/limited';
import { browserTimers, limitedWorker } from './workers/limited';

/**
 * From this many characters a text is read in the worker. Below it the main
 * thread reads faster than a worker round trip (docs/decisions.md, "Big documents").
 */
export const BIG_TEXT_CHARS = 200_000;
/** No document takes this long to read; a worker that does is stuck. */
const READ_LIMIT_MS = 120_000;
/** Entries rebuilt per slice: about 4 ms of work between two frames. */
const SLICE = 20_000;

export function isBigText(text: string): boolean {
  return text.length >= BIG_TEXT_CHARS;
}

/** Whether this text is read in a worker: a big one, where there are workers (not in Node: the CLI, unit tests). */
export function readsOffThread(text: string): boolean {
  return isBigText(text) && typeof Worker !== 'undefined';
}

export interface Reading {
  readonly chars: number;
  readonly since: number;
}

/** What is being read right now (null: nothing). Read by the progress line. */
export const useReading = create<{ reading: Reading | null }>(() => ({ reading: null }));

export type ReadOutcome = ReadJobResult | { readonly ok: false; readonly stopped: true } | { readonly ok: false; readonly failed: string };

let worker: LimitedWorker | null = null;
let current: string | null = null;
/** Read jobs so far: each numbers its new uids in a space of its own. */
let jobs = 0;

const spawn = (): WorkerLike => new Worker(new URL('./workers/read.worker.ts', import.meta.url), { type: 'module', name: 'strata-read' }) as unknown as WorkerLike;
const nextSlice = (): Promise<void> => new Promise((ok) => setTimeout(ok, 0));

/** The text being read, if any. */
export function pendingRead(): string | null {
  return current;
}

/** Reads `job.text` in the worker; a newer call supersedes this one (it then resolves stopped). Never rejects. */
export async function readInWorker(job: ReadJob): Promise<ReadOutcome> {
  worker ??= limitedWorker(spawn, browserTimers);
  current = job.text;
  useReading.setState({ reading: { chars: job.text.length, since: performance.now() } });
  jobs += 1;
  const req: ReadRequest = { text: job.text, before: JSON.stringify(flatten(job.before)), label: job.label, keep: job.keep, space: `w${jobs}.` };
  const out = await worker.run<Wire>(req, READ_LIMIT_MS);
  try {
    if (out.kind !== 'done') return out.kind === 'failed' ? { ok: false, failed: out.message } : { ok: false, stopped: true };
    const u = new WireUnflattener<ReadJobResult>(out.value);
    while (!u.step(SLICE)) {
      await nextSlice();
      if (current !== job.text) return { ok: false, stopped: true };
    }
    const r = u.result;
    if (r.ok) prime(r, job.text);
    // The document is applied in a task of its own, not at the end of the last slice's.
    await nextSlice();
    if (current !== job.text) return { ok: false, stopped: true };
    return r;
  } finally {
    if (current === job.text) {
      current = null;
      useReading.setState({ reading: null });
    }
  }
}

function prime(r: Extract<ReadJobResult, { ok: true }>, text: string): void {
  const doc: DomainDoc = r.result.doc;
  primeDerive(doc, r.derived);
  primeRanges(doc, normalizeNewlines(text), r.ranges);
  primeLayout(doc, r.layout);
  primeImagesInUse(doc, r.inUse);
  if (r.validated) primeDiagnostics(doc, r.result.summary.diagnostics ?? [], r.validated);
}

/** Stops the read (the text stays in the XML pane as a draft). */
export function cancelRead(): void {
  current = null;
  useReading.setState({ reading: null });
  worker?.cancel();
}
