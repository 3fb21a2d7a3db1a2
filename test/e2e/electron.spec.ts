// The real desktop app through Playwright's Electron driver. The Electron binary
// cannot be downloaded on every machine: there the spec reports itself skipped, with why.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

function electronBinary(): { path?: string; reason?: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path !== 'string') return { reason: 'the electron package did not return a binary path' };
    if (!existsSync(path)) return { reason: `Electron binary not installed at ${path} (ELECTRON_SKIP_BINARY_DOWNLOAD)` };
    return { path };
  } catch (err) {
    return { reason: `Electron binary not available: ${(err as Error).message.split('\n')[0]}` };
  }
}

const bin = electronBinary();

test('the desktop app starts secured and shows live data', async () => {
  test.skip(!bin.path, bin.reason ?? 'no Electron binary');
  const app = await electron.launch({
    executablePath: bin.path,
    args: [resolve(import.meta.dirname, '../../out/main/index.js'), ...(process.env.CI ? ['--no-sandbox'] : [])],
    env: { ...process.env, TELEMETRYHUB_USER_DATA: resolve(import.meta.dirname, '../../test-results/electron-data') },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('status-device-state')).toHaveText('measuring', { timeout: 20_000 });
    // The preload exposes exactly the contract; Node is not reachable from the page.
    expect(await page.evaluate(() => typeof (globalThis as { telemetry?: unknown }).telemetry)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await expect.poll(async () => Number(await page.getByTestId('status-frames-rate').innerText()), { timeout: 10_000 }).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});
