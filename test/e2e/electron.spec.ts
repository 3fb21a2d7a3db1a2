// The real desktop app through Playwright's Electron driver. The Electron binary
// cannot be downloaded on every machine: there the spec reports itself skipped, with why.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * Finds the binary the way the electron package does, but never triggers its
 * on-demand download (requiring 'electron' would try to fetch it).
 */
function electronBinary(): { path?: string; reason?: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'Electron binary not installed (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or without network)' };
  const path = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, readFileSync(pathFile, 'utf8'))
    : join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(path) ? { path } : { reason: `Electron binary missing at ${path}` };
}

const bin = electronBinary();

test('the desktop app starts secured and shows live data', async () => {
  if (!bin.path) {
    // The list reporter does not print skip annotations: say why on the output too.
    console.log(`electron spec skipped: ${bin.reason}`);
    test.skip(true, bin.reason);
  }
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
