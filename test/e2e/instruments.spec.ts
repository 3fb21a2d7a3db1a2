// Plot panels over the WebSocket host, read through the arrays each plot hands its chart
// (window.__thPlots), never pixels. The simulator's default signals are known exactly:
// ch1 = sin(2πt) (amplitude 1, period 1 s), ch3 = 6 ± 2 square (period 3 s).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

async function openPlots(app: Page): Promise<void> {
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await app.keyboard.press('Control+0');
  await expect(app.getByTestId('plots-panel')).toBeVisible();
}

type Probe = { labels: string[]; gone: string[]; draws: number; cols: number[][]; trigger?: { at: number; captured: number; armed: boolean }; fft?: { peakHz: number; binHz: number; message: string | null } };

async function probe(app: Page, id: string): Promise<Probe | null> {
  return app.evaluate((pid) => {
    const p = window.__thPlots?.[pid];
    if (!p) return null;
    return { labels: p.labels, gone: p.gone, draws: p.draws, cols: p.data(), trigger: p.trigger, fft: p.fft };
  }, id);
}

function range(v: number[]): [number, number] {
  return [Math.min(...v), Math.max(...v)];
}

test('two plot panels show different channels from the one stream', async ({ app }) => {
  await openPlots(app);
  await app.getByTestId('plots-add-time').click();
  await app.getByTestId('plots-add-time').click();
  // Plot 2: drop ch1 and ch2, add ch3.
  await app.getByTestId('plot-plot-2').getByRole('button', { name: 'Remove ch1' }).click();
  await app.getByTestId('plot-plot-2').getByRole('button', { name: 'Remove ch2' }).click();
  await app.getByTestId('plot-add-channel-plot-2').selectOption('ch3');

  await expect.poll(async () => (await probe(app, 'plot-2'))?.cols[0]?.length ?? 0).toBeGreaterThan(500);
  const one = await probe(app, 'plot-1');
  const two = await probe(app, 'plot-2');
  expect(one?.labels).toEqual(['ch1', 'ch2']);
  expect(two?.labels).toEqual(['ch3']);
  expect(one?.cols).toHaveLength(3);
  expect(two?.cols).toHaveLength(2);
  // ch1 is a unit sine, ch3 a square between 4 and 8: each plot carries its own channel's values.
  const [lo1, hi1] = range(one?.cols[1] ?? []);
  expect(lo1).toBeGreaterThanOrEqual(-1.0001);
  expect(hi1).toBeLessThanOrEqual(1.0001);
  expect(hi1 - lo1).toBeGreaterThan(1.9);
  const [lo3, hi3] = range(two?.cols[1] ?? []);
  expect(lo3).toBeCloseTo(4, 6);
  expect(hi3).toBeCloseTo(8, 6);
});
