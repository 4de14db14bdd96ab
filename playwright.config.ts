import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';
import { defineConfig } from '@playwright/test';

const CI = !!process.env.CI;

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties outputDir at start: keep it apart from the JSON
  // reports in test-results/ (the unit report is written before e2e runs).
  outputDir: 'test-results/e2e-artifacts',
  workers: 1,
  retries: 0,
  forbidOnly: CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: 'http://127.0.0.1:4173',
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
    command: 'npm run preview',
    url: 'http://127.0.0.1:4173',
    reuseExistingServer: !CI,
    timeout: 60_000,
  },
});
