// Plot panels over the WebSocket host, read through the arrays each plot hands its chart
// (window.__thPlots), never pixels. The simulator's default signals are known exactly:
// ch1 = sin(2πt) (amplitude 1, period 1 s), ch3 = 6 ± 2 square (period 3 s).
import type { Page } from '@playwright/test';
import { parseCsv } from '../helpers/csv-parse.js';
import { callHost } from '../helpers/ws-client.js';
import { expect, test } from './fixtures.js';

async function openPlots(app: Page): Promise<void> {
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await app.keyboard.press('Control+0');
  await expect(app.getByTestId('plots-panel')).toBeVisible();
}

/** Adds a plot (its own dock panel) and, with `alone`, maximises it: cursor tests need its width. */
async function addPlot(app: Page, mode: 'time' | 'xy' | 'fft' | 'trigger', id: string, alone = false): Promise<void> {
  await app.getByTestId(`plots-add-${mode}`).click();
  await expect(app.getByTestId(`plot-panel-${id}`)).toBeVisible();
  if (alone) {
    await app.getByTestId('dock-maximize-plot-view').click();
  }
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
  await addPlot(app, 'time', 'plot-1');
  await addPlot(app, 'time', 'plot-2');
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

async function clickAt(app: Page, id: string, t: number): Promise<void> {
  const pos = await app.evaluate(([pid, x]) => window.__thPlots?.[pid as string]?.clientPos?.(x as number, 0) ?? { x: Number.NaN, y: Number.NaN }, [id, t] as const);
  await app.mouse.click(pos.x, pos.y);
}

function cell(app: Page, id: string, series: string, field: string) {
  return app.getByTestId(`plot-cursors-${id}`).getByTestId(`cursor-row-${series}`).locator(`[data-field="${field}"]`);
}

const num = async (l: { innerText(): Promise<string> }): Promise<number> => Number(await l.innerText());

test('A/B cursors one period apart on the 1 Hz unit sine read Δt 1 s, 1/Δt 1 Hz, amplitude 1, mean 0, RMS 0.707', async ({ app }) => {
  await openPlots(app);
  await addPlot(app, 'time', 'plot-1', true);
  await app.getByTestId('plot-plot-1').getByRole('button', { name: 'Remove ch2' }).click();
  await expect.poll(async () => (await probe(app, 'plot-1'))?.cols[0]?.length ?? 0).toBeGreaterThan(3000);
  await app.getByTestId('btn-pause').click();
  const t = (await probe(app, 'plot-1'))?.cols[0] ?? [];
  const end = t[t.length - 1] ?? 0;
  await clickAt(app, 'plot-1', end - 3);
  await clickAt(app, 'plot-1', end - 2);
  const dt = await num(app.getByTestId('cursor-dt'));
  // One pixel is ~8 ms of a 10 s window.
  expect(Math.abs(dt - 1)).toBeLessThan(0.02);
  expect(Math.abs((await num(app.getByTestId('cursor-freq'))) - 1)).toBeLessThan(0.02);
  const max = await num(cell(app, 'plot-1', 'ch1', 'max'));
  const min = await num(cell(app, 'plot-1', 'ch1', 'min'));
  expect((max - min) / 2).toBeCloseTo(1, 2);
  expect(Math.abs(await num(cell(app, 'plot-1', 'ch1', 'mean')))).toBeLessThan(0.05);
  expect(Math.abs((await num(cell(app, 'plot-1', 'ch1', 'rms'))) - Math.SQRT1_2)).toBeLessThan(0.03);
});

test('FFT of the 1 Hz sine peaks at 1 Hz within one bin; a window larger than the buffer says so', async ({ app, host }) => {
  await openPlots(app);
  await addPlot(app, 'fft', 'plot-1', true);
  await app.getByTestId('plot-settings-toggle-plot-1').click();
  await app.getByTestId('fft-size').selectOption('16384');
  // A device reset restarts the series: the buffer starts empty, far short of 16384 points.
  for (const [method, input] of [['deviceCommand', 'reset'], ['deviceCommand', 'start']] as const) {
    expect((await callHost(host.url, method, input)).ok).toBe(true);
  }
  await expect(app.getByTestId('plot-message-plot-1')).toContainText(/FFT window of 16384 points needs [\d.]+ s of data; [\d.]+ s buffered/);
  // Message and drawn data read at the same instant: nothing is drawn while the window is too large.
  await expect
    .poll(async () => {
      const p = await probe(app, 'plot-1');
      return p?.fft?.message ? (p.cols[0]?.length ?? -1) : 'no message';
    })
    .toBe(0);

  await app.getByTestId('fft-size').selectOption('1024');
  await expect
    .poll(async () => {
      const f = (await probe(app, 'plot-1'))?.fft;
      return f ? f.message : 'no spectrum yet';
    }, { timeout: 20_000 })
    .toBeNull();
  const fft = (await probe(app, 'plot-1'))?.fft;
  expect(Math.abs((fft?.peakHz ?? 0) - 1)).toBeLessThanOrEqual(fft?.binHz ?? 0);
  await expect(app.getByTestId('plot-message-plot-1')).toBeHidden();
});

test('XY plots one channel against another over its trail', async ({ app }) => {
  await openPlots(app);
  await addPlot(app, 'xy', 'plot-1', true);
  await app.getByTestId('plot-settings-toggle-plot-1').click();
  await app.getByTestId('xy-x').selectOption('ch1');
  await app.getByTestId('xy-y').selectOption('ch6');
  await app.getByTestId('xy-trail').fill('1500');
  await app.getByTestId('xy-trail').press('Enter');
  await expect.poll(async () => (await probe(app, 'plot-1'))?.cols[0]?.length ?? 0).toBe(1500);
  const p = await probe(app, 'plot-1');
  expect(p?.labels).toEqual(['ch1', 'ch6']);
  const [xs = [], ys = []] = p?.cols ?? [];
  expect(ys).toHaveLength(1500);
  // ch1: unit sine; ch6: 15 ± 3.5 sine.
  const [xlo, xhi] = range(xs);
  const [ylo, yhi] = range(ys);
  expect(xlo).toBeGreaterThanOrEqual(-1.0001);
  expect(xhi).toBeLessThanOrEqual(1.0001);
  expect(ylo).toBeGreaterThanOrEqual(11.4999);
  expect(yhi).toBeLessThanOrEqual(18.5001);
});

test('trigger Single captures one sweep at the level and stops; a level outside the range is refused', async ({ app }) => {
  await openPlots(app);
  await addPlot(app, 'trigger', 'plot-1', true);
  await app.getByTestId('plot-window-plot-1').selectOption('1');
  await app.getByTestId('plot-settings-toggle-plot-1').click();
  await expect.poll(async () => (await probe(app, 'plot-1'))?.cols[0]?.length ?? 0).toBeGreaterThan(100);
  await app.getByTestId('trigger-level').fill('5');
  await app.getByTestId('trigger-level').press('Enter');
  await expect(app.getByTestId('plot-error-plot-1')).toContainText("trigger.level: 5 is outside ch1's range");

  await app.getByTestId('trigger-level').fill('0.5');
  await app.getByTestId('trigger-level').press('Enter');
  await app.getByTestId('trigger-mode').selectOption('single');
  await expect(app.getByTestId('plot-error-plot-1')).toBeHidden();
  await expect.poll(async () => (await probe(app, 'plot-1'))?.trigger?.captured).toBe(1);
  const first = await probe(app, 'plot-1');
  expect(first?.trigger?.armed).toBe(false);
  const [x = [], y = []] = first?.cols ?? [];
  // 25 % pre-trigger of a 1 s sweep, time relative to the trigger point.
  expect(x[0]).toBeGreaterThanOrEqual(-0.26);
  expect(x[0]).toBeLessThan(-0.23);
  expect(x[x.length - 1]).toBeGreaterThan(0.73);
  const at = x.findIndex((v) => v >= 0);
  expect(y[at - 1]).toBeLessThanOrEqual(0.5);
  expect(y[at]).toBeGreaterThanOrEqual(0.5);
  await app.waitForTimeout(2500);
  const later = await probe(app, 'plot-1');
  expect(later?.trigger).toEqual(first?.trigger);
  expect(later?.cols).toEqual(first?.cols);

  await app.getByTestId('plot-rearm-plot-1').click();
  await expect.poll(async () => (await probe(app, 'plot-1'))?.trigger?.at).toBeGreaterThan(first?.trigger?.at ?? 0);
});

test('pause keeps buffering: scroll back while paused, resume shows the paused interval with no samples missing', async ({ app }) => {
  await openPlots(app);
  await addPlot(app, 'time', 'plot-1', true);
  // A minute of window, so the paused interval is still on screen after Resume on a slow machine.
  await app.getByTestId('plot-window-plot-1').selectOption('60');
  await expect.poll(async () => {
    const t = (await probe(app, 'plot-1'))?.cols[0] ?? [];
    return t.length > 1 ? (t.at(-1) ?? 0) - (t[0] ?? 0) : 0;
  }).toBeGreaterThan(3.5);
  await app.getByTestId('btn-pause').click();
  const frozen = await probe(app, 'plot-1');
  const pausedAt = frozen?.cols[0]?.at(-1) ?? 0;
  await expect.poll(async () => Number(await app.getByTestId('status-behind-live').innerText())).toBeGreaterThan(3);
  // The paused view does not move while data keeps arriving.
  expect((await probe(app, 'plot-1'))?.cols).toEqual(frozen?.cols);

  const host = app.getByTestId('plot-canvas-plot-1');
  await host.hover();
  await app.mouse.wheel(0, -100);
  await expect.poll(async () => (await probe(app, 'plot-1'))?.cols[0]?.at(-1) ?? 0).toBeLessThan(pausedAt - 0.5);
  await expect.poll(async () => Number(await app.getByTestId('status-behind-live').innerText())).toBeGreaterThan(4);

  await app.getByTestId('btn-pause').click();
  await expect(app.getByTestId('status-behind-live')).toBeHidden();
  await expect.poll(async () => (await probe(app, 'plot-1'))?.cols[0]?.at(-1) ?? 0).toBeGreaterThan(pausedAt + 3);
  const live = await probe(app, 'plot-1');
  const t = live?.cols[0] ?? [];
  // The paused interval holds as many points per second as the 3 s before Pause, with no longer
  // holes: nothing that arrived while paused was dropped.
  const span = (from: number, to: number) => t.filter((x) => x >= from && x < to);
  const before = span(pausedAt - 3, pausedAt);
  const during = span(pausedAt, pausedAt + 3);
  const maxStep = (v: number[]) => Math.max(...v.slice(1).map((x, i) => x - (v[i] as number)));
  expect(before.length).toBeGreaterThan(300);
  expect(during.length / before.length).toBeGreaterThan(0.8);
  expect(during.length / before.length).toBeLessThan(1.25);
  expect(maxStep(during)).toBeLessThan(maxStep(before) * 1.5 + 0.005);
});

test('a widget turns to the alarm colour when its rule fires; the table keeps min/max/mean', async ({ app, host }) => {
  // Rules left by other specs on this host would colour the widget from the start.
  expect((await callHost(host.url, 'updateConfig', { alarms: { rules: [] } })).ok).toBe(true);
  // ...and an alarm of theirs that returned but was never acknowledged still counts (ISA-18.2): acknowledge it.
  expect((await callHost(host.url, 'alarmAction', { action: 'ack-all' })).ok).toBe(true);
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await app.keyboard.press('Control+.');
  await expect(app.getByTestId('widgets-panel')).toBeVisible();
  await app.getByRole('button', { name: 'Maximise Widgets' }).click();
  await app.getByTestId('widgets-add-readout').click();
  await app.getByTestId('widget-1').getByLabel('Channel').selectOption('ch3');
  await app.getByTestId('widgets-add-table').click();
  // ch3 is a square between 4 and 8.
  await expect.poll(async () => Number(await app.getByTestId('widget-1').locator('[data-field="value"]').innerText())).toBeGreaterThanOrEqual(4);
  await expect(app.getByTestId('widget-1')).toHaveAttribute('data-alarm', 'normal');
  const row = app.getByTestId('widget-2').getByTestId('widget-row-ch3');
  await expect.poll(async () => Number(await row.locator('[data-field="max"]').innerText()), { timeout: 20_000 }).toBe(8);
  // The table may have started on the high half of the square: the low half follows within a period.
  await expect.poll(async () => Number(await row.locator('[data-field="min"]').innerText()), { timeout: 20_000 }).toBe(4);

  // ch3 (index 2) over a Hi limit of 2 all the time.
  expect((await callHost(host.url, 'updateConfig', { alarms: { rules: [{ channel: 2, hi: { value: 2 }, priority: 'critical' }] } })).ok).toBe(true);
  await expect(app.getByTestId('widget-1')).toHaveAttribute('data-alarm', 'critical');
  // The critical colour (#ff3b5c) on the number itself.
  await expect(app.getByTestId('widget-1').locator('.widget-readout')).toHaveCSS('color', 'rgb(255, 59, 92)');
  await expect(row).toHaveAttribute('data-alarm', 'critical');
  expect((await callHost(host.url, 'updateConfig', { alarms: { rules: [] } })).ok).toBe(true);
});

test('Ctrl+M puts a note on the plots and into the recorded session, exported with the events sidecar', async ({ app, host }) => {
  await openPlots(app);
  await addPlot(app, 'time', 'plot-1');
  await expect.poll(async () => (await probe(app, 'plot-1'))?.cols[0]?.length ?? 0).toBeGreaterThan(100);
  await app.keyboard.press('Control+m');
  await app.getByTestId('note-text').fill('pump started');
  await app.getByTestId('note-text').press('Enter');
  await expect(app.getByTestId('note-form')).toBeHidden();
  const notes = await app.evaluate(() => window.__thPlots?.['plot-1']?.notes ?? []);
  expect(notes).toHaveLength(1);

  expect((await callHost(host.url, 'deviceCommand', 'stop')).ok).toBe(true);
  await expect.poll(async () => {
    const l = await callHost<{ id: number; endedAt: number | null }[]>(host.url, 'listSessions');
    return l.ok ? (l.value[0]?.endedAt ?? null) : null;
  }).not.toBeNull();
  const list = await callHost<{ id: number }[]>(host.url, 'listSessions');
  if (!list.ok) throw new Error(list.error.message);
  const started = await callHost<{ exportId: string }>(host.url, 'startExport', { sessionId: list.value[0]?.id, eventsSidecar: true });
  if (!started.ok) throw new Error(started.error.message);
  // The export finishes in the background; its events file is served once done.
  let csv = '';
  await expect
    .poll(async () => {
      const r = await fetch(`${host.url}/export/${started.value.exportId}/events`);
      csv = r.ok ? await r.text() : '';
      return csv.includes('annotation');
    }, { timeout: 20_000 })
    .toBe(true);
  const rows = parseCsv(csv.replace(/^\uFEFF/, '')).filter((r) => r[2] === 'annotation');
  expect(rows).toHaveLength(1);
  expect(JSON.parse(rows[0]?.[3] ?? '{}')).toEqual({ text: 'pump started' });
  // At the plot's newest sample when Ctrl+M was pressed (to the millisecond the CSV shows).
  expect(Math.abs(Date.parse(rows[0]?.[0] ?? '') - (notes[0] ?? 0) * 1000)).toBeLessThanOrEqual(1);
});
