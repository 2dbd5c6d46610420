// End-to-end tests: the real renderer (out/web) against the real handlers in the browser-mode server, which the
// global setup starts on a free port. Chromium is Debian's /usr/bin/chromium (never a downloaded build); override
// with CHROMIUM_PATH. `npm run test:e2e` builds out/web and out/node first.
import { defineConfig } from '@playwright/test';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    launchOptions: { executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
