import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/helpers/chromium.js';

// The browser project drives the built host in Debian's Chromium; the electron
// project launches the real app where the Electron binary exists and skips itself elsewhere.
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure', viewport: { width: 1400, height: 900 } },
  projects: [
    {
      name: 'browser',
      testIgnore: /electron\.spec\.ts/,
      use: { launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
