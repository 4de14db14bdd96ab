import { describe, expect, it } from 'vitest';
import { limitedWorker } from '../../../src/state/workers/limited';
import type { Timers, WorkerLike } from '../../../src/state/workers/limited';

/** A worker that answers only when told to, and a clock that moves only when told to. */
function setup() {
  const workers: (WorkerLike & { sent: unknown[]; terminated: boolean })[] = [];
  const spawn = (): WorkerLike => {
    const w = { sent: [] as unknown[], terminated: false, onmessage: null, onerror: null, postMessage: (m: unknown) => void w.sent.push(m), terminate: () => void (w.terminated = true) } as WorkerLike & { sent: unknown[]; terminated: boolean };
    workers.push(w);
    return w;
  };
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const clock: Timers = {
    set: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clear: (h) => void (timers = timers.filter((t) => t.id !== h)),
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers = timers.filter((x) => x !== t);
      t.fn();
    }
  };
  return { runner: limitedWorker(spawn, clock, () => now), workers, advance };
}

describe('limitedWorker (a worker with a time limit and a cancel)', () => {
  it('answers with the worker\'s reply and keeps the same worker for the next request', async () => {
    const { runner, workers, advance } = setup();
    const p = runner.run<string>('q1', 2000);
    advance(10);
    workers[0]!.onmessage!({ data: 'a1' });
    expect(await p).toEqual({ kind: 'done', value: 'a1', ms: 10 });
    const p2 = runner.run<string>('q2', 2000);
    workers[0]!.onmessage!({ data: 'a2' });
    expect((await p2).kind).toBe('done');
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent).toEqual(['q1', 'q2']);
  });

  it('terminates a request at its limit and starts a fresh worker for the next', async () => {
    const { runner, workers, advance } = setup();
    const p = runner.run('slow', 2000);
    advance(1999);
    expect(runner.busy).toBe(true);
    advance(1);
    expect(await p).toEqual({ kind: 'limit', ms: 2000 });
    expect(workers[0]!.terminated).toBe(true);
    // A late answer from the terminated worker is ignored.
    workers[0]!.onmessage!({ data: 'late' });
    const p2 = runner.run('next', 2000);
    expect(workers).toHaveLength(2);
    workers[1]!.onmessage!({ data: 'ok' });
    expect(await p2).toMatchObject({ kind: 'done', value: 'ok' });
  });

  it('cancel stops the running request; a newer request supersedes an older one', async () => {
    const { runner, workers } = setup();
    const p = runner.run('a', 2000);
    runner.cancel();
    expect((await p).kind).toBe('cancelled');
    expect(workers[0]!.terminated).toBe(true);
    const p1 = runner.run('b', 2000);
    const p2 = runner.run('c', 2000);
    expect((await p1).kind).toBe('superseded');
    workers[2]!.onmessage!({ data: 'c!' });
    expect(await p2).toMatchObject({ kind: 'done', value: 'c!' });
  });

  it('a worker error fails the request instead of hanging it', async () => {
    const { runner, workers } = setup();
    const p = runner.run('x', 2000);
    workers[0]!.onerror!({ message: 'boom' });
    expect(await p).toMatchObject({ kind: 'failed', message: 'boom' });
    expect(runner.busy).toBe(false);
  });
});
