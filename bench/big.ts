/**
 * Issue 12's browser rows (bench/browser.ts runs them beside its own):
 *   - paste (a real paste event) -> the graph shows the pasted document, and the
 *     longest renderer main-thread task from the paste until 1 s after that,
 *     for the big documents and the 3-disk domain in the same run;
 *   - the same documents restored at start-up: pasted, autosaved, the page
 *     reloaded; reload -> graph, and the longest task from the navigation
 *     until 1 s after the graph shows (the 3-disk domain again the baseline);
 *   - the worst XPath query on the 300-disk domain: frame gaps while it runs,
 *     how long until the address bar answers, and what it says.
 * Longest tasks come from a Chromium trace (`ThreadControllerImpl::RunTask` on
 * CrRendererMain, wall duration), so tasks under 50 ms count too and a Web
 * Worker's own thread does not.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { BigDoc } from './bigDocs';
import { BIG_NODE, WORST_XPATH, bigDocs } from './bigDocs';
import { median, percentile } from './measure';

export const BIG_RUNS = Math.max(1, Number(process.env.BENCH_BIG_RUNS ?? 3));
/** Trailing work after the graph is shown (autosave, the XML pane's markers) still counts toward the longest task. */
const SETTLE_MS = 1000;

type NewPage = (seed: string | null) => Promise<{ context: BrowserContext; page: Page }>;

/** A Chromium trace event, as far as the bench reads it (browser.ts reads its CPU times too). */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}

/** Chromium trace JSON (object or array form) -> events. */
export function traceEvents(buf: Buffer): TraceEvent[] {
  const raw = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(raw) ? raw : raw.traceEvents;
}

export interface PasteRun {
  /** Paste event dispatched -> first frame after a node of the pasted document is in the graph DOM. */
  toGraphMs: number;
  /** Longest main-thread task from the paste to SETTLE_MS after the graph was shown. */
  longestMs: number;
}

export interface PasteRow {
  name: string;
  chars: number;
  toGraphMs: number;
  longestMs: number;
  runs: PasteRun[];
}

/** The longest main-thread task between the page's `big:paste` and `big:end` marks (a restore marks the navigation). */
function longestTask(buf: Buffer): number {
  const events = traceEvents(buf);
  const mark = (name: string): TraceEvent | undefined => events.find((e) => e.name === name && e.cat?.includes('user_timing'));
  const from = mark('big:paste');
  const to = mark('big:end');
  if (!from || !to) throw new Error('big bench: user timing marks missing from the trace');
  // The page's main thread: the thread named CrRendererMain in the process that made the marks.
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === from.pid).map((e) => e.tid));
  let longest = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.pid !== from.pid || !main.has(e.tid) || !e.dur) continue;
    if (e.ts + e.dur < from.ts || e.ts > to.ts) continue;
    longest = Math.max(longest, e.dur / 1000);
  }
  return longest;
}

/** Pastes `doc` over the whole XML and waits for the graph to show it. */
async function pasteOnce(browser: Browser, newPage: NewPage, url: string, doc: BigDoc): Promise<PasteRun> {
  const { context, page } = await newPage(null);
  await page.goto(url);
  await page.waitForSelector('.react-flow__node[data-position]');
  await page.waitForTimeout(500); // the first fitView and autosave settle
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  const toGraphMs = await paste(page, doc);
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => performance.mark('big:end'));
  const longestMs = longestTask(await browser.stopTracing());
  await context.close();
  return { toGraphMs, longestMs };
}

/** Pastes `doc` over the whole XML (a real paste event); resolves with the ms until the graph shows it. */
async function paste(page: Page, doc: BigDoc): Promise<number> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  return page.locator('.cm-content').evaluate(
    (el, arg) =>
      new Promise<number>((ok, fail) => {
        const sel = arg.sel;
        const t0 = performance.now();
        performance.mark('big:paste');
        const timeout = setTimeout(() => fail(new Error('big bench: the graph never showed the pasted document')), 120_000);
        const done = (): void => {
          clearTimeout(timeout);
          requestAnimationFrame(() => ok(performance.now() - t0));
        };
        const mo = new MutationObserver(() => {
          if (!document.querySelector(sel)) return;
          mo.disconnect();
          done();
        });
        mo.observe(document.querySelector('.react-flow')!, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-disk'] });
        const dt = new DataTransfer();
        dt.setData('text/plain', arg.text);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }),
    { text: doc.text, sel: BIG_NODE },
  );
}

/** Pastes `doc`, waits for its autosave, reloads: the session is restored at start-up (state/persist.ts). */
async function restoreOnce(browser: Browser, newPage: NewPage, url: string, doc: BigDoc): Promise<PasteRun> {
  const { context, page } = await newPage(null);
  await page.goto(url);
  await page.waitForSelector('.react-flow__node[data-position]');
  await page.waitForTimeout(500);
  await paste(page, doc);
  await page.waitForFunction((n) => Object.keys(localStorage).some((k) => k.startsWith('strata.session.') && (localStorage.getItem(k) ?? '').length >= n), doc.text.length, { timeout: 60_000 });
  await page.addInitScript(() => performance.mark('big:paste'));
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  const t0 = Date.now();
  await page.reload();
  await page.waitForSelector(BIG_NODE, { timeout: 120_000 });
  const toGraphMs = Date.now() - t0;
  await page.waitForTimeout(SETTLE_MS);
  await page.evaluate(() => performance.mark('big:end'));
  const longestMs = longestTask(await browser.stopTracing());
  await context.close();
  return { toGraphMs, longestMs };
}

export async function measurePastes(browser: Browser, newPage: NewPage, url: string): Promise<PasteRow[]> {
  return measureRows(browser, newPage, url, pasteOnce, [bigDocs.disks3(), bigDocs.disks300(), bigDocs.chain1000(), bigDocs.disks2000(), bigDocs.chain10000()]);
}

export async function measureRestores(browser: Browser, newPage: NewPage, url: string): Promise<PasteRow[]> {
  return measureRows(browser, newPage, url, restoreOnce, [bigDocs.disks3(), bigDocs.disks2000(), bigDocs.chain10000()]);
}

type Once = (browser: Browser, newPage: NewPage, url: string, doc: BigDoc) => Promise<PasteRun>;

async function measureRows(browser: Browser, newPage: NewPage, url: string, once: Once, docs: readonly BigDoc[]): Promise<PasteRow[]> {
  const rows: PasteRow[] = [];
  for (const doc of docs) {
    const runs: PasteRun[] = [];
    for (let i = 0; i < BIG_RUNS; i++) runs.push(await once(browser, newPage, url, doc));
    rows.push({ name: doc.name, chars: doc.text.length, toGraphMs: median(runs.map((r) => r.toGraphMs)), longestMs: median(runs.map((r) => r.longestMs)), runs });
  }
  return rows;
}

export interface XpathRun {
  /** Enter -> the address bar's answer (not "Evaluating…"). */
  answeredMs: number;
  maxGapMs: number;
  p95GapMs: number;
  message: string;
}

/** The worst query on the 300-disk domain: how the page paints while it runs, and how it ends. */
export async function measureWorstXpath(newPage: NewPage, url: string, seed: string): Promise<XpathRun> {
  const { context, page } = await newPage(seed);
  await page.goto(url);
  await page.waitForSelector(BIG_NODE);
  await page.waitForTimeout(500);
  const input = page.getByRole('textbox', { name: 'Address' });
  await input.fill(WORST_XPATH);
  // Load the query engine first (focus does), so the run measures the query, not a chunk download.
  await page.waitForTimeout(300);
  const r = await page.evaluate(
    () =>
      new Promise<{ answeredMs: number; gaps: number[]; message: string }>((ok) => {
        const frames: number[] = [];
        const status = document.getElementById('address-status')!;
        let t0: number | null = null;
        let answered: number | null = null;
        const loop = (): void => {
          // performance.now(), not rAF's frame time: after a long task the frame time can predate it.
          const t = performance.now();
          frames.push(t);
          const busy = status.classList.contains('address-busy') || status.textContent === '';
          if (t0 !== null && answered === null && !busy) answered = performance.now();
          if (t0 !== null && (answered !== null || t - t0 > 30_000)) {
            // Gaps from the last frame before Enter to the frame that showed the answer.
            const from = frames.findLastIndex((x) => x <= t0!);
            const shown = frames.slice(Math.max(0, from));
            const gaps = shown.slice(1).map((x, i) => x - shown[i]!);
            ok({ answeredMs: (answered ?? performance.now()) - t0, gaps, message: status.textContent ?? '' });
            return;
          }
          requestAnimationFrame(loop);
        };
        requestAnimationFrame(loop);
        setTimeout(() => {
          const input = document.querySelector<HTMLInputElement>('input[aria-label="Address"]')!;
          t0 = performance.now();
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        }, 200);
      }),
  );
  await context.close();
  return { answeredMs: r.answeredMs, maxGapMs: Math.max(0, ...r.gaps), p95GapMs: percentile(r.gaps, 95), message: r.message };
}

const f0 = (x: number): string => x.toFixed(0);
const size = (chars: number): string => (chars >= 1e6 ? `${(chars / 1e6).toFixed(1)} MB` : `${Math.round(chars / 1e3)} KB`);

/** The rows as a markdown table (what bench/results-*.md hold). */
export function bigReport(pastes: readonly PasteRow[], xpath: readonly XpathRun[], restores: readonly PasteRow[] = []): string {
  const table = (rows: readonly PasteRow[], toGraph: string): string[] => {
    const base = rows.find((p) => p.name.startsWith('3 disks'));
    return [
      `| document | text | ${toGraph} (ms) | longest main-thread task (ms) | vs 3-disk | runs: to graph / longest |`,
      '|---|---|---|---|---|---|',
      ...rows.map(
        (p) =>
          `| ${p.name} | ${size(p.chars)} | ${f0(p.toGraphMs)} | ${f0(p.longestMs)} | ${base ? `${(p.longestMs / base.longestMs).toFixed(1)}x` : '-'} | ${p.runs.map((r) => `${f0(r.toGraphMs)}/${f0(r.longestMs)}`).join(', ')} |`,
      ),
    ];
  };
  const lines = table(pastes, 'paste -> graph');
  if (restores.length > 0) lines.push('', 'Restored at start-up (pasted, autosaved, the page reloaded):', ...table(restores, 'reload -> graph'));
  if (xpath.length > 0) {
    const m = (k: 'answeredMs' | 'maxGapMs' | 'p95GapMs'): string => f0(median(xpath.map((x) => x[k])));
    lines.push(
      '',
      `XPath \`${WORST_XPATH}\` on the 300-disk domain (median of ${xpath.length}): answered after ${m('answeredMs')} ms; frame gaps while it ran: max ${m('maxGapMs')} ms, p95 ${m('p95GapMs')} ms; message: "${xpath[0]!.message}"`,
    );
  }
  return lines.join('\n');
}
