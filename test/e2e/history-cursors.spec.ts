// A/B cursors and the crosshair in the History view of a recorded session, read from the DOM.
// The simulator's signals are known: ch1 = sin(2πt) (period 1 s), ch3 = 6 ± 2 square (period 3 s).
import { expect, test } from './fixtures.js';

test('History: A/B cursors two periods apart read Δt 2 s, 1/Δt 0.5 Hz, Δy ≈ 0 on the sine, min 4 / max 8 on the square', async ({ app }) => {
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'recording', { timeout: 15_000 });
  await expect.poll(async () => Number(await app.getByTestId('status-recording-rows').innerText()), { timeout: 20_000 }).toBeGreaterThan(5000);
  await app.getByTestId('btn-stop').click();
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'idle');
  await app.keyboard.press('Control+4');
  const row = app.getByTestId('sessions-panel').locator('tbody tr').first();
  await row.getByTestId('session-open').click();
  const history = app.getByTestId('history-view');
  await expect(history.locator('canvas').first()).toBeVisible();
  await expect.poll(() => app.evaluate(() => window.__thHistory?.data()[0]?.length ?? 0)).toBeGreaterThan(100);

  const t = await app.evaluate(() => window.__thHistory?.data()[0] ?? []);
  const a = (t[0] ?? 0) + 1;
  const b = a + 2;
  const click = async (x: number) => {
    const pos = await app.evaluate((v) => window.__thHistory?.clientPos(v) ?? { x: Number.NaN, y: Number.NaN }, x);
    await app.mouse.click(pos.x, pos.y);
  };
  await click(a);
  await expect(history.getByText('Cursor A placed: click again for B.')).toBeVisible();
  await click(b);

  const readout = app.getByTestId('plot-cursors-history');
  const num = async (testId: string) => Number(await readout.getByTestId(testId).innerText());
  const cell = async (series: string, field: string) => Number(await readout.getByTestId(`cursor-row-${series}`).locator(`[data-field="${field}"]`).innerText());
  // One pixel of the ~6 s session is a few ms.
  expect(Math.abs((await num('cursor-dt')) - 2)).toBeLessThan(0.03);
  expect(Math.abs((await num('cursor-freq')) - 0.5)).toBeLessThan(0.01);
  // Two whole periods of the sine: the same value at A and B (to the bucket and pixel).
  expect(Math.abs(await cell('ch1', 'dy'))).toBeLessThan(0.15);
  expect(await cell('ch1', 'max')).toBeCloseTo(1, 2);
  expect(await cell('ch1', 'min')).toBeCloseTo(-1, 2);
  // 2 s of a 3 s square holds both levels, exactly.
  expect(await cell('ch3', 'min')).toBe(4);
  expect(await cell('ch3', 'max')).toBe(8);

  // The crosshair reads out every series where the mouse is: the square is at one of its levels.
  const pos = await app.evaluate((v) => window.__thHistory?.clientPos(v) ?? { x: 0, y: 0 }, a + 0.5);
  await app.mouse.move(pos.x, pos.y);
  const hover = history.getByTestId('plot-hover');
  await expect(hover).toBeVisible();
  await expect(hover).toContainText(/ch3 (4|8)(?!\d)/);
  await expect(hover.locator('span')).toHaveCount(8);
});
