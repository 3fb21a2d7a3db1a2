// The breaker's settings from the Breaker panel (Ctrl+7 › Settings), as an operator
// uses them instead of editing config.json: an out-of-range value is refused at its
// field and nothing changes; valid values apply, survive a reload and take effect (a 3 s
// stall, one watchdog failure, trips the breaker with "1 failure in a row", which the
// default 3 would not), and the chart breaks its line across that outage; the form
// follows config changes made elsewhere; Defaults + Apply restore the defaults.
//
// The engine lives across the spec files of a worker: every test leaves the default
// settings behind (and afterAll restores them over the api should a test fail midway).
import type { Locator, Page } from '@playwright/test';
import type { Snapshot } from '@shared/api/contract.js';
import type { AppConfig } from '@shared/config/app-config.js';
import { BreakerSettingsSchema, type BreakerSettings } from '@shared/domain/breaker.js';
import { callHost } from '../helpers/ws-client.js';
import { expect, framesRate, test } from './fixtures.js';

const DEFAULTS: BreakerSettings = BreakerSettingsSchema.parse({});

/** A View shortcut; shortcuts yield while a text field or select has focus, so focus leaves it first. */
async function shortcut(page: Page, keys: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(keys);
}

async function openBreakerSettings(page: Page): Promise<Locator> {
  const panel = page.getByTestId('breaker-panel');
  if (!(await panel.isVisible())) await shortcut(page, 'Control+7'); // View › Breaker panel
  await expect(panel).toBeVisible();
  const toggle = page.getByTestId('breaker-settings-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByTestId('breaker-setting-watchdogMs')).toBeVisible();
  return panel;
}

async function breakerOnHost(url: string): Promise<BreakerSettings> {
  const r = await callHost<Snapshot>(url, 'getSnapshot');
  if (!r.ok) throw new Error(`getSnapshot failed: ${r.error.message}`);
  return r.value.config.resilience.breaker;
}

async function setBreakerOnHost(url: string, breaker: BreakerSettings): Promise<void> {
  const r = await callHost<AppConfig>(url, 'updateConfig', { resilience: { breaker } });
  if (!r.ok) throw new Error(`updateConfig failed: ${r.error.message}`);
}

const setting = (page: Page, field: string): Locator => page.getByTestId(`breaker-setting-${field}`);
const settingError = (page: Page, field: string): Locator => page.getByTestId(`breaker-setting-error-${field}`);

async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId('status-breaker')).toHaveText('closed');
  await expect(page.getByTestId('status-device-state')).toHaveText('measuring');
  await expect.poll(() => framesRate(page), { timeout: 15_000 }).toBeGreaterThan(100);
}

async function chartBreaks(page: Page): Promise<number> {
  return page.evaluate(() => window.__thChart?.breaks ?? 0);
}

test.afterAll(async ({ host }) => {
  // Whatever happened above, the specs after this one get the default breaker.
  if (JSON.stringify(await breakerOnHost(host.url)) !== JSON.stringify(DEFAULTS)) await setBreakerOnHost(host.url, DEFAULTS);
});

test('a bad value is refused at its field; valid settings apply, persist, take effect; Defaults restores them', async ({ app, host }, testInfo) => {
  await expectLive(app);
  expect(await breakerOnHost(host.url)).toEqual(DEFAULTS);
  await openBreakerSettings(app);
  await expect(setting(app, 'trip-kind')).toHaveValue('consecutive');
  await expect(setting(app, 'trip-failures')).toHaveValue('3');
  await expect(setting(app, 'watchdogMs')).toHaveValue('2000');
  await expect(setting(app, 'halfOpenInitialMs')).toHaveValue('1000');
  await expect(app.getByTestId('breaker-settings-revert')).toBeDisabled();
  // Labelled fields: the watchdog input is found by its label too.
  await expect(app.getByLabel('Read watchdog (ms)')).toHaveValue('2000');

  // ---- Out of range: refused at the field, before the engine; nothing changes.
  await setting(app, 'watchdogMs').fill('5');
  await expect(app.getByTestId('breaker-settings-dirty')).toBeVisible();
  await app.getByTestId('breaker-settings-apply').click();
  const error = settingError(app, 'watchdogMs');
  await expect(error).toHaveText('Must be ≥ 100');
  await expect(setting(app, 'watchdogMs')).toHaveAttribute('aria-invalid', 'true');
  await expect(setting(app, 'watchdogMs')).toBeFocused();
  await expect(app.getByTestId('breaker-settings-applied')).toHaveCount(0);
  expect(await breakerOnHost(host.url)).toEqual(DEFAULTS);
  await app.getByTestId('breaker-settings').screenshot({ path: testInfo.outputPath('breaker-settings-error.png') });
  // Editing the field clears its message; Revert drops the edit.
  await setting(app, 'watchdogMs').fill('50');
  await expect(error).toHaveCount(0);
  await app.getByTestId('breaker-settings-revert').click();
  await expect(setting(app, 'watchdogMs')).toHaveValue('2000');
  await expect(app.getByTestId('breaker-settings-dirty')).toHaveCount(0);

  // Each trip kind has its own fields; switching back keeps what was typed.
  await setting(app, 'trip-kind').selectOption('count');
  await expect(setting(app, 'trip-failures')).toHaveCount(0);
  await expect(setting(app, 'trip-threshold')).toHaveValue('0.5');
  await expect(setting(app, 'trip-size')).toHaveValue('10');
  await setting(app, 'trip-kind').selectOption('consecutive');

  // ---- Valid: one failure in a row trips, the half-open probe comes after 200 ms.
  await setting(app, 'trip-failures').fill('1');
  await setting(app, 'halfOpenInitialMs').fill('200');
  await setting(app, 'halfOpenMaxMs').fill('2000');
  await app.getByTestId('breaker-settings-apply').click();
  await expect(app.getByTestId('breaker-settings-applied')).toBeVisible();
  await expect(app.getByTestId('breaker-settings-dirty')).toHaveCount(0);
  await expect(app.locator('[data-testid^="breaker-setting-error-"]')).toHaveCount(0);
  const applied: BreakerSettings = { ...DEFAULTS, trip: { kind: 'consecutive', failures: 1 }, halfOpenInitialMs: 200, halfOpenMaxMs: 2000 };
  expect(await breakerOnHost(host.url)).toEqual(applied);

  // ---- Persisted: a reload shows them.
  await app.reload();
  await expect(app.getByTestId('statusbar')).toBeVisible();
  await openBreakerSettings(app);
  await expect(setting(app, 'trip-failures')).toHaveValue('1');
  await expect(setting(app, 'halfOpenInitialMs')).toHaveValue('200');
  await expect(setting(app, 'halfOpenMaxMs')).toHaveValue('2000');
  await expectLive(app);

  // ---- In effect: a 3 s stall is one watchdog failure; with 1 in a row the breaker opens, then closes.
  const trips = Number((await app.getByTestId('breaker-trips').innerText()).replace(/\D/g, ''));
  expect(await chartBreaks(app)).toBe(0);
  await shortcut(app, 'Control+8'); // View › Fault injection panel
  await expect(app.getByTestId('fault-panel')).toBeVisible();
  await app.getByTestId('fault-kind').selectOption('stall');
  if (await app.getByTestId('fault-until-stopped').isChecked()) await app.getByTestId('fault-until-stopped').uncheck();
  await app.getByTestId('fault-field-durationMs').fill('3');
  await expect(app.getByTestId('fault-unavailable')).toHaveCount(0);
  await app.getByTestId('fault-inject').click();
  // Open lasts only the short half-open delay, so the trip count and the timeline are what show it.
  await expect(app.getByTestId('breaker-trips')).toHaveText(String(trips + 1), { timeout: 15_000 });
  const opened = app.locator('[data-testid="breaker-transition"][data-from="closed"][data-to="open"]').first();
  await expect(opened).toContainText('no valid frame for 2000 ms');
  await expect(app.getByTestId('status-breaker')).toHaveText('closed', { timeout: 30_000 });
  // The probe came after the short delay (capped at 2 s), not the default 1 … 30 s backoff.
  const snap = await callHost<Snapshot>(host.url, 'getSnapshot');
  if (!snap.ok) throw new Error(snap.error.message);
  const tr = snap.value.breaker.transitions;
  const openAt = tr.findLastIndex((x) => x.from === 'closed' && x.to === 'open');
  const probeAt = tr.findIndex((x, i) => i > openAt && x.from === 'open' && x.to === 'half-open');
  expect(openAt).toBeGreaterThanOrEqual(0);
  expect(probeAt).toBeGreaterThan(openAt);
  expect((tr[probeAt]?.t ?? 0) - (tr[openAt]?.t ?? 0)).toBeLessThanOrEqual(2500);
  await expect(app.getByTestId('breaker-reason')).toHaveText('Closed: the probe received valid frames');
  await expectLive(app);
  // The chart broke its line across the outage instead of joining the points around it.
  await expect.poll(() => chartBreaks(app), { timeout: 10_000 }).toBeGreaterThan(0);
  await app.getByTestId('live-chart').screenshot({ path: testInfo.outputPath('chart-after-outage.png') });

  // ---- Defaults + Apply: back to the default settings.
  await app.getByTestId('breaker-settings-defaults').click();
  await expect(setting(app, 'trip-failures')).toHaveValue('3');
  await expect(setting(app, 'halfOpenInitialMs')).toHaveValue('1000');
  await expect(app.getByTestId('breaker-settings-dirty')).toBeVisible();
  await app.getByTestId('breaker-settings-apply').click();
  await expect(app.getByTestId('breaker-settings-applied')).toBeVisible();
  expect(await breakerOnHost(host.url)).toEqual(DEFAULTS);
});

test('the settings open from the keyboard and follow changes made elsewhere', async ({ app, host }) => {
  await expectLive(app);
  await app.getByTestId('status-breaker').click();
  await expect(app.getByTestId('breaker-panel')).toBeVisible();
  const toggle = app.getByTestId('breaker-settings-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(setting(app, 'watchdogMs')).toBeHidden();
  await toggle.focus();
  await app.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  // Tab order reaches the fields; Enter in a field applies the form.
  await app.keyboard.press('Tab');
  await expect(setting(app, 'enabled')).toBeFocused();
  await setting(app, 'watchdogMs').focus();
  await app.keyboard.press('Control+a');
  await app.keyboard.type('99');
  await app.keyboard.press('Enter');
  await expect(settingError(app, 'watchdogMs')).toHaveText('Must be ≥ 100');
  await app.getByTestId('breaker-settings-revert').click();
  await expect(settingError(app, 'watchdogMs')).toHaveCount(0);

  // Another client (or config reload) changes the settings: the untouched form shows them.
  await setBreakerOnHost(host.url, { ...DEFAULTS, watchdogMs: 2500, trip: { kind: 'count', threshold: 0.6, size: 12 } });
  await expect(setting(app, 'watchdogMs')).toHaveValue('2500');
  await expect(setting(app, 'trip-kind')).toHaveValue('count');
  await expect(setting(app, 'trip-threshold')).toHaveValue('0.6');
  await expect(setting(app, 'trip-size')).toHaveValue('12');

  // An edit in progress is kept when they change again, with a note.
  await setting(app, 'probeFrames').fill('30');
  await setBreakerOnHost(host.url, { ...DEFAULTS, watchdogMs: 3000 });
  await expect(app.getByTestId('breaker-settings-changed')).toBeVisible();
  await expect(setting(app, 'probeFrames')).toHaveValue('30');
  await app.getByTestId('breaker-settings-revert').click();
  await expect(setting(app, 'watchdogMs')).toHaveValue('3000');
  await expect(setting(app, 'trip-kind')).toHaveValue('consecutive');
  await expect(setting(app, 'probeFrames')).toHaveValue('20');

  await app.getByTestId('breaker-settings-defaults').click();
  await app.getByTestId('breaker-settings-apply').click();
  await expect(app.getByTestId('breaker-settings-applied')).toBeVisible();
  expect(await breakerOnHost(host.url)).toEqual(DEFAULTS);
});
