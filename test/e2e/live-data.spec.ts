// What an operator sees on first start with no hardware: the simulated device
// streams, the chart moves, and the toolbar, menu shortcuts and device panel work.
import { chartPixels, expect, framesRate, test } from './fixtures.js';

test('live data arrives: the chart changes over time and the status bar shows rates', async ({ app }) => {
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await expect.poll(() => framesRate(app), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(app.getByTestId('status-samples-rate')).not.toHaveText(/^0$/);
  const before = await chartPixels(app);
  await app.waitForTimeout(1000);
  expect(await chartPixels(app)).not.toBe(before);
});

test('stop freezes the rates, start resumes them', async ({ app }) => {
  await expect.poll(() => framesRate(app), { timeout: 10_000 }).toBeGreaterThan(0);
  await app.getByTestId('btn-stop').click();
  await expect(app.getByTestId('status-device-state')).toHaveText('idle');
  await expect.poll(() => framesRate(app), { timeout: 10_000 }).toBe(0);
  const frozen = await chartPixels(app);
  await app.waitForTimeout(1200);
  expect(await framesRate(app)).toBe(0);
  expect(await chartPixels(app)).toBe(frozen);

  await app.getByTestId('btn-start').click();
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await expect.poll(() => framesRate(app), { timeout: 10_000 }).toBeGreaterThan(0);
});

test('a bad rate shows an error at the field and leaves the device running', async ({ app }) => {
  await expect.poll(() => framesRate(app), { timeout: 10_000 }).toBeGreaterThan(0);
  const rate = app.getByTestId('device-rate');
  await rate.fill('500000');
  await app.getByTestId('device-apply').click();
  const err = app.getByTestId('field-error-rateHz');
  await expect(err).toBeVisible();
  await expect(err).toContainText(/100000|100,000/);
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await app.waitForTimeout(1200);
  expect(await framesRate(app)).toBeGreaterThan(0);

  // A valid value clears the error and applies live.
  await rate.fill('2000');
  await app.getByTestId('device-apply').click();
  await expect(err).toBeHidden();
  await expect.poll(() => framesRate(app), { timeout: 10_000 }).toBeGreaterThan(1500);
});

test('keyboard shortcuts from the menu model drive the device; pause freezes only the chart', async ({ app }) => {
  await expect(app.getByTestId('menubar')).toBeVisible();
  await app.getByTestId('live-chart').click();
  await app.keyboard.press('Shift+F5');
  await expect(app.getByTestId('status-device-state')).toHaveText('idle');
  await app.keyboard.press('F5');
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');

  await app.getByTestId('btn-pause').click();
  await expect(app.getByTestId('btn-pause')).toHaveText(/Resume/);
  await app.waitForTimeout(300);
  const paused = await chartPixels(app);
  await app.waitForTimeout(1000);
  expect(await chartPixels(app)).toBe(paused);
  expect(await framesRate(app)).toBeGreaterThan(0); // the device keeps measuring
  await app.getByTestId('btn-pause').click();
  await expect(app.getByTestId('btn-pause')).toHaveText(/Pause/);
  await app.waitForTimeout(500);
  expect(await chartPixels(app)).not.toBe(paused);
});

test('the in-window menu opens and its Device menu stops the device', async ({ app }) => {
  await app.getByTestId('menu-device').click();
  await app.getByRole('menuitem', { name: /Stop measuring/ }).click();
  await expect(app.getByTestId('status-device-state')).toHaveText('idle');
  await app.getByTestId('menu-device').click();
  await app.getByRole('menuitem', { name: /Start measuring/ }).click();
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
});
