import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';
import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;
// Several people (or agents) on one machine: each can serve its own build on its own port
// (STRATA_E2E_PORT, STRATA_E2E_DIST = the folder `vite build --outDir` wrote), so one run's server never ends another's.
const PORT = Number(process.env.STRATA_E2E_PORT ?? 4173);
const DIST = process.env.STRATA_E2E_DIST;

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties outputDir at start: keep it apart from the JSON
  // reports in test-results/ (the unit report is written before e2e runs).
  outputDir: process.env.STRATA_E2E_OUT ?? 'test-results/e2e-artifacts',
  workers: 1,
  retries: 0,
  forbidOnly: CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    // No browser downloads here: use Debian's Chromium. `video` would need a
    // download, so it stays off.
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  // Serves the production build; `npm test` builds before e2e. Run
  // `npm run build` first when calling `npx playwright test` directly.
  webServer: {
    command: PORT === 4173 && !DIST ? 'npm run preview' : `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort${DIST ? ` --outDir ${DIST}` : ''}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 60_000,
  },
});
