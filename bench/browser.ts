/**
 * Browser figures for `npm run bench` (and `npm run bench:browser` alone):
 * the production build (`vite build` into a temp dir, served by a small
 * node:http static server) in headless Chromium (Debian's, via Playwright).
 *
 *   1. load -> first graph node in the DOM, default example
 *   2. end of typing -> graph updated, 100-level chain, minus the 250 ms idle delay
 *   3. frame gaps (p95) while dragging one node among 500
 *   4. gzip size of the entry chunk, of the JS loaded up front, of all JS
 *
 * Every in-page time is taken with performance.now() in the page (its origin
 * is the navigation start), so no Node <-> browser clock offset enters.
 *   5. issue 12 (./big.ts): paste -> graph and the longest main-thread task for big documents, the worst XPath query
 *
 * Row 3 is in ./drag.ts (two mouse drivers and a floor page). Env: BENCH_ONLY=big (only 3 and 5; =xpath: 3 and the XPath row; =drag: 3 only), BENCH_BIG_RUNS (default 3), BENCH_BROWSER_RUNS (default 7, at least 5), CHROMIUM_PATH, BENCH_KEEP_DIST=1 (keep the
 * temp build), BENCH_DIST=dir (measure an existing build instead, e.g. a patched copy).
 */
import { CHROMIUM_ARGS as SHARED_CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';
import { APPLY_IDLE_MS } from '../src/state/timing';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { libvirtChain } from './cases';
import { BIG_RUNS, bigReport, measurePastes, measureRestores, measureWorstXpath, traceEvents } from './big';
import { MOUSE_MOVES, MOUSE_MS, STEPS, measureDrag } from './drag';
import type { DragRun } from './drag';
import type { TraceEvent, XpathRun } from './big';
import { bigDocs } from './bigDocs';
import { median } from './measure';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(5, Number(process.env.BENCH_BROWSER_RUNS ?? 7));
const SESSION_KEY = 'strata.session';
const VIEWPORT = { width: 1280, height: 800 };
const CHROMIUM_ARGS = [
  ...SHARED_CHROMIUM_ARGS,
  // Keep rAF and timers at full rate in a headless page.
  '--disable-renderer-backgrounding',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
];

const TARGET = { applyMs: 50, dragP95Ms: 20, mainGzipKB: 300 } as const;

// ---- inputs ---------------------------------------------------------------------

function session(text: string): string {
  return JSON.stringify({ format: 'strata-session', version: 1, text, dragged: {}, view: { theme: 'light' } });
}

/** 10 disks (vda..vdj) x 50-level libvirt chains = 500 source nodes in one <domain>. */
function tenChains(depth = 50): string {
  const disks: string[] = [];
  for (let d = 0; d < 10; d++) {
    const dev = `vd${String.fromCharCode(97 + d)}`;
    const disk = libvirtChain(depth)
      .replace("dev='vda'", `dev='${dev}'`)
      .replaceAll('/images/', `/images/${dev}/`)
      .trimEnd()
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    disks.push(disk);
  }
  return [
    "<domain type='kvm'>",
    '  <name>bench</name>',
    '  <uuid>0f8e9c3e-61a4-4f57-9bd3-2f0a2b1c7d55</uuid>',
    "  <memory unit='KiB'>2097152</memory>",
    '  <os>',
    "    <type arch='x86_64' machine='q35'>hvm</type>",
    '  </os>',
    '  <devices>',
    ...disks,
    '  </devices>',
    '</domain>',
    '',
  ].join('\n');
}

// ---- build and serve ------------------------------------------------------------

function buildProduction(outDir: string): number {
  const t0 = performance.now();
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return performance.now() - t0;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A static file server for the build (like `vite preview`: no compression, SPA fallback to index.html). */
async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep) && file !== dir) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

// ---- 4. bundle size -------------------------------------------------------------

interface Sizes {
  entry: { file: string; raw: number; gzip: number };
  /** Every JS file: name without the hash, gzip bytes, loaded up front or not. */
  chunks: { name: string; gzip: number; upFront: boolean }[];
  initialGzip: number;
  initialFiles: number;
  allGzip: number;
  allRaw: number;
  allFiles: number;
}

function bundleSizes(dir: string): Sizes {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const entryHref = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  if (!entryHref) throw new Error('no entry <script type="module"> in index.html');
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const gz = (file: string): { raw: number; gzip: number } => {
    const buf = readFileSync(join(dir, file));
    return { raw: buf.length, gzip: gzipSync(buf).length };
  };
  const entry = { file: entryHref.replace(/^\//, ''), ...gz(entryHref) };
  const initial = [entryHref, ...preloads].map(gz);
  const files = readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  const js = files.map((f) => gz(join('assets', f)));
  const upFront = new Set([entryHref, ...preloads].map((h) => h.replace(/^.*\//, '')));
  const chunks = files
    .map((f, i) => ({ name: f.replace(/-[\w-]{8}\.js$/, ''), gzip: js[i]!.gzip, upFront: upFront.has(f) }))
    .sort((a, b) => b.gzip - a.gzip);
  return {
    entry,
    chunks,
    initialGzip: initial.reduce((s, x) => s + x.gzip, 0),
    initialFiles: initial.length,
    allGzip: js.reduce((s, x) => s + x.gzip, 0),
    allRaw: js.reduce((s, x) => s + x.raw, 0),
    allFiles: js.length,
  };
}

// ---- in-page instrumentation ----------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
type Win = any;

/** Seeds the session (when given) and records when the first source node appears. */
function initScript(arg: { key: string; value: string | null }): void {
  if (arg.value !== null) localStorage.setItem(arg.key, arg.value);
  const w = window as Win;
  const b = (w.__bench = { firstNode: null as number | null, firstFrame: null as number | null });
  const mo = new MutationObserver(() => {
    if (b.firstNode !== null || !document.querySelector('.react-flow__node[data-position]')) return;
    b.firstNode = performance.now();
    mo.disconnect();
    requestAnimationFrame(() => {
      b.firstFrame = performance.now();
    });
  });
  mo.observe(document, { childList: true, subtree: true });
}

/**
 * For the typing case: timestamps of every text input event, and of the
 * 250 ms idle timer the XML pane arms (setTimeout is wrapped, the app is not
 * touched): when it was armed, when it fired, when its callback returned.
 */
function typingProbe(idleMs: number): void {
  const w = window as Win;
  const p = (w.__typing = { inputs: [] as number[], idle: [] as { armed: number; fired: number | null; done: number | null }[] });
  addEventListener(
    'beforeinput',
    () => {
      p.inputs.push(performance.now());
      performance.mark('bench:input'); // for the traced run
    },
    true,
  );
  const orig = window.setTimeout.bind(window);
  (window as Win).setTimeout = (fn: (...a: unknown[]) => void, delay?: number, ...args: unknown[]): number => {
    if (delay !== idleMs || typeof fn !== 'function') return orig(fn, delay, ...args);
    const rec = { armed: performance.now(), fired: null as number | null, done: null as number | null };
    p.idle.push(rec);
    return orig(() => {
      rec.fired = performance.now();
      try {
        fn(...args);
      } finally {
        rec.done = performance.now();
      }
    }, delay);
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

async function newPage(browser: Browser, seed: string | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  // tsx (esbuild keepNames) wraps named inner functions in __name(); functions sent to the page need it too.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await context.addInitScript(initScript, { key: SESSION_KEY, value: seed });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('close', () => {
    if (errors.length > 0) console.warn(`page errors: ${errors.join('; ')}`);
  });
  return { context, page };
}

const waitFirstFrame = (page: Page) => page.waitForFunction(() => (window as { __bench?: { firstFrame: number | null } }).__bench?.firstFrame != null);

// ---- 1. load -> first graph -----------------------------------------------------

interface LoadRun {
  firstNode: number;
  firstFrame: number;
  responseEnd: number;
  domContentLoaded: number;
  fcp: number | null;
}

async function measureLoad(browser: Browser, url: string): Promise<LoadRun> {
  const { context, page } = await newPage(browser, null);
  await page.goto(url);
  await waitFirstFrame(page);
  const r = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    const b = (window as unknown as { __bench: { firstNode: number; firstFrame: number } }).__bench;
    return { firstNode: b.firstNode, firstFrame: b.firstFrame, responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : null };
  });
  await context.close();
  return r;
}

// ---- 2. typing -> graph ---------------------------------------------------------

interface TypingRun {
  total: number;
  /** Last input event -> idle timer armed (CodeMirror reads the input, setDraft). */
  toArmed: number;
  /** Timer armed -> fired, minus the nominal 250 ms (timer lateness). */
  late: number;
  /** Idle callback: applyDraft + every synchronous store subscriber. */
  apply: number;
  /** Callback returned -> source title changed in the graph DOM (React render + commit). */
  render: number;
}

async function measureTyping(browser: Browser, url: string, runs: number): Promise<{ runs: TypingRun[]; cpu: { main: number; script: number } }> {
  const depth = 100;
  const { context, page } = await newPage(browser, session(libvirtChain(depth)));
  await page.addInitScript(typingProbe, APPLY_IDLE_MS);
  await page.goto(url);
  await waitFirstFrame(page);
  // Off-screen nodes are not in the DOM (onlyRenderVisibleElements): the top shows once the caret is in it, below.
  await page.waitForSelector('.react-flow__node[data-position]');
  // Caret after "layer99" on line 3: `  <source file='/images/layer99.qcow2'/>`.
  await page.locator('.cm-content .cm-line').nth(2).click();
  await page.keyboard.press('End');
  for (let i = 0; i < ".qcow2'/>".length; i++) await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(800); // the graph centres on the node the caret entered (250 ms animation)
  await page.waitForSelector('.react-flow__node[data-disk="vda"][data-position="0"]');

  let typed = '';
  const typeOnce = async (chunk: string): Promise<TypingRun> => {
    typed += chunk;
    const want = `/images/layer${depth - 1}${typed}.qcow2`;
    await page.evaluate(() => {
      const t = (window as unknown as { __typing: { inputs: number[]; idle: unknown[] } }).__typing;
      t.inputs.length = 0;
      t.idle.length = 0;
    });
    const done = page.evaluate(
      (w) =>
        new Promise<number>((ok, fail) => {
          setTimeout(() => fail(new Error(`typing bench: the graph never showed ${w}`)), 10_000);
          const sel = '.react-flow__node[data-disk="vda"][data-position="0"] .sn-source';
          const check = (): boolean => {
            if (document.querySelector(sel)?.getAttribute('title') !== w) return false;
            performance.mark('bench:graph');
            ok(performance.now());
            return true;
          };
          if (check()) return;
          const mo = new MutationObserver(() => check() && mo.disconnect());
          mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['title'] });
        }),
      want,
    );
    // Keystrokes ~40 ms apart: under the idle delay, like steady typing.
    for (const ch of chunk) {
      await page.keyboard.insertText(ch);
      await page.waitForTimeout(40);
    }
    const shownAt = await done;
    const t = await page.evaluate(() => (window as unknown as { __typing: { inputs: number[]; idle: { armed: number; fired: number; done: number }[] } }).__typing);
    const last = t.inputs[t.inputs.length - 1]!;
    // The apply timer: armed by the last keystroke, its callback over before the graph changed.
    const idle = t.idle.filter((x) => x.armed >= last && x.done !== null && x.done <= shownAt).at(-1);
    if (!idle) throw new Error('typing bench: the 250 ms idle timer was not seen after the last keystroke');
    await page.waitForTimeout(450); // autosave (300 ms) and any animation settle
    return {
      total: shownAt - last - APPLY_IDLE_MS,
      toArmed: idle.armed - last,
      late: idle.fired - idle.armed - APPLY_IDLE_MS,
      apply: idle.done - idle.fired,
      render: shownAt - idle.done,
    };
  };

  await typeOnce('-w0'); // warm-up
  const out: TypingRun[] = [];
  for (let run = 0; run < runs; run++) out.push(await typeOnce(`-${String.fromCharCode(97 + (run % 26))}${run % 10}`));

  // One more, traced: renderer main-thread CPU from the last keystroke to the graph update.
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink.user_timing'] });
  await typeOnce('-tr');
  const events = traceEvents(await browser.stopTracing());
  const marks = (name: string): number[] => events.filter((e) => e.name === name && e.cat?.includes('user_timing')).map((e) => e.ts);
  const graphAt = Math.max(...marks('bench:graph'));
  const lastInput = Math.max(...marks('bench:input').filter((ts) => ts < graphAt));
  if (!Number.isFinite(graphAt) || !Number.isFinite(lastInput)) throw new Error('typing trace: user timing marks missing');
  const main = mainThreadCpu(events, lastInput, graphAt);
  await context.close();
  return { runs: out, cpu: { main: main.all / 1000, script: main.script / 1000 } };
}


/** Thread CPU (µs) of the renderer main thread's tasks inside [from, to] (trace clock), pro rata for tasks cut by the edges. */
function mainThreadCpu(events: readonly TraceEvent[], from: number, to: number): { all: number; script: number } {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let all = 0;
  let script = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !main.has(`${e.pid}:${e.tid}`)) continue;
    const overlap = Math.min(to, e.ts + e.dur) - Math.max(from, e.ts);
    if (overlap <= 0) continue;
    const share = ((e.tdur ?? 0) * overlap) / e.dur;
    if (e.name === 'ThreadControllerImpl::RunTask') all += share;
    else if (e.name === 'FunctionCall' || e.name === 'RunMicrotasks') script += share;
  }
  return { all, script };
}

// ---- report ---------------------------------------------------------------------

const f1 = (x: number): string => x.toFixed(1);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const med = <T>(rs: readonly T[], k: keyof T): number => median(rs.map((r) => r[k] as number));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export async function runBrowserBench(): Promise<{ missed: string[] }> {
  const executablePath = CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    console.log(`\nBrowser figures skipped: no Chromium at ${executablePath} (set CHROMIUM_PATH).`);
    return { missed: ['browser figures (no Chromium)'] };
  }
  const prebuilt = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : null;
  const outDir = prebuilt ?? mkdtempSync(join(tmpdir(), 'strata-bench-dist-'));
  let server: Awaited<ReturnType<typeof serve>> | null = null;
  let browser: Browser | null = null;
  try {
    const load0 = loadavg()[0]!;
    const buildMs = prebuilt ? 0 : buildProduction(outDir);
    const sizes = bundleSizes(outDir);
    server = await serve(outDir);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

    // A throw-away load first: cold disk caches and Chromium's own first-page work.
    await measureLoad(browser, server.url);
    const onlyBig = process.env.BENCH_ONLY === 'big' || process.env.BENCH_ONLY === 'xpath' || process.env.BENCH_ONLY === 'drag';
    const onlyDrag = process.env.BENCH_ONLY === 'drag';
    const loads: LoadRun[] = [];
    for (let i = 0; i < (onlyBig ? 1 : RUNS); i++) loads.push(await measureLoad(browser, server.url));
    const { runs: typing, cpu: typingCpu } = await measureTyping(browser, server.url, onlyBig ? 1 : RUNS);
    const b = browser;
    const open = (seed: string | null) => newPage(b, seed);
    const drag = await measureDrag(browser, open, server.url, session(tenChains()), RUNS);
    const { cpu } = drag;
    const drags = drag.runs.awaited;
    const steady = drag.runs.steady;
    const pastes = process.env.BENCH_ONLY === 'xpath' || onlyDrag ? [] : await measurePastes(browser, open, server.url);
    const restores = process.env.BENCH_ONLY === 'xpath' || onlyDrag ? [] : await measureRestores(browser, open, server.url);
    const xpaths: XpathRun[] = [];
    for (let i = 0; i < (onlyDrag ? 0 : BIG_RUNS); i++) xpaths.push(await measureWorstXpath(open, server.url, session(bigDocs.disks300().text)));

    const apply = med(typing, 'total');
    const dragP95 = med(drags, 'p95');
    const movedP95 = med(drags, 'movedP95');
    const steadyP95 = med(steady, 'p95');
    const steadyMovedP95 = med(steady, 'movedP95');
    // Awaited steps are paced by the page's own answer to each (drag.ts), so their move gap is shown beside the floor
    // page's, as information; the target is the move gap under a mouse that does not wait (the 125 Hz rows).
    const floorMovedP95 = med(drag.floor.awaited, 'movedP95');
    const mainKB = sizes.entry.gzip / 1024;
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
    const missed: string[] = [];
    if (apply >= TARGET.applyMs) missed.push(`apply after idle ${f1(apply)} ms`);
    if (dragP95 >= TARGET.dragP95Ms) missed.push(`drag rAF frame gap p95 ${f1(dragP95)} ms`);
    if (steadyP95 >= TARGET.dragP95Ms) missed.push(`drag, mouse at ${1000 / MOUSE_MS} Hz: rAF frame gap p95 ${f1(steadyP95)} ms`);
    if (steadyMovedP95 >= TARGET.dragP95Ms) missed.push(`drag, mouse at ${1000 / MOUSE_MS} Hz: gap between frames that show the node moved, p95 ${f1(steadyMovedP95)} ms`);
    if (mainKB >= TARGET.mainGzipKB) missed.push(`main chunk ${f1(mainKB)} KB gzip`);
    const range = (xs: number[]): string => `${f1(Math.min(...xs))} .. ${f1(Math.max(...xs))}`;

    const rows = [
      ['browser figure', 'median', 'target', 'result', 'runs: min .. max'],
      ['1. load -> first graph node in DOM, default example', `${f1(med(loads, 'firstNode'))} ms`, '-', 'info', range(loads.map((l) => l.firstNode))],
      ['2. typing -> graph, 100-node chain, apply after idle', `${f1(apply)} ms`, `< ${TARGET.applyMs} ms`, verdict(apply < TARGET.applyMs), range(typing.map((t) => t.total))],
      ['3. drag 1 of 500 nodes: rAF frame gap p95', `${f1(dragP95)} ms`, `< ${TARGET.dragP95Ms} ms`, verdict(dragP95 < TARGET.dragP95Ms), range(drags.map((d) => d.p95))],
      ['   same drag: gap between frames showing a move, p95', `${f1(movedP95)} ms`, `floor ${f1(floorMovedP95)}`, 'info', range(drags.map((d) => d.movedP95))],
      [`   mouse at ${1000 / MOUSE_MS} Hz (not awaited): rAF frame gap p95`, `${f1(steadyP95)} ms`, `< ${TARGET.dragP95Ms} ms`, verdict(steadyP95 < TARGET.dragP95Ms), range(steady.map((d) => d.p95))],
      [`   mouse at ${1000 / MOUSE_MS} Hz: gap between frames showing a move, p95`, `${f1(steadyMovedP95)} ms`, `< ${TARGET.dragP95Ms} ms`, verdict(steadyMovedP95 < TARGET.dragP95Ms), range(steady.map((d) => d.movedP95))],
      [`4. main (entry) chunk gzip, ${sizes.entry.file}`, kb(sizes.entry.gzip), `< ${TARGET.mainGzipKB} KB`, verdict(mainKB < TARGET.mainGzipKB), `raw ${kb(sizes.entry.raw)}`],
      [`   JS loaded up front (entry + ${sizes.initialFiles - 1} modulepreloads) gzip`, kb(sizes.initialGzip), '-', 'info', ''],
      [`   all JS (${sizes.allFiles} files) gzip`, kb(sizes.allGzip), '-', 'info', `raw ${kb(sizes.allRaw)}`],
    ];
    console.log(
      `\nBrowser: Chromium ${browser.version()} headless, --disable-gpu, ${VIEWPORT.width}x${VIEWPORT.height}; production build ${prebuilt ? `from BENCH_DIST=${prebuilt}` : `(vite build, ${f1(buildMs / 1000)} s)`} served by node:http; median of ${RUNS} runs after 1 warm-up; ${cpus().length} CPUs, load average ${load0.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)} (other processes skew wall-clock figures; the traced CPU times much less)`,
    );
    console.log(table(rows));
    const L = loads;
    const fcps = L.flatMap((l) => (l.fcp === null ? [] : [l.fcp]));
    console.log(
      `  1: ms after navigation start: responseEnd ${f1(med(L, 'responseEnd'))}, DOMContentLoaded ${f1(med(L, 'domContentLoaded'))}, first contentful paint ${fcps.length > 0 ? f1(median(fcps)) : 'n/a'}, first node ${f1(med(L, 'firstNode'))}, next frame ${f1(med(L, 'firstFrame'))}`,
    );
    console.log(
      `  2: last keystroke -> 250 ms idle timer armed ${f1(med(typing, 'toArmed'))} ms; timer late ${f1(med(typing, 'late'))} ms; idle callback (applyDraft + store subscribers) ${f1(med(typing, 'apply'))} ms; callback end -> graph DOM updated ${f1(med(typing, 'render'))} ms; traced extra run: renderer main-thread CPU from the last keystroke to the graph update ${f1(typingCpu.main)} ms (script ${f1(typingCpu.script)})`,
    );
    const fl = drag.floor;
    const dragLine = (what: string, rs: readonly DragRun[], n: number, unit: string): string =>
      `${what}: ${n} ${unit} took ${f1(med(rs, 'durationMs'))} ms (${f1(med(rs, 'stepMs'))} ms each); ${f1(med(rs, 'frames'))} frames, ${f1(med(rs, 'moved'))} showed a move; max rAF gap ${f1(med(rs, 'max'))} ms`;
    console.log(
      [
        `  3: zoom ${drag.zoom.toFixed(3)} (fit view: all 500 nodes on screen); idle rAF p95 before the drags ${f1(med(drags, 'idleP95'))} ms`,
        `  3: ${dragLine('awaited Playwright steps', drags, STEPS, 'steps')}`,
        `  3: ${dragLine(`mouse at ${1000 / MOUSE_MS} Hz`, steady, MOUSE_MOVES, 'moves')}`,
        `  3: floor (a page that only moves one div on pointermove), move gap p95: awaited steps ${f1(med(fl.awaited, 'movedP95'))} ms (${f1(med(fl.awaited, 'stepMs'))} ms per step, range ${range(fl.awaited.map((d) => d.movedP95))}); mouse at ${1000 / MOUSE_MS} Hz ${f1(med(fl.steady, 'movedP95'))} ms (range ${range(fl.steady.map((d) => d.movedP95))})`,
        '     (an awaited step is answered only once the renderer has handled it, a little slower than a frame, so some frames have no new step to show; a real mouse does not wait)',
      ].join('\n'),
    );
    console.log(
      `  3: traced extra drag, CPU per mouse step: renderer main thread ${f1(cpu.main)} ms (script ${f1(cpu.script)}, style+layout ${f1(cpu.styleLayout)}, paint ${f1(cpu.paint)}, layerize ${f1(cpu.layerize)}, hit test ${f1(cpu.hitTest)}, GC ${f1(cpu.gc)}); raster workers ${f1(cpu.raster)} ms`,
    );
    console.log(`  4: gzip (node:zlib, level 6) per chunk: ${sizes.chunks.map((c) => `${c.name} ${f1(c.gzip / 1024)}${c.upFront ? '' : ' (lazy)'}`).join(', ')} KB`);
    const idleP95 = med(drags, 'idleP95');
    const load1 = Math.max(load0, loadavg()[0]!);
    if (idleP95 > 18 || load1 > cpus().length) {
      console.log(
        `  WARNING: the machine is busy (load average up to ${load1.toFixed(1)} on ${cpus().length} CPUs; an idle page's rAF p95 was ${f1(idleP95)} ms): the wall-clock figures 1-3 are inflated; compare the traced CPU times, or run again when the machine is idle.`,
      );
    }
    console.log(`\n5. Big documents (issue 12), median of ${BIG_RUNS} runs; drag among 500 nodes: rAF gap p95 ${f1(dragP95)} ms, the dragged node's own move gap p95 ${f1(steadyMovedP95)} ms with the mouse at ${1000 / MOUSE_MS} Hz (${f1(movedP95)} ms with awaited steps)\n${bigReport(pastes, xpaths, restores)}`);
    console.log(missed.length > 0 ? `Browser targets missed: ${missed.join('; ')}.` : 'All browser targets met.');
    return { missed };
  } finally {
    await browser?.close();
    await server?.close();
    if (prebuilt === null) {
      if (process.env.BENCH_KEEP_DIST) console.log(`build kept in ${outDir}`);
      else rmSync(outDir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await runBrowserBench();
}
