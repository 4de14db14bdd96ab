/**
 * Row 3 of bench/browser.ts: dragging one node among 500 (10 chains of 50, every collapsed group opened, fit view, so
 * every node is a far node), and issue 12's "dragged node's own move gap".
 *
 * The mouse is driven two ways, each on the app and on a floor page (one div that a mousemove handler moves: the least
 * any page can do), so each run shows what the input itself allows:
 *   - awaited: Playwright's `mouse.move(…, { steps })`, the row kept from before. Each step waits until the renderer
 *     has handled it, which is ~16.7-17.5 ms even on the floor page, so the steps arrive a little slower than the
 *     frames and every ~20th frame has no new step to show (a 33 ms move gap that is the input's, not the page's);
 *   - steady: a move every 8 ms, as a 125 Hz USB mouse reports, sent over CDP without waiting for the page (Chromium
 *     queues them and hands the page one coalesced move per frame, as it does for a real mouse). Every frame then has a
 *     move to show, so a frame without one is the page's doing.
 * In the page, a rAF loop records each frame's time and whether the dragged element's transform changed since the
 * last frame (`moves`); the move gap is the gap between such frames.
 */
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import type { TraceEvent } from './big';
import { traceEvents } from './big';
import { percentile } from './measure';

type NewPage = (seed: string | null) => Promise<{ context: BrowserContext; page: Page }>;
export type Driver = 'awaited' | 'steady';

export interface DragRun {
  /** rAF gaps from pointerdown to the first frame after pointerup: p95 and max. */
  p95: number;
  max: number;
  frames: number;
  durationMs: number;
  /** Gaps between frames in which the dragged node had moved (what the eye sees), p95. */
  movedP95: number;
  moved: number;
  /** Mean time per mouse event sent. */
  stepMs: number;
  idleP95: number;
}

export interface DragCpu {
  steps: number;
  main: number;
  script: number;
  styleLayout: number;
  paint: number;
  layerize: number;
  hitTest: number;
  gc: number;
  raster: number;
}

export interface DragFigures {
  zoom: number;
  runs: Record<Driver, DragRun[]>;
  floor: Record<Driver, DragRun[]>;
  cpu: DragCpu;
}

interface DragProbe {
  __drag: { frames: number[]; moves: number[]; stop: boolean; down: number; up: number };
}
const NODE = '.react-flow__node[data-disk="vde"][data-position="25"]';
const FLOOR = '#floor-box';
/** Awaited driver: Playwright steps. */
export const STEPS = 60;
/** Steady driver: one move per MOUSE_MS (125 Hz), MOUSE_MOVES of them (~1 s, like the awaited drag). */
export const MOUSE_MS = 8;
export const MOUSE_MOVES = 120;
const DX = 160;
const DY = 90;

/** Long chains are drawn collapsed (core/collapse.ts); the drag rows are of all 500 nodes drawn, so open every group. */
async function drawAll(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: 'Draw all' });
  await buttons.first().waitFor();
  for (let n = await buttons.count(); n > 0; n = await buttons.count()) await buttons.first().dispatchEvent('click');
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** A mouse as the OS reports one: a move every MOUSE_MS, whether or not the page has shown the last one. */
async function steadyDrag(cdp: CDPSession, x: number, y: number, dir: number): Promise<void> {
  const ev = (type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', px: number, py: number, buttons: number) =>
    cdp.send('Input.dispatchMouseEvent', { type, x: px, y: py, button: 'left', buttons, clickCount: type === 'mouseMoved' ? 0 : 1 });
  await ev('mouseMoved', x, y, 0);
  await ev('mousePressed', x, y, 1);
  const sent: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= MOUSE_MOVES; i++) {
    const wait = t0 + i * MOUSE_MS - performance.now();
    if (wait > 0) await sleep(wait);
    sent.push(ev('mouseMoved', x + (dir * DX * i) / MOUSE_MOVES, y + (dir * DY * i) / MOUSE_MOVES, 1));
  }
  await Promise.all(sent);
  await ev('mouseReleased', x + dir * DX, y + dir * DY, 0);
}

async function awaitedDrag(page: Page, x: number, y: number, dir: number): Promise<void> {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dir * DX, y + dir * DY, { steps: STEPS });
  await page.mouse.up();
}

/** One drag of `sel` with `driver`, measured by a rAF loop in the page. */
async function dragOnce(page: Page, cdp: CDPSession, sel: string, driver: Driver, dir: number): Promise<DragRun> {
  const box = await page.locator(sel).boundingBox();
  if (!box) throw new Error(`drag bench: ${sel} not on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.evaluate((s) => {
    const w = window as unknown as DragProbe;
    const el = document.querySelector<HTMLElement>(s)!;
    w.__drag = { frames: [], moves: [], stop: false, down: 0, up: 0 };
    const d = w.__drag;
    let last = el.style.transform;
    const loop = (t: number): void => {
      d.frames.push(t);
      const now = el.style.transform;
      if (now !== last) d.moves.push(t);
      last = now;
      if (!d.stop) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    addEventListener('pointerdown', () => (d.down = performance.now()), { capture: true, once: true });
    addEventListener('pointerup', () => (d.up = performance.now()), { capture: true, once: true });
  }, sel);
  await page.waitForTimeout(300); // idle frames, for the baseline
  if (driver === 'steady') await steadyDrag(cdp, x, y, dir);
  else await awaitedDrag(page, x, y, dir);
  await page.waitForTimeout(100);
  const moved = await page.locator(sel).boundingBox();
  if (!moved || Math.abs(moved.x - box.x) < DX / 2) throw new Error(`drag bench: ${sel} did not follow the mouse (${box.x} -> ${moved?.x})`);
  const r = await page.evaluate(() => {
    const d = (window as unknown as DragProbe).__drag;
    d.stop = true;
    return d;
  });
  const gapsOf = (ts: readonly number[]): number[] => ts.slice(1).map((t, i) => t - ts[i]!);
  // Frames from the pointerdown to the first frame after the pointerup (the drop's own work included).
  const after = r.frames.find((t) => t > r.up) ?? r.up;
  const gaps = gapsOf(r.frames.filter((t) => t >= r.down && t <= after));
  const movedGaps = gapsOf(r.moves.filter((t) => t >= r.down && t <= after));
  return {
    p95: percentile(gaps, 95),
    max: Math.max(...gaps),
    frames: gaps.length,
    durationMs: r.up - r.down,
    movedP95: percentile(movedGaps, 95),
    moved: movedGaps.length + 1,
    stepMs: (r.up - r.down) / (driver === 'steady' ? MOUSE_MOVES : STEPS),
    idleP95: percentile(gapsOf(r.frames.filter((t) => t < r.down)), 95),
  };
}

/** `runs` drags per driver (after one warm-up each), alternating direction so the element stays in view. */
async function dragRuns(page: Page, sel: string, runs: number): Promise<Record<Driver, DragRun[]>> {
  const cdp = await page.context().newCDPSession(page);
  const out: Record<Driver, DragRun[]> = { awaited: [], steady: [] };
  for (const driver of ['awaited', 'steady'] as const) {
    for (let run = -1; run < runs; run++) {
      const r = await dragOnce(page, cdp, sel, driver, run % 2 === 0 ? -1 : 1);
      if (run >= 0) out[driver].push(r);
      await page.waitForTimeout(400);
    }
  }
  await cdp.detach();
  return out;
}

/** The floor: a page whose only work per mouse move is one transform. */
async function floorRuns(open: NewPage, runs: number): Promise<Record<Driver, DragRun[]>> {
  const { context, page } = await open(null);
  await page.setContent(
    `<div id="floor-box" style="position:absolute;left:500px;top:300px;width:120px;height:60px;background:#8aa"></div>
     <script>
       const box = document.getElementById('floor-box');
       let from = null;
       box.addEventListener('pointerdown', (e) => { from = { x: e.clientX, y: e.clientY }; box.setPointerCapture(e.pointerId); });
       box.addEventListener('pointermove', (e) => { if (from) box.style.transform = 'translate(' + (e.clientX - from.x) + 'px,' + (e.clientY - from.y) + 'px)'; });
       box.addEventListener('pointerup', () => { from = null; box.style.left = box.getBoundingClientRect().left + 'px'; box.style.top = box.getBoundingClientRect().top + 'px'; box.style.transform = ''; });
     </script>`,
  );
  await page.evaluate('globalThis.__name = (f) => f');
  const out = await dragRuns(page, FLOOR, runs);
  await context.close();
  return out;
}

export async function measureDrag(browser: Browser, open: NewPage, url: string, seed: string, runs: number): Promise<DragFigures> {
  const { context, page } = await open(seed);
  await page.goto(url);
  await page.waitForFunction(() => (window as { __bench?: { firstFrame: number | null } }).__bench?.firstFrame != null);
  await drawAll(page);
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node[data-disk]').length === 500);
  await page.waitForTimeout(700); // fitView on load (200 ms animation) and autosave settle
  const zoom = await page.evaluate(() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a);
  const measured = await dragRuns(page, NODE, runs);
  const cpu = await tracedDrag(browser, page);
  await context.close();
  return { zoom, runs: measured, floor: await floorRuns(open, runs), cpu };
}

/** Thread CPU time (trace `tdur`) per mouse step of one more (awaited) drag, renderer main thread split by kind of work. */
async function tracedDrag(browser: Browser, page: Page): Promise<DragCpu> {
  const box = await page.locator(NODE).boundingBox();
  if (!box) throw new Error('drag bench: node not on screen');
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.gc'] });
  await awaitedDrag(page, box.x + box.width / 2, box.y + box.height / 2, 1);
  const events = traceEvents(await browser.stopTracing());
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent): string => threads.get(`${e.pid}:${e.tid}`) ?? '';
  const moves = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'mousemove');
  if (moves.length === 0) throw new Error('drag trace: no mousemove dispatch recorded');
  const mainPid = moves[0]!.pid;
  const from = Math.min(...moves.map((e) => e.ts));
  const to = Math.max(...moves.map((e) => e.ts + (e.dur ?? 0)));
  const sum = new Map<string, number>();
  const add = (k: string, us: number | undefined): void => void sum.set(k, (sum.get(k) ?? 0) + (us ?? 0));
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < from || e.ts > to || e.pid !== mainPid) continue;
    const t = thread(e);
    if (t === 'CrRendererMain') {
      if (e.name === 'ThreadControllerImpl::RunTask') add('main', e.tdur);
      else if (e.name === 'FunctionCall' || e.name === 'RunMicrotasks') add('script', e.tdur);
      else if (e.name === 'UpdateLayoutTree' || e.name === 'Layout') add('styleLayout', e.tdur);
      else if (e.name === 'Paint' || e.name === 'PrePaint') add('paint', e.tdur);
      else if (e.name === 'Layerize') add('layerize', e.tdur);
      else if (e.name === 'HitTest') add('hitTest', e.tdur);
      else if (e.name === 'MinorGC' || e.name === 'MajorGC') add('gc', e.tdur);
    } else if (t.startsWith('ThreadPoolForegroundWorker') || t.startsWith('CompositorTileWorker')) {
      if (e.name === 'ThreadPool_RunTask' || e.name === 'ThreadControllerImpl::RunTask') add('raster', e.tdur);
    }
  }
  const per = (k: string): number => (sum.get(k) ?? 0) / 1000 / moves.length;
  return {
    steps: moves.length,
    main: per('main'),
    script: per('script'),
    styleLayout: per('styleLayout'),
    paint: per('paint'),
    layerize: per('layerize'),
    hitTest: per('hitTest'),
    gc: per('gc'),
    raster: per('raster'),
  };
}
