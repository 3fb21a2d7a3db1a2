// Resilience as an operator meets it in the browser host, with the default breaker
// settings (3 consecutive failures, 2 s watchdog, 1 s / 20 bad-frame window, half-open
// after ~1 s with backoff): faults injected from the Faults panel (Ctrl+8) open the
// breaker — status bar, Breaker panel (Ctrl+7), stale chart, SafeState — and it closes
// again once the fault has ended; the journal lists what was done; Isolate and Reset
// work; the form refuses out-of-range values at the field and says why a fault cannot
// be injected while the device is disconnected.
//
// The engine lives across the tests of a worker, so breaker trips, transitions and the
// fault journal accumulate: every count here is taken relative to the test's start.
import type { Locator, Page } from '@playwright/test';
import { expect, framesRate, test } from './fixtures.js';

/** Open → half-open → closed needs the fault to end plus a probe after an exponential backoff. */
const OPEN_TIMEOUT = 20_000;
const CLOSE_TIMEOUT = 30_000;

/** A View shortcut; shortcuts yield while a text field or select has focus, so focus leaves it first. */
async function shortcut(page: Page, keys: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(keys);
}

async function openFaultPanel(page: Page): Promise<Locator> {
  const panel = page.getByTestId('fault-panel');
  if (!(await panel.isVisible())) await shortcut(page, 'Control+8'); // View › Fault injection panel
  await expect(panel).toBeVisible();
  return panel;
}

async function openBreakerPanel(page: Page): Promise<Locator> {
  const panel = page.getByTestId('breaker-panel');
  if (!(await panel.isVisible())) await shortcut(page, 'Control+7'); // View › Breaker panel
  await expect(panel).toBeVisible();
  return panel;
}

async function trips(page: Page): Promise<number> {
  return Number((await page.getByTestId('breaker-trips').innerText()).replace(/\D/g, ''));
}

/** Selects a kind and fills its fields (`durationSec` in seconds, as the form asks). */
async function injectFault(page: Page, kind: string, fields: Record<string, string>, durationSec: string): Promise<void> {
  await page.getByTestId('fault-kind').selectOption(kind);
  for (const [name, value] of Object.entries(fields)) await page.getByTestId(`fault-field-${name}`).fill(value);
  await page.getByTestId('fault-field-durationMs').fill(durationSec);
  await expect(page.getByTestId('fault-unavailable')).toHaveCount(0);
  await page.getByTestId('fault-inject').click();
}

async function expectLive(page: Page): Promise<void> {
  await expect(page.getByTestId('status-breaker')).toHaveText('closed');
  await expect(page.getByTestId('status-breaker')).toHaveAttribute('data-state', 'closed');
  await expect(page.getByTestId('status-breaker-reason')).toHaveCount(0);
  await expect(page.getByTestId('chart-stale')).toHaveCount(0);
  await expect(page.getByTestId('status-device-state')).toHaveText('measuring');
  await expect.poll(() => framesRate(page), { timeout: 15_000 }).toBeGreaterThan(100);
}

/** The breaker is open: status bar, Breaker panel, stale chart and SafeState all say so. */
async function expectOpen(page: Page, reason: RegExp): Promise<void> {
  const cell = page.getByTestId('status-breaker');
  await expect(cell).toHaveText('open', { timeout: OPEN_TIMEOUT });
  await expect(cell).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('breaker-state')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('breaker-reason')).toContainText(reason);
  await expect(page.getByTestId('status-breaker-reason')).toContainText(/^Open: /);
  const stale = page.getByTestId('chart-stale');
  await expect(stale).toBeVisible();
  await expect(stale).toContainText('Data stale — breaker open');
  await expect(page.getByTestId('status-device-state')).toHaveText('safe');
}

async function expectClosedAgain(page: Page): Promise<void> {
  await expect(page.getByTestId('status-breaker')).toHaveText('closed', { timeout: CLOSE_TIMEOUT });
  await expect(page.getByTestId('breaker-state')).toHaveAttribute('data-state', 'closed');
  await expect(page.getByTestId('breaker-reason')).toHaveText('Closed: the probe received valid frames');
  await expect(page.getByTestId('chart-stale')).toHaveCount(0);
  await expect(page.getByTestId('status-device-state')).toHaveText('measuring');
  await expect.poll(() => framesRate(page), { timeout: 15_000 }).toBeGreaterThan(100);
}

function journalEntry(page: Page, kind: string, action: string): Locator {
  return page.locator(`[data-testid="fault-journal-entry"][data-kind="${kind}"][data-action="${action}"]`);
}

test('disconnect now and corrupt 50 % open the breaker, it closes after each, the journal lists both', async ({ app }, testInfo) => {
  await expectLive(app);
  await openFaultPanel(app);
  const breakerPanel = await openBreakerPanel(app);
  await expect(breakerPanel.getByTestId('breaker-state')).toHaveText('closed');
  const tripsBefore = await trips(app);
  const transitionsBefore = await app.getByTestId('breaker-transition').count();
  const journalBefore = {
    disconnect: await journalEntry(app, 'disconnect', 'injected').count(),
    corrupt: await journalEntry(app, 'corrupt', 'injected').count(),
  };

  // ---- Disconnect now, for 5 s: the link is lost and every reopen fails until it ends.
  await injectFault(app, 'disconnect', {}, '5');
  await expect(journalEntry(app, 'disconnect', 'injected')).toHaveCount(journalBefore.disconnect + 1);
  await expectOpen(app, /^Open: /);
  // The failure counters name what counted: the link was lost, reopening failed.
  await expect(app.getByTestId('breaker-failures-link-lost')).not.toHaveText('0');
  await expect(app.getByTestId('breaker-trips')).toHaveText(String(tripsBefore + 1));
  // The link is being re-established (probes), so faults still apply to it (e.g. to keep it down longer).
  await expect(app.getByTestId('fault-unavailable')).toHaveCount(0);
  await expect(app.getByTestId('fault-inject')).toBeEnabled();
  await app.screenshot({ path: testInfo.outputPath('breaker-open-disconnect.png') });

  await expectClosedAgain(app);
  await expect(journalEntry(app, 'disconnect', 'expired').first()).toBeVisible();
  await expect(app.getByTestId('fault-active')).toHaveCount(0);
  await expect(app.getByTestId('breaker-trips')).toHaveText(String(tripsBefore + 1));
  await expect(app.getByTestId('fault-inject')).toBeEnabled();

  // ---- Corrupt 50 % of the frames for 5 s: bad-frame bursts in the health windows.
  await injectFault(app, 'corrupt', { percent: '50' }, '5');
  const activeCorrupt = app.locator('[data-testid="fault-active"][data-kind="corrupt"]');
  // The fault is listed until it ends (the breaker opening does not clear it).
  await expect(activeCorrupt).toBeVisible();
  await expect(activeCorrupt.getByTestId('fault-params')).toContainText('percent 50 %');
  await expectOpen(app, /rejected frames/);
  await expect(app.getByTestId('breaker-failures-bad-frames')).not.toHaveText('0');
  await expect(app.getByTestId('breaker-trips')).toHaveText(String(tripsBefore + 2));
  await app.screenshot({ path: testInfo.outputPath('breaker-open-corrupt.png') });

  await expectClosedAgain(app);
  await expect(activeCorrupt).toHaveCount(0);
  await expect(app.getByTestId('fault-active-count')).toHaveText('0');

  // ---- The journal lists both faults, newest first, with their parameters.
  const corruptInjected = journalEntry(app, 'corrupt', 'injected');
  await expect(corruptInjected).toHaveCount(journalBefore.corrupt + 1);
  await expect(corruptInjected.first()).toContainText('Corrupt frames');
  await expect(corruptInjected.first()).toContainText('percent 50 %');
  await expect(corruptInjected.first()).toContainText('for 5.0 s');
  await expect(journalEntry(app, 'corrupt', 'expired').first()).toBeVisible();
  const disconnectInjected = journalEntry(app, 'disconnect', 'injected');
  await expect(disconnectInjected).toHaveCount(journalBefore.disconnect + 1);
  await expect(disconnectInjected.first()).toContainText('Disconnect now');
  await expect(disconnectInjected.first()).toContainText('for 5.0 s');
  const rows = app.getByTestId('fault-journal-entry');
  const kinds = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-action')}`));
  expect(kinds.indexOf('corrupt:injected'), 'the corrupt fault (newer) is listed above the disconnect').toBeLessThan(kinds.indexOf('disconnect:injected'));

  // ---- The timeline: two trips, each closed → open, and two closes from half-open, newest first.
  const transitions = app.getByTestId('breaker-transition');
  await expect.poll(() => transitions.count()).toBeGreaterThanOrEqual(transitionsBefore + 6); // 2 × (closed→open, open→half-open, half-open→closed)
  const newOnes = (await transitions.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`))).slice(
    0,
    (await transitions.count()) - transitionsBefore,
  );
  expect(newOnes[0]).toBe('half-open>closed');
  expect(newOnes.filter((t) => t === 'closed>open')).toHaveLength(2);
  expect(newOnes.filter((t) => t === 'half-open>closed')).toHaveLength(2);
  expect(newOnes.at(-1)).toBe('closed>open');
});

test('Isolate holds the breaker open in SafeState until Reset; the status-bar cell opens the panel', async ({ app }) => {
  await expectLive(app);
  await expect(app.getByTestId('breaker-panel')).toHaveCount(0); // hidden by default
  await app.getByTestId('status-breaker').click();
  const panel = app.getByTestId('breaker-panel');
  await expect(panel).toBeVisible();
  const tripsBefore = await trips(app);
  const transitionsBefore = await app.getByTestId('breaker-transition').count();
  await expect(app.getByTestId('breaker-reset')).toBeDisabled();
  await expect(app.getByTestId('breaker-isolate')).toBeEnabled();

  await app.getByTestId('breaker-isolate').click();
  await expect(app.getByTestId('status-breaker')).toHaveText('isolated');
  await expect(app.getByTestId('status-breaker')).toHaveAttribute('data-state', 'isolated');
  await expect(app.getByTestId('status-breaker-reason')).toHaveText('Isolated by operator');
  await expect(app.getByTestId('breaker-state')).toHaveText('isolated');
  await expect(app.getByTestId('breaker-reason')).toHaveText('Isolated by operator');
  await expect(app.getByTestId('status-device-state')).toHaveText('safe');
  await expect(app.getByTestId('status-device-reason')).toContainText('isolated by operator');
  await expect(app.getByTestId('status-link')).toHaveText('disconnected');
  await expect(app.getByTestId('chart-stale')).toBeVisible();
  await expect(app.getByTestId('chart-stale')).toContainText('breaker isolated');
  await expect.poll(() => framesRate(app), { timeout: 15_000 }).toBe(0);
  await expect(app.getByTestId('breaker-isolate')).toBeDisabled();
  await expect(app.getByTestId('breaker-reset')).toBeEnabled();
  const newest = app.getByTestId('breaker-transition').first();
  await expect(newest).toHaveAttribute('data-from', 'closed');
  await expect(newest).toHaveAttribute('data-to', 'isolated');
  // Isolation is no trip, and no probe ever closes it: it stays isolated well past the half-open delay.
  await expect(app.getByTestId('breaker-trips')).toHaveText(String(tripsBefore));
  await expect(app.getByTestId('status-breaker-probe')).toHaveCount(0);

  await app.getByTestId('breaker-reset').click();
  await expect(app.getByTestId('status-breaker')).toHaveText('closed');
  await expect(app.getByTestId('breaker-state')).toHaveText('closed');
  await expect(app.getByTestId('breaker-reason')).toHaveText('Reset by operator');
  await expect(app.getByTestId('breaker-reset')).toBeDisabled();
  await expect(app.getByTestId('breaker-isolate')).toBeEnabled();
  await expectLive(app);
  await expect(app.getByTestId('status-link')).toHaveText('connected');
  await expect(app.getByTestId('breaker-transition')).toHaveCount(transitionsBefore + 2);
  await expect(newest).toHaveAttribute('data-from', 'isolated');
  await expect(newest).toHaveAttribute('data-to', 'closed');
  await expect(app.getByTestId('breaker-trips')).toHaveText(String(tripsBefore));

  // Ctrl+7 hides the panel again.
  await shortcut(app, 'Control+7');
  await expect(panel).toHaveCount(0);
});

test('an out-of-range percentage is refused at its field and nothing is injected', async ({ app }) => {
  await expectLive(app);
  const panel = await openFaultPanel(app);
  const journal = app.getByTestId('fault-journal-entry');
  const journalBefore = await journal.count();

  await app.getByTestId('fault-kind').selectOption('corrupt');
  await app.getByTestId('fault-field-percent').fill('150');
  await app.getByTestId('fault-inject').click();
  const error = app.getByTestId('fault-error-percent');
  await expect(error).toBeVisible();
  await expect(error).toContainText('100');
  await expect(app.getByTestId('fault-field-percent')).toHaveAttribute('aria-invalid', 'true');
  // The engine answered with the issue: nothing scheduled, nothing journaled, the link untouched.
  await expect(app.getByTestId('fault-active-count')).toHaveText('0');
  await expect(app.getByTestId('fault-active')).toHaveCount(0);
  await expect(journal).toHaveCount(journalBefore);
  await expect(app.getByTestId('status-breaker')).toHaveText('closed');

  // Not a number at all: refused in the form, before the engine.
  await app.getByTestId('fault-field-durationMs').fill('soon');
  await app.getByTestId('fault-inject').click();
  await expect(app.getByTestId('fault-error-durationMs')).toContainText('seconds');

  // Editing a field clears its message.
  await app.getByTestId('fault-field-percent').fill('50');
  await expect(error).toHaveCount(0);
  await app.getByTestId('fault-field-durationMs').fill('3');
  await expect(app.getByTestId('fault-error-durationMs')).toHaveCount(0);
  await expect(journal).toHaveCount(journalBefore);

  // Ctrl+8 hides the panel (once focus has left the text field: shortcuts yield to typing).
  await shortcut(app, 'Control+8');
  await expect(panel).toHaveCount(0);
});

test('while the device is disconnected the panel says why nothing can be injected', async ({ app }) => {
  await expectLive(app);
  await openFaultPanel(app);
  await expect(app.getByTestId('fault-unavailable')).toHaveCount(0);
  await expect(app.getByTestId('fault-inject')).toBeEnabled();

  await app.getByTestId('btn-disconnect').click();
  await expect(app.getByTestId('status-link')).toHaveText('disconnected');
  const why = app.getByTestId('fault-unavailable');
  await expect(why).toBeVisible();
  await expect(why).toHaveText('Connect the device first: faults are injected into a live link');
  await expect(app.getByTestId('fault-inject')).toBeDisabled();
  // Every kind, link or device, gives the same reason; the kind can still be chosen.
  for (const kind of ['disconnect', 'corrupt', 'stuck']) {
    await app.getByTestId('fault-kind').selectOption(kind);
    await expect(why).toHaveText('Connect the device first: faults are injected into a live link');
    await expect(app.getByTestId('fault-inject')).toBeDisabled();
  }
  await expect(app.getByTestId('fault-kind').locator('option')).toHaveCount(14);
  await expect(app.getByTestId('status-breaker')).toHaveText('closed');

  await app.getByTestId('btn-connect').click();
  await expect(app.getByTestId('status-link')).toHaveText('connected');
  await expect(why).toHaveCount(0);
  await expect(app.getByTestId('fault-inject')).toBeEnabled();
});
