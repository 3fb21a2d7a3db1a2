// Replay, MQTT and Modbus from the operator's side: a CSV file configured through the replay
// dialog with its preview and applied from the device panel; pause, seek and speed reflected in the
// Replay panel (reading the values back from the plot is still fixme); a Modbus register write asks
// for confirmation first, and the integrity panel counts a failing register block's exceptions.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { emptyBank, startModbusTcp, type ModbusTestServer, type RegisterBank } from '../helpers/modbus-server.js';
import { callHost } from '../helpers/ws-client.js';
import { expect, test } from './fixtures.js';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const ROWS = 400;
let dir: string;
let csvPath: string;
let bank: RegisterBank;
let modbus: ModbusTestServer;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'th-e2e-sources-'));
  csvPath = join(dir, 'run.csv');
  // temp = i, flow = i / 2, every 10 ms; line 6 is malformed.
  const lines = ['time;temp;flow', ...Array.from({ length: ROWS }, (_, i) => `${T0 + i * 10};${i};${i / 2}`)];
  lines.splice(5, 0, `${T0 + 35};oops;1`);
  writeFileSync(csvPath, lines.join('\n') + '\n');
  bank = emptyBank();
  bank.holding.set(300, 40);
  bank.failing.add(20);
  modbus = await startModbusTcp(bank);
});

test.afterAll(async () => {
  await modbus?.close();
  rmSync(dir, { recursive: true, force: true });
});

const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/[^\d.-]/g, ''));

async function plotData(app: Page, id: string): Promise<number[][]> {
  return app.evaluate((pid) => window.__thPlots?.[pid]?.data() ?? [], id);
}

test('a CSV file replayed through the dialog: previewed first, marked as a replay, its bad rows and speed shown', async ({ app }) => {
  test.setTimeout(180_000); // many steps through a dialog; slow on a loaded 2-core machine
  await app.getByTestId('device-source').selectOption('replay');
  await expect(app.getByTestId('replay-summary')).toHaveText('not configured yet');
  await app.getByTestId('replay-configure').click();
  const dialog = app.getByTestId('replay-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('replay-csv-path').fill(csvPath);
  await dialog.getByTestId('replay-csv-separator').selectOption(';');
  await dialog.getByTestId('replay-csv-time-format').selectOption('epoch-ms');
  await dialog.getByTestId('csv-preview-button').click();

  // The preview: the header, channels mapped from it, exact values and the bad row by line.
  const preview = dialog.getByTestId('csv-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('csv-preview-header')).toHaveText('time | temp | flow');
  await expect(dialog.getByTestId('csv-column-name-0')).toHaveValue('temp');
  await expect(dialog.getByTestId('csv-column-name-1')).toHaveValue('flow');
  const row3 = preview.getByTestId('csv-preview-row-3');
  await expect(row3.getByTestId('csv-preview-time')).toHaveAttribute('data-ms', String(T0 + 10));
  await expect(row3.getByTestId('csv-preview-value-0')).toHaveText('1');
  await expect(row3.getByTestId('csv-preview-value-1')).toHaveText('0.5');
  await expect(preview.getByTestId('csv-preview-row-5').getByTestId('csv-preview-value-0')).toHaveText('3');
  await expect(preview.getByTestId('csv-preview-bad-rows')).toHaveText('line 6: column 2: "oops" is not a number');
  await expect(preview.locator('[data-testid^="csv-preview-row-"]')).toHaveCount(19); // 20 data lines previewed, one bad

  await dialog.getByTestId('csv-column-unit-0').fill('°C');
  await dialog.getByTestId('source-dialog-ok').click();
  await expect(dialog).toHaveCount(0);
  // The dialog's result is the device form's pending source: still Replay, summarised, sent by Apply.
  await expect(app.getByTestId('device-source')).toHaveValue('replay');
  await expect(app.getByTestId('replay-summary')).toContainText('run.csv');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('status-link-reason')).toContainText('replay of run.csv');
  const host = new URL(app.url()).origin;
  for (const cmd of ['connect', 'start']) {
    const state = await app.getByTestId('status-device-state').innerText();
    if (state !== 'measuring') await callHost(host, 'deviceCommand', cmd);
  }
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');

  // Marked as a replay in the status bar; the Replay panel (Ctrl+Shift+P) controls it.
  await expect(app.getByTestId('status-replay')).toContainText('REPLAY');
  const panel = app.getByTestId('replay-panel');
  if (!(await panel.isVisible())) await app.keyboard.press('Control+Shift+P'); // View › Replay
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('replay-description')).toHaveText('replay of run.csv');
  await expect(panel.getByTestId('replay-frames')).toHaveText(String(ROWS));
  await expect(panel.getByTestId('replay-bad-count')).toHaveText('1');
  await expect(panel.getByTestId('replay-bad-rows')).toHaveText('line 6: column 2: "oops" is not a number');

  // Slow it down: 0.1× shows in the panel and the status bar.
  await panel.getByTestId('replay-speed').selectOption('0.1');
  await expect(panel.getByTestId('replay-speed-label')).toHaveText('0.1×');
  await expect(app.getByTestId('status-replay')).toContainText('0.1×');
});

/** Every test starts from the simulated device (fixtures): the CSV replay at `speed`, set up through
 * the API (the dialog path is the test above), measuring, with the Replay panel shown. */
async function startCsvReplay(app: Page, speed: number): Promise<void> {
  const host = new URL(app.url()).origin;
  const link = {
    kind: 'replay',
    speed,
    source: { type: 'csv', path: csvPath, mapping: { separator: ';', timeFormat: 'epoch-ms', timeColumn: 0, columns: [{ column: 1, name: 'temp', unit: '°C' }, { column: 2, name: 'flow' }] } },
  };
  expect((await callHost(host, 'configureDevice', { source: 'replay', link, autoStart: false })).ok).toBe(true);
  await expect(app.getByTestId('status-link-reason')).toContainText('replay of run.csv');
  for (const cmd of ['connect', 'start']) {
    const state = await app.getByTestId('status-device-state').innerText();
    if (state !== 'measuring') await callHost(host, 'deviceCommand', cmd);
  }
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  if (!(await app.getByTestId('replay-panel').isVisible())) await app.keyboard.press('Control+Shift+P'); // View › Replay
  await expect(app.getByTestId('replay-panel')).toBeVisible();
}

test('the replay panel pauses, seeks and plays as fast as possible to the end', async ({ app }) => {
  test.setTimeout(120_000);
  await startCsvReplay(app, 0.1); // 0.1×: the 4 s file takes 40 s, still playing when paused
  const panel = app.getByTestId('replay-panel');
  await expect(panel).toHaveAttribute('data-state', 'playing');
  await expect(panel.getByTestId('replay-speed-label')).toHaveText('0.1×');
  // Pause: the state says so and no frame is sent meanwhile.
  await expect(panel.getByTestId('replay-play')).toHaveText('Pause');
  await panel.getByTestId('replay-play').click();
  await expect(panel).toHaveAttribute('data-state', 'paused');
  await expect(app.getByTestId('status-replay')).toHaveAttribute('data-state', 'paused');
  const sentAtPause = await num(app, 'replay-frames-sent');

  // Seek to the middle of the 3.99 s span (slider step 500 of 1000 = 1.995 s): the first frame at or after it.
  await panel.getByTestId('replay-slider').fill('500');
  await expect(panel.getByTestId('replay-position')).toHaveAttribute('data-ms', String(T0 + 2000));
  await expect(panel).toHaveAttribute('data-state', 'paused');
  // The seek's status came after the pause's: still no frame sent since the pause.
  expect(await num(app, 'replay-frames-sent')).toBe(sentAtPause);

  // As fast as possible, resume: it plays to the end, the last row's time and every row after the seek sent.
  await panel.getByTestId('replay-speed').selectOption('max');
  await expect(panel.getByTestId('replay-speed-label')).toHaveText('as fast as possible');
  await panel.getByTestId('replay-play').click();
  await expect(panel).toHaveAttribute('data-state', 'ended', { timeout: 20_000 });
  await expect(app.getByTestId('status-replay')).toHaveAttribute('data-state', 'ended');
  await expect(panel.getByTestId('replay-position')).toHaveAttribute('data-ms', String(T0 + (ROWS - 1) * 10));
  await expect(panel.getByTestId('replay-play')).toHaveText('Play again');
});

// FIXME (sources-ui): the time plot of temp/flow stops drawing ~0.1 s of sample time after the resume
// (last drawn x = T0 + 2.06…2.13 s, probe draws stuck at 2, plot shown and in view, also at 100× instead
// of as fast as possible), so the read-back below never sees the last row. Not explained yet: look at
// the plots' live window with old sample times (2026-01 data replayed later) after a seek.
test.fixme('a replayed CSV file is drawn with its values: every plotted temp is its row number', async ({ app }) => {
  await startCsvReplay(app, 0.1);
  const panel = app.getByTestId('replay-panel');
  await panel.getByTestId('replay-play').click();
  await expect(panel).toHaveAttribute('data-state', 'paused');
  await panel.getByTestId('replay-slider').fill('500');
  await expect(panel.getByTestId('replay-position')).toHaveAttribute('data-ms', String(T0 + 2000));
  await panel.getByTestId('replay-speed').selectOption('max');
  await expect(panel.getByTestId('replay-speed-label')).toHaveText('as fast as possible');

  // A time plot of the replay's channels (the default plot was made for the simulator's), in view.
  await app.keyboard.press('Control+0'); // View › Plots
  await expect(app.getByTestId('plots-panel')).toBeVisible();
  const before = await app.evaluate(() => Object.keys(window.__thPlots ?? {}));
  await app.getByTestId('plots-add-time').click();
  await expect.poll(() => app.evaluate((old) => Object.keys(window.__thPlots ?? {}).filter((k) => !old.includes(k)), before)).toHaveLength(1);
  const plotId = (await app.evaluate((old) => Object.keys(window.__thPlots ?? {}).filter((k) => !old.includes(k)), before))[0] ?? '';
  expect(await app.evaluate((id) => window.__thPlots?.[id]?.labels ?? [], plotId)).toEqual(['temp', 'flow']);
  await app.getByTestId(`plot-${plotId}`).scrollIntoViewIfNeeded(); // a plot out of view draws nothing

  // Resume through the API: Plots and Replay share a tab group, and the plot must be shown while it plays.
  expect((await callHost(new URL(app.url()).origin, 'replayControl', { action: 'resume' })).ok).toBe(true);
  await expect(app.getByTestId('status-replay')).toHaveAttribute('data-state', 'ended', { timeout: 20_000 });

  // Read back from the plot: every drawn temp is the row number its time says, up to the last row.
  await expect.poll(async () => (await plotData(app, plotId))[0]?.at(-1), { timeout: 15_000 }).toBe((T0 + (ROWS - 1) * 10) / 1000);
  const [t, temp, flow] = await plotData(app, plotId);
  expect(temp?.at(-1)).toBe(ROWS - 1);
  expect(flow?.at(-1)).toBe((ROWS - 1) / 2);
  const wrong = (t ?? []).map((s, k) => ({ row: Math.round((s * 1000 - T0) / 10), temp: temp?.[k] })).filter((p) => p.temp !== null && p.temp !== undefined && !Number.isNaN(p.temp) && p.temp !== p.row);
  expect(wrong).toEqual([]);
});

test('a Modbus register write from the console asks first; the integrity panel counts the failing block', async ({ app }) => {
  test.setTimeout(120_000);
  const configured = await callHost(new URL(app.url()).origin, 'configureDevice', {
    source: 'modbus',
    link: {
      kind: 'modbus',
      transport: { mode: 'tcp', host: '127.0.0.1', port: modbus.port },
      pollMs: 50,
      lostAfterFailedPolls: 1000,
      registers: [
        { name: 'setpoint', area: 'holding', address: 300, scale: 0.5, unit: '°C' },
        { name: 'broken', area: 'input', address: 20 },
      ],
    },
    autoStart: false,
  });
  expect(configured.ok).toBe(true);
  if ((await app.getByTestId('status-link').innerText()) !== 'connected') await callHost(new URL(app.url()).origin, 'deviceCommand', 'connect');
  await expect(app.getByTestId('status-link')).toHaveText('connected', { timeout: 15_000 });

  const input = app.getByTestId('console-input');
  if (!(await input.isVisible())) await app.keyboard.press('Control+5'); // View › Console
  await expect(input).toBeVisible();
  await app.getByTestId('console-line-ending').selectOption('lf');

  // A read-only register is refused at the field, with nothing sent and no question asked.
  await input.fill('write broken 3');
  await app.getByTestId('console-send').click();
  await expect(app.getByTestId('field-error-data')).toHaveText('"broken" is an input register: read-only');
  await expect(app.getByTestId('modbus-write-confirm')).toHaveCount(0);

  // Cancel: nothing is written.
  await input.fill('write setpoint 21');
  await app.getByTestId('console-send').click();
  const confirm = app.getByTestId('modbus-write-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm.getByTestId('modbus-write-question')).toHaveText('Write 21 °C to setpoint (holding register 300) on the device?');
  await confirm.getByTestId('confirm-cancel').click();
  await expect(confirm).toHaveCount(0);
  await app.waitForTimeout(300);
  expect(bank.writes).toEqual([]);

  // Confirmed: the device register gets the raw value (21 / scale 0.5 = 42).
  await app.getByTestId('console-send').click();
  await expect(confirm).toBeVisible();
  await confirm.getByTestId('confirm-ok').click();
  await expect.poll(() => bank.writes, { timeout: 10_000 }).toEqual([{ kind: 'register', address: 300, value: 42 }]);

  // Data integrity (Ctrl+6): every poll of the input block at 20 was an exception.
  if ((await app.getByTestId('status-device-state').innerText()) !== 'measuring') {
    expect((await callHost(new URL(app.url()).origin, 'deviceCommand', 'start')).ok).toBe(true);
  }
  if (!(await app.getByTestId('integrity-panel').isVisible())) await app.keyboard.press('Control+6'); // View › Data integrity
  const row = app.getByTestId('modbus-block-input-20');
  await expect(row).toBeVisible();
  // Both cells of one render, read at once (the report updates up to 4 times a second).
  const cells = () =>
    row.evaluate((tr) => ['polls', 'exceptions', 'timeouts'].map((k) => Number((tr.querySelector(`[data-testid="modbus-block-${k}"]`)?.textContent ?? '').replace(/\D/g, ''))));
  await expect.poll(async () => (await cells())[1], { timeout: 15_000 }).toBeGreaterThan(2);
  const [polls, exceptions, timeouts] = await cells();
  expect(exceptions).toBe(polls);
  expect(timeouts).toBe(0);
  await expect(app.getByTestId('modbus-block-holding-300').getByTestId('modbus-block-exceptions')).toHaveText('0');
});
