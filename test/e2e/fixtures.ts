// Each spec file gets its own built host (fresh engine, fresh data folder) and a page on it.
import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host.js';
import { callHost } from '../helpers/ws-client.js';

export const test = base.extend<{ app: Page }, { host: RunningHost }>({
  host: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const host = await startHost();
      await use(host);
      await host.stop();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, host }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The host lives as long as the Playwright worker, across spec files: every test starts
    // from the default simulated device, whatever source an earlier spec configured.
    for (const [method, input] of [['configureDevice', {}], ['deviceCommand', 'reset'], ['deviceCommand', 'start']] as const) {
      const r = await callHost(host.url, method, input);
      if (!r.ok) throw new Error(`resetting the device (${method}) failed: ${r.error.message}`);
    }
    await page.goto(host.url);
    await expect(page.getByTestId('statusbar')).toBeVisible();
    await use(page);
    expect(errors, 'uncaught page errors').toEqual([]);
  },
});

export { expect };

/** The integer the status bar shows for frames/s. */
export async function framesRate(page: Page): Promise<number> {
  return Number((await page.getByTestId('status-frames-rate').innerText()).replace(/[^\d.-]/g, ''));
}

/** A hash of the chart canvas pixels, to see whether it changed. */
export async function chartPixels(page: Page): Promise<string> {
  return page.getByTestId('live-chart').locator('canvas').first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());
}
