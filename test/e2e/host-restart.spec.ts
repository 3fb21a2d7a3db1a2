// The host restarts under a connected page: the page reconnects by itself and every panel shows the
// new host's state, read from the DOM of the docked panels (data-panel-id). The first host leaves a
// breaker trip, a fault journal, an active fault, an active alarm and its journal behind; the restarted
// host (a fresh data folder on the same port) has none of them, so anything the page did not reload
// from the snapshot would still show the old host's values.
import { createServer } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import { startHost, type RunningHost } from '../helpers/host.js';
import { callHost } from '../helpers/ws-client.js';

/** A port free now, for both hosts in turn. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function call<T>(host: RunningHost, method: string, input?: unknown): Promise<T> {
  const r = await callHost<T>(host.url, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
  return r.value;
}

async function panel(page: Page, id: string, keys: string): Promise<Locator> {
  const p = page.locator(`[data-panel-id="${id}"]`);
  if (!(await p.isVisible())) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(keys);
  }
  await expect(p).toBeVisible();
  return p;
}

const FAST_BREAKER = { trip: { kind: 'consecutive', failures: 3 }, watchdogMs: 500, windowMs: 250, halfOpenInitialMs: 200, halfOpenMaxMs: 800, probeTimeoutMs: 1500, probeFrames: 20 };

test('after a host restart every panel shows the new host state (breaker, faults, both journals, alarms, device, recording)', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const port = await freePort();
  let host = await startHost({ port });
  try {
    // Old host: a breaker trip, faults in the journal, one fault still active, an alarm standing.
    await call(host, 'updateConfig', { resilience: { breaker: FAST_BREAKER }, alarms: { rules: [{ channel: 0, hi: { value: -1e6 }, priority: 'high', message: 'always high' }] } });
    await page.goto(host.url);
    await expect(page.getByTestId('status-device-state')).toHaveText('measuring');
    await call(host, 'injectFault', { kind: 'drop', percent: 100, unit: 'frames', durationMs: 2500 });
    const breakerPanel = await panel(page, 'breaker', 'Control+7');
    await expect(breakerPanel.getByTestId('breaker-trips')).toHaveText('1', { timeout: 20_000 });
    await expect(breakerPanel.getByTestId('breaker-state')).toHaveText('closed', { timeout: 30_000 });
    await call(host, 'injectFault', { kind: 'noise', channel: 1, amplitude: 0.1, durationMs: 600_000 });

    const faultsPanel = await panel(page, 'faults', 'Control+8');
    await expect(faultsPanel.getByTestId('fault-active-count')).toHaveText('1');
    // drop injected/started/expired, noise injected/started (the journal renders as its rows come in)
    await expect.poll(() => faultsPanel.getByTestId('fault-journal-entry').count()).toBeGreaterThanOrEqual(4);
    const alarmsPanel = await panel(page, 'alarms', 'Control+3');
    await expect(alarmsPanel.locator('[data-testid^="alarm-row-"]')).toHaveCount(1);
    await expect(page.getByTestId('status-alarms')).toHaveText('1');
    await expect(alarmsPanel.getByTestId('alarm-journal').getByTestId('journal-row').first()).toBeVisible();
    await expect(page.getByTestId('status-recording')).toHaveAttribute('data-state', 'recording');

    // Restart: the same port, a fresh data folder (no rules, no journals, no trips).
    await host.stop();
    host = await startHost({ port });
    const fresh = await call<{ breaker: BreakerStatus; faults: unknown[]; faultJournal: unknown[]; alarms: unknown[]; alarmJournal: unknown[] }>(host, 'getSnapshot');
    expect([fresh.breaker.trips, fresh.faults.length, fresh.faultJournal.length, fresh.alarms.length, fresh.alarmJournal.length]).toEqual([0, 0, 0, 0, 0]);

    // The page reconnects by itself and shows the new host's state in every panel.
    await expect(breakerPanel.getByTestId('breaker-trips')).toHaveText('0', { timeout: 20_000 });
    await expect(breakerPanel.getByTestId('breaker-state')).toHaveText('closed');
    await expect(faultsPanel.getByTestId('fault-active-count')).toHaveText('0');
    await expect(faultsPanel.getByTestId('fault-journal-entry')).toHaveCount(0);
    await expect(alarmsPanel.locator('[data-testid^="alarm-row-"]')).toHaveCount(0);
    await expect(alarmsPanel.getByTestId('alarm-journal').getByTestId('journal-row')).toHaveCount(0);
    await expect(page.getByTestId('status-alarms')).toHaveText('0');
    await expect(page.getByTestId('status-device-state')).toHaveText('measuring');
    await expect(page.getByTestId('status-link')).toHaveText('connected');
    // Recording follows the new host: its session, as the new host reports it.
    await expect(page.getByTestId('status-recording')).toHaveAttribute('data-state', 'recording');
    const rec = await call<{ sessionId: number | null }>(host, 'getRecordingStatus');
    expect(typeof rec.sessionId, JSON.stringify(rec)).toBe('number');
    await expect(page.getByTestId('status-recording')).toHaveAttribute('title', new RegExp(`^Session ${rec.sessionId} · `));
    expect(errors).toEqual([]);
  } finally {
    await host.stop();
  }
});
