/**
 * The build is a static site that works from any path: dist/ served by a
 * plain static server (scripts/serve-static.mjs) under a deep sub-path, not
 * by `vite preview` at `/`. The app must load (toolbar, graph), request
 * nothing outside its folder and get no 404, throw nothing, load its lazy
 * chunk (the XPath engine) from there too, and survive a reload.
 *
 * dist/ is copied first: other work may rebuild it while this runs.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { startClean } from './support/editor';

const BASE = '/some/deep/path/';
/** The build to serve (another one can be checked with STRATA_DIST=…). */
const DIST = process.env.STRATA_DIST ?? process.env.STRATA_E2E_DIST ?? 'dist';

let server: ChildProcess | null = null;
let site = '';
let copy = '';

test.beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/ is missing: run \`npm run build\` first`);
  copy = mkdtempSync(join(tmpdir(), 'strata-static-'));
  cpSync(DIST, copy, { recursive: true });
  const child = spawn(process.execPath, ['scripts/serve-static.mjs', '--root', copy, '--base', BASE, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  server = child;
  site = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`serve-static exited (${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /serving (\S+)/.exec(chunk.toString());
      if (m) ok(m[1]!);
    });
  });
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Every response of the page that failed, and every request that left the app's folder. */
function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  const origin = new URL(site).origin;
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // A request the next navigation cut short (the favicon of the page being left) is not a missing file.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`failed ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    // The folder itself without its slash is inside (it redirects).
    if (u.origin === origin && !`${u.pathname}/`.startsWith(BASE)) problems.push(`outside ${BASE}: ${u.pathname}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { problems };
}

test('the built app loads under a sub-path: toolbar, graph, icons, the lazy query engine, a reload', async ({ unopened: ed, page }) => {
  const { problems } = watch(page);
  await startClean(page);
  await page.goto(site);
  expect(new URL(page.url()).pathname).toBe(BASE);
  await expect(ed.toolbar).toBeVisible();
  await expect(ed.nodes.first()).toBeVisible();
  expect(await ed.nodes.count()).toBeGreaterThan(1);
  await expect(ed.xml).toContainText('<disk');
  // The brand icon is a public/ file: it must come from the app's folder.
  const icon = ed.toolbar.locator('.brand img');
  await expect(icon).toHaveJSProperty('complete', true);
  expect(await icon.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(await page.locator('link[rel=icon]').evaluate((l: HTMLLinkElement) => l.href)).toBe(new URL('favicon.svg', site).href);

  // The XPath engine is a chunk loaded on first use.
  const chunk = page.waitForResponse((r) => /\/assets\/query-[^/]+\.js$/.test(r.url()));
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill('//source');
  await page.getByRole('textbox', { name: 'Address', exact: true }).press('Enter');
  expect(new URL((await chunk).url()).pathname.startsWith(`${BASE}assets/`)).toBe(true);
  await expect(page.locator('.address-bar').getByRole('status')).toContainText(/match/i);

  await page.reload();
  await expect(ed.nodes.first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('the folder without its trailing slash redirects to it, and index.html works too', async ({ unopened: ed, page }) => {
  const { problems } = watch(page);
  await startClean(page);
  await page.goto(site.replace(/\/$/, ''));
  expect(new URL(page.url()).pathname).toBe(BASE);
  await expect(ed.nodes.first()).toBeVisible();
  await page.goto(`${site}index.html`);
  await expect(ed.nodes.first()).toBeVisible();
  expect(problems).toEqual([]);
});
