// Alarms as an operator meets them in the browser host: a rule set in the Rules dialog
// raises an alarm that flashes until acknowledged; shelving hides it for its duration;
// the status bar counts unacknowledged alarms throughout.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

const ROW = 'alarm-row-ch3:level';

async function openRules(page: Page): Promise<void> {
  await page.getByTestId('alarm-rules').click();
  await expect(page.getByTestId('alarm-rules-dialog')).toBeVisible();
}

async function animationName(page: Page, testId: string): Promise<string> {
  return page.getByTestId(testId).evaluate((el) => getComputedStyle(el).animationName);
}

test('rules are checked at the field; nothing is saved from a bad form', async ({ app }) => {
  await openRules(app);
  await app.getByTestId('rule-channel').selectOption({ label: 'ch1' });
  await app.getByTestId('rule-hi.value').fill('1');
  await app.getByTestId('rule-lo.value').fill('2');
  await app.getByTestId('rule-onDelaySec').fill('-1');
  await app.getByTestId('rules-save').click();
  await expect(app.getByTestId('field-error-hi.value')).toContainText('Hi (1) must be above Lo (2)');
  await expect(app.getByTestId('field-error-onDelaySec')).toContainText('onDelaySec must be ≥ 0');
  await expect(app.getByTestId('rules-error')).toContainText('ch1');
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('alarm-list')).toContainText('No active alarms');
  // View › Alarm panel (Ctrl+3) hides and shows the panel.
  await app.keyboard.press('Control+3');
  await expect(app.getByTestId('alarm-panel')).toBeHidden();
  await app.keyboard.press('Control+3');
  await expect(app.getByTestId('alarm-panel')).toBeVisible();
});

test('an alarm appears and flashes, Ack stops the flashing, Shelve hides it for its duration', async ({ app }) => {
  await expect(app.getByTestId('status-alarms')).toHaveText('0');
  // ch3 is a square wave between 4 and 8: a Hi limit at 2 holds for as long as it runs.
  await openRules(app);
  await app.getByTestId('rule-channel').selectOption({ label: 'ch3' });
  await app.getByTestId('rule-hi.value').fill('2');
  await app.getByTestId('rule-priority').selectOption('critical');
  await app.getByTestId('rule-message').fill('ch3 over range');
  await app.getByTestId('rules-save').click();
  await expect(app.getByTestId('alarm-rules-dialog')).toBeHidden();

  const row = app.getByTestId(ROW);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-flashing', 'true');
  await expect(row).toContainText('Critical');
  await expect(row).toContainText('ch3 over range');
  expect(await animationName(app, ROW)).toBe('alarm-flash');
  // The live chart draws the Hi limit line of ch3 and a marker where the alarm started.
  await expect
    .poll(() => app.evaluate(() => (window as unknown as { __thChart?: { alarmMarks?: number } }).__thChart?.alarmMarks ?? 0))
    .toBeGreaterThanOrEqual(2);
  await expect(app.getByTestId('status-alarms')).toHaveText('1');
  await expect(app.getByTestId('alarm-count-critical')).toContainText('1');
  await expect(app.getByTestId('alarm-ack-all')).toBeVisible();

  await app.getByTestId('alarm-ack-ch3:level').click();
  await expect(row).toHaveAttribute('data-flashing', 'false');
  await expect(row).toHaveAttribute('data-state', 'ack');
  expect(await animationName(app, ROW)).toBe('none');
  await expect(app.getByTestId('status-alarms')).toHaveText('0');
  // The journal names who acknowledged (the OS user running the host).
  await expect(app.getByTestId('alarm-journal').getByTestId('journal-row').filter({ hasText: 'ack' }).first()).toBeVisible();

  await app.getByTestId('alarm-shelve-ch3:level').click();
  await app.getByTestId('shelve-duration').selectOption('custom');
  await app.getByTestId('shelve-minutes').fill('0.1'); // 6 s
  await app.getByTestId('shelve-confirm').click();
  await expect(app.getByTestId('shelve-error')).toContainText('Reason');
  await app.getByTestId('shelve-reason').fill('sensor being replaced');
  await app.getByTestId('shelve-confirm').click();
  await expect(row).toBeHidden();
  await expect(app.getByTestId('alarm-shelved-ch3:level')).toContainText('sensor being replaced');
  await expect(app.getByTestId('alarm-list')).toContainText('No active alarms');
  await expect(app.getByTestId('status-alarms')).toHaveText('0');

  // After its duration the still-active alarm is back, unacknowledged and flashing.
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toHaveAttribute('data-flashing', 'true');
  await expect(app.getByTestId('status-alarms')).toHaveText('1');

  // Unshelve early works too.
  await app.getByTestId('alarm-shelve-ch3:level').click();
  await app.getByTestId('shelve-reason').fill('again');
  await app.getByTestId('shelve-confirm').click();
  await expect(row).toBeHidden();
  await app.getByTestId('alarm-unshelve-ch3:level').click();
  await expect(row).toBeVisible();
  await app.getByTestId('alarm-ack-all').click();
  await expect(app.getByTestId('status-alarms')).toHaveText('0');
  await app.getByTestId('journal-filter').fill('shelve');
  await expect(app.getByTestId('journal-row').first()).toContainText('shelve');
});

test('reduced motion: unacknowledged alarms are marked without flashing', async ({ app }) => {
  await app.emulateMedia({ reducedMotion: 'reduce' });
  // ch4 is noise around 9: a Lo limit at 100 holds all the time.
  await openRules(app);
  await app.getByTestId('rule-channel').selectOption({ label: 'ch4' });
  await app.getByTestId('rule-lo.value').fill('100');
  await app.getByTestId('rules-save').click();
  const row = app.getByTestId('alarm-row-ch4:level');
  await expect(row).toHaveAttribute('data-flashing', 'true');
  expect(await animationName(app, 'alarm-row-ch4:level')).toBe('none');
  await expect(row).toContainText('UNACK');
  expect(await row.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('dashed');
});
