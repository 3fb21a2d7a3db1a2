// Sharing a dashboard with a token: the link carries it in the fragment, the page
// connects with it (and drops it from the address bar); without it nothing loads data.
import { test, expect } from '@playwright/test';
import { startHost, type RunningHost } from '../helpers/host.js';

const TOKEN = 'e2e-share-token-0123456789';
let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost({ args: ['--token', TOKEN] });
});
test.afterAll(async () => {
  await host?.stop();
});

test('a link with #token= connects and the token leaves the address bar', async ({ page }) => {
  await page.goto(`${host.url}/#token=${TOKEN}`);
  await expect(page.getByTestId('status-device-state')).toHaveText('measuring', { timeout: 15_000 });
  await expect.poll(async () => Number((await page.getByTestId('status-frames-rate').innerText()).replace(/[^\d.-]/g, '')), { timeout: 10_000 }).toBeGreaterThan(0);
  expect(page.url()).toBe(`${host.url}/`);
  // A reload in the same tab still has it (kept for the tab, not in the URL).
  await page.reload();
  await expect(page.getByTestId('status-device-state')).toHaveText('measuring', { timeout: 15_000 });
});

test('without the token the page loads but gets no data', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const upgrade = page.waitForEvent('websocket');
  await page.goto(`${host.url}/`);
  const ws = await upgrade;
  expect(ws.url()).toBe(`${host.url.replace('http', 'ws')}/api`);
  await expect(page.getByTestId('status-link')).toHaveText(/^(…|unavailable)$/);
  await expect(page.getByTestId('status-device-state')).not.toHaveText('measuring');
  await context.close();
});
