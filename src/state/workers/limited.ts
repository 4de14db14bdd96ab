/**
 * One Web Worker that answers one request at a time, with a time limit and a
 * cancel. A worker stuck in a query (XPath has no way to interrupt itself)
 * can only be stopped by terminating it, so on the limit or a cancel the
 * worker is terminated and the next request gets a fresh one. The page never
 * waits: `run` returns a promise and the main thread keeps painting.
 *
 * The worker and the clock are injected (`spawn`, `timers`), so the logic is
 * unit-tested without a browser (test/state/workers/limited.test.ts).
 */

/** What we use of a Worker. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export type Outcome<T> =
  | { readonly kind: 'done'; readonly value: T; readonly ms: number }
  | { readonly kind: 'limit'; readonly ms: number }
  | { readonly kind: 'cancelled'; readonly ms: number }
  /** The worker failed (it could not load, or threw outside the request's own error handling). */
  | { readonly kind: 'failed'; readonly message: string; readonly ms: number }
  /** A newer request took this one's place. */
  | { readonly kind: 'superseded'; readonly ms: number };

export interface LimitedWorker {
  /** Sends `message`; the answer, or why there is none. A request still running is superseded (and its worker replaced). */
  run<T>(message: unknown, limitMs: number): Promise<Outcome<T>>;
  /** Stops the running request, if any (its promise says 'cancelled'). */
  cancel(): void;
  readonly busy: boolean;
  dispose(): void;
}

export function limitedWorker(spawn: () => WorkerLike, timers: Timers, now: () => number = () => performance.now()): LimitedWorker {
  let worker: WorkerLike | null = null;
  let pending: { settle: (o: Outcome<unknown>) => void; timer: unknown; started: number } | null = null;

  const kill = (): void => {
    worker?.terminate();
    worker = null;
  };
  const finish = (o: (ms: number) => Outcome<unknown>): void => {
    const p = pending;
    if (!p) return;
    pending = null;
    timers.clear(p.timer);
    p.settle(o(now() - p.started));
  };
  const ensure = (): WorkerLike => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (e) => {
      if (w === worker) finish((ms) => ({ kind: 'done', value: e.data, ms }));
    };
    w.onerror = (e) => {
      if (w !== worker) return;
      kill();
      finish((ms) => ({ kind: 'failed', message: e.message ?? 'the worker failed', ms }));
    };
    worker = w;
    return w;
  };

  return {
    run<T>(message: unknown, limitMs: number): Promise<Outcome<T>> {
      if (pending) {
        // The old request may be stuck: a fresh worker for the new one.
        kill();
        finish((ms) => ({ kind: 'superseded', ms }));
      }
      return new Promise<Outcome<T>>((settle) => {
        const started = now();
        const timer = timers.set(() => {
          kill();
          finish((ms) => ({ kind: 'limit', ms }));
        }, limitMs);
        pending = { settle: settle as (o: Outcome<unknown>) => void, timer, started };
        try {
          ensure().postMessage(message);
        } catch (e) {
          kill();
          finish((ms) => ({ kind: 'failed', message: e instanceof Error ? e.message : String(e), ms }));
        }
      });
    },
    cancel(): void {
      if (!pending) return;
      kill();
      finish((ms) => ({ kind: 'cancelled', ms }));
    },
    get busy() {
      return pending !== null;
    },
    dispose(): void {
      this.cancel();
      kill();
    },
  };
}

/** The browser's timers. */
export const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
