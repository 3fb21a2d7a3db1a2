// Every settings form shows the engine's refusal at the field it names. The forms check
// requests with the same shared schemas as the engine, so a value the schema refuses never
// reaches it; what is left are refusals only the engine can make (a port it cannot open, a
// script it cannot compile, a disk too slow for a flush interval). The page's WebSocket gets
// a stand-in for the engine's answer to the form's one request, worded and addressed as the
// engine words them (`device.link.path: …`); every other message goes to the real host.
// The last test uses a real engine refusal: exporting a session deleted meanwhile.
import type { Page } from '@playwright/test';
import { callHost } from '../helpers/ws-client.js';
import { expect, test } from './fixtures.js';

// A reload and a few form steps each; a loaded 2-core machine needs more than the default minute.
test.describe.configure({ timeout: 150_000 });

interface Refusal {
  method: string;
  /** Only an updateConfig patch with this section (it carries several forms). */
  section?: string;
  issues: { path: string; message: string }[];
}

/**
 * Answers the page's `r.method` request with a validation refusal (the wire format of the
 * host: `{type:'res', id, result}`), counting them in `window.__thRefused`. Reloads so the
 * page starts with it.
 */
async function refuse(page: Page, r: Refusal): Promise<{ refused: () => Promise<number> }> {
  await page.addInitScript((refusal: Refusal) => {
    const w = window as unknown as { __thRefused: number; WebSocket: typeof WebSocket };
    w.__thRefused = 0;
    const Native = w.WebSocket;
    w.WebSocket = class extends Native {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (typeof data === 'string') {
          const m = JSON.parse(data) as { type?: string; id?: number; method?: string; input?: Record<string, unknown> };
          if (m.type === 'req' && m.method === refusal.method && (!refusal.section || (m.input !== undefined && refusal.section in m.input))) {
            w.__thRefused++;
            const issues = refusal.issues.map((i) => ({ path: i.path, message: `${i.path}: ${i.message}` }));
            const result = { ok: false, error: { code: 'validation', message: issues.map((i) => i.message).join('; '), issues } };
            setTimeout(() => this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify({ type: 'res', id: m.id, result }) })), 0);
            return;
          }
        }
        super.send(data);
      }
    };
  }, r);
  await page.reload();
  await expect(page.getByTestId('statusbar')).toBeVisible();
  return { refused: () => page.evaluate(() => (window as unknown as { __thRefused: number }).__thRefused) };
}

async function shortcut(page: Page, keys: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(keys);
}

test('device and link: a serial port the engine cannot open, at the port field', async ({ app }) => {
  const r = await refuse(app, { method: 'configureDevice', issues: [{ path: 'device.link.path', message: 'cannot open /dev/ttyNOPE: no such file or directory' }] });
  await app.getByTestId('device-source').selectOption('serial');
  await app.getByTestId('serial-path').fill('/dev/ttyNOPE');
  await app.getByTestId('device-apply').click();
  const error = app.getByTestId('field-error-link.path');
  await expect(error).toHaveText('cannot open /dev/ttyNOPE: no such file or directory');
  await expect(app.getByTestId('serial-path')).toHaveAttribute('aria-invalid', 'true');
  // The error sits right under the path input it belongs to.
  expect(await app.getByTestId('serial-path').evaluate((el) => el.nextElementSibling?.getAttribute('data-testid'))).toBe('field-error-link.path');
  expect(await r.refused()).toBe(1);
  // Editing the field clears its message.
  await app.getByTestId('serial-path').fill('/dev/ttyUSB0');
  await expect(error).toHaveCount(0);
});

test('link: a TCP port the engine refuses, at the port field; the rate stays clean', async ({ app }) => {
  await refuse(app, { method: 'configureDevice', issues: [{ path: 'device.link.port', message: 'port 4000 is the host’s own port' }] });
  await app.getByTestId('device-source').selectOption('tcp');
  await app.getByTestId('tcp-port').fill('4000');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-link.port')).toHaveText('port 4000 is the host’s own port');
  await expect(app.getByTestId('field-error-rateHz')).toHaveCount(0);
  await expect(app.getByTestId('field-error-root')).toHaveCount(0);
});

test('frame format: a layout field the engine refuses, in its table cell', async ({ app }) => {
  await refuse(app, { method: 'configureDevice', issues: [{ path: 'device.format.layout.0.name', message: 'ch1 is also the sequence field' }] });
  await app.getByTestId('device-source').selectOption('tcp');
  await app.getByTestId('tcp-port').fill('4001');
  await app.getByTestId('format-kind').selectOption('binary');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-format.layout.0.name')).toHaveText('ch1 is also the sequence field');
  expect(await app.getByTestId('format-layout-0-name').evaluate((el) => el.closest('td')?.querySelector('[role="alert"]')?.textContent)).toBe('ch1 is also the sequence field');
});

test('parser script: a compile error from the engine, under the script editor', async ({ app }) => {
  await refuse(app, { method: 'configureDevice', issues: [{ path: 'device.format.source', message: 'SyntaxError: unexpected token ")" (line 2)' }] });
  await app.getByTestId('device-source').selectOption('tcp');
  await app.getByTestId('tcp-port').fill('4002');
  await app.getByTestId('format-kind').selectOption('script');
  await app.getByTestId('format-script-source').fill('function parse(frame) {\n  return [1));\n}');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-format.source')).toHaveText('SyntaxError: unexpected token ")" (line 2)');
  await expect(app.getByTestId('format-script-source')).toHaveAttribute('aria-invalid', 'true');
});

test('breaker settings: the engine’s refusal at the watchdog field', async ({ app }) => {
  await refuse(app, { method: 'updateConfig', section: 'resilience', issues: [{ path: 'resilience.breaker.watchdogMs', message: 'must be longer than the command timeout on this link' }] });
  await shortcut(app, 'Control+7');
  await app.getByTestId('breaker-settings-toggle').click();
  await app.getByTestId('breaker-setting-watchdogMs').fill('3000');
  await app.getByTestId('breaker-settings-apply').click();
  await expect(app.getByTestId('breaker-setting-error-watchdogMs')).toHaveText('must be longer than the command timeout on this link');
  await expect(app.getByTestId('breaker-setting-watchdogMs')).toBeFocused();
  await expect(app.getByTestId('breaker-settings-applied')).toHaveCount(0);
});

test('fault injection: the engine’s refusal at the parameter it names', async ({ app }) => {
  await refuse(app, { method: 'injectFault', issues: [{ path: 'percent', message: 'this link drops no more than 50 % of frames' }] });
  await shortcut(app, 'Control+8');
  await app.getByTestId('fault-kind').selectOption('corrupt');
  await app.getByTestId('fault-field-percent').fill('80');
  await app.getByTestId('fault-inject').click();
  await expect(app.getByTestId('fault-error-percent')).toHaveText('this link drops no more than 50 % of frames');
  await expect(app.getByTestId('fault-active')).toHaveCount(0);
});

test('alarm rules: the engine’s refusal at the rule’s channel and field', async ({ app }) => {
  await refuse(app, { method: 'updateConfig', section: 'alarms', issues: [{ path: 'alarms.rules.0.hi.value', message: 'ch2 reads 4…8: a Hi limit of 100 can never trip' }] });
  await app.getByTestId('alarm-rules').click();
  await app.getByTestId('rule-channel').selectOption({ label: 'ch2' });
  await app.getByTestId('rule-hi.value').fill('100');
  // Another channel is shown when Save is pressed: the form switches to the one with the error.
  await app.getByTestId('rule-channel').selectOption({ label: 'ch1' });
  await app.getByTestId('rules-save').click();
  await expect(app.getByTestId('field-error-hi.value')).toHaveText('ch2 reads 4…8: a Hi limit of 100 can never trip');
  await expect(app.getByTestId('rule-channel')).toHaveValue('1');
  await expect(app.getByTestId('rules-error')).toHaveText('Not saved: check ch2');
  await expect(app.getByTestId('alarm-rules-dialog')).toBeVisible();
});

test('recording settings: the engine’s refusal at the flush field', async ({ app }) => {
  await refuse(app, { method: 'updateConfig', section: 'recording', issues: [{ path: 'recording.flushMs', message: 'the database on this disk cannot commit faster than every 400 ms' }] });
  await shortcut(app, 'Control+4');
  await app.locator('#rec-flush').fill('100');
  await app.getByTestId('rec-settings-save').click();
  await expect(app.getByTestId('field-error-flushMs')).toHaveText('the database on this disk cannot commit faster than every 400 ms');
  expect(await app.locator('#rec-flush').evaluate((el) => el.nextElementSibling?.textContent)).toBe('the database on this disk cannot commit faster than every 400 ms');
});

test('export: the engine’s refusal at the range field', async ({ app }) => {
  await refuse(app, { method: 'startExport', issues: [{ path: 'fromMs', message: 'the session has no data before 12:00:03' }] });
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'recording', { timeout: 15_000 });
  await app.keyboard.press('Control+e');
  const dialog = app.getByTestId('export-dialog');
  await dialog.getByTestId('export-ranged').check();
  await dialog.getByTestId('export-from').fill('1');
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('field-error-fromMs')).toHaveText('the session has no data before 12:00:03');
  await expect(dialog.getByTestId('export-from')).toHaveAttribute('aria-invalid', 'true');
});

test('export: a real engine refusal without a field (the session was deleted) is the form’s message', async ({ app, host }) => {
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'recording', { timeout: 15_000 });
  await app.getByTestId('btn-stop').click();
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'idle');
  await app.keyboard.press('Control+e');
  const dialog = app.getByTestId('export-dialog');
  const id = Number(await dialog.getByTestId('export-session').inputValue());
  const deleted = await callHost(host.url, 'deleteSession', { sessionId: id });
  expect(deleted.ok).toBe(true);
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-error')).toContainText(`session ${id} does not exist`);
  await expect(dialog.getByTestId('export-progress')).toHaveAttribute('data-state', 'idle');
});
