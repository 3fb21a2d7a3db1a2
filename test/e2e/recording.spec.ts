// Recording as an operator uses it in the browser host: the status bar shows REC,
// a stopped session appears in the Sessions panel, File › Export… exports a range of
// two channels with a progress bar reaching 100 %, and the downloaded file matches.
import { readFile } from 'node:fs/promises';
import { parseCsv } from '../helpers/csv-parse.js';
import { expect, test } from './fixtures.js';

test('record, open history, export a range of two channels and download it', async ({ app }, testInfo) => {
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'recording', { timeout: 15_000 });
  await expect.poll(async () => Number(await app.getByTestId('status-recording-rows').innerText()), { timeout: 15_000 }).toBeGreaterThan(3000);
  await app.getByTestId('btn-stop').click();
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'idle');

  await app.keyboard.press('Control+4'); // View › Sessions panel
  const panel = app.getByTestId('sessions-panel');
  await expect(panel).toBeVisible();
  const row = panel.locator('tbody tr').first();
  await expect(row.getByTestId('session-frames')).not.toHaveText('0');
  const frames = Number((await row.getByTestId('session-frames').innerText()).replace(/\D/g, ''));
  await app.screenshot({ path: testInfo.outputPath('sessions.png') });

  // History: the whole session as min/max buckets; zoom with the pan buttons.
  await row.getByTestId('session-open').click();
  const history = app.getByTestId('history-view');
  await expect(history.getByTestId('history-info')).toContainText(`${frames.toLocaleString('en-US')} frames in view`);
  await expect(history.locator('canvas').first()).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('history.png') });
  await app.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Rename, then export from File › Export… (Ctrl+E).
  await row.getByTestId('session-rename').click();
  await row.getByTestId('session-rename-input').fill('Bench run, "A"');
  await row.getByTestId('session-rename-input').press('Enter');
  await expect(row.getByTestId('session-name')).toHaveText('Bench run, "A"');

  await app.keyboard.press('Control+e');
  const dialog = app.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('export-ranged').check();
  await dialog.getByTestId('export-from').fill('1');
  await dialog.getByTestId('export-to').fill('2');
  for (let c = 0; c < 8; c++) if (c !== 0 && c !== 3) await dialog.getByTestId(`export-channel-${c}`).uncheck();
  const download = app.waitForEvent('download');
  await dialog.getByTestId('export-start').click();
  await expect(dialog.getByTestId('export-progress')).toHaveAttribute('aria-valuenow', '100', { timeout: 20_000 });
  await expect(dialog.getByTestId('export-progress')).toHaveAttribute('data-state', 'done');
  await app.screenshot({ path: testInfo.outputPath('export.png') });
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Bench_run_A_-.*\.csv$/);
  const text = await readFile(await file.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'ch1', 'ch4']);
  // One second at 1 kHz is about 1000 frames (more when a loaded machine delivers them in bursts,
  // which the pipeline timestamps back from their arrival); every row lies within [1 s, 2 s].
  expect(rows.length - 1).toBeGreaterThan(500);
  expect(rows.length - 1).toBeLessThan(frames);
  const stats = await dialog.getByTestId('export-stats').innerText();
  expect(stats).toContain(`${(rows.length - 1).toLocaleString('en-US')} / ${(rows.length - 1).toLocaleString('en-US')} rows`);
  for (const r of rows.slice(1)) {
    const s = Number(r[1]);
    expect(s).toBeGreaterThanOrEqual(1);
    expect(s).toBeLessThanOrEqual(2);
    expect(Number.isFinite(Number(r[2]))).toBe(true);
    expect(Number.isFinite(Number(r[3]))).toBe(true);
  }
});

test('delete asks for confirmation first', async ({ app }) => {
  await app.keyboard.press('Control+4'); // View › Sessions panel
  const panel = app.getByTestId('sessions-panel');
  // The list is virtualised: the table's aria-rowcount (header + every session) counts the sessions, not the rows in view.
  const table = panel.locator('table.sessions-table');
  const rows = panel.locator('tbody tr[data-index]');
  await expect(rows.first()).toBeVisible();
  const before = Number(await table.getAttribute('aria-rowcount')) - 1;
  expect(before).toBeGreaterThan(0);
  // The live session cannot be deleted; stop first (the previous test may have) so every row is deletable.
  if (await app.getByTestId('btn-stop').isEnabled()) await app.getByTestId('btn-stop').click();
  await expect(app.getByTestId('status-recording')).toHaveAttribute('data-state', 'idle');
  await rows.first().getByTestId('session-delete').click();
  await app.getByTestId('confirm-cancel').click();
  await expect(table).toHaveAttribute('aria-rowcount', String(before + 1));
  const doomed = await rows.first().getAttribute('data-testid');
  await rows.first().getByTestId('session-delete').click();
  await app.getByTestId('confirm-ok').click();
  await expect(table).toHaveAttribute('aria-rowcount', String(before));
  await expect(panel.getByTestId(doomed as string)).toHaveCount(0);
  await app.getByTestId('btn-start').click();
});
