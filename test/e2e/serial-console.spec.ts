// An operator connects to an emulated serial device (a real socat pty, an emulator
// process on the other end) from the UI, sees its channels plot, and talks to it in the console.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../helpers/emulator.js';
import { startPtyPair, type PtyPair } from '../helpers/pty.js';
import { chartPixels, expect, framesRate, test } from './fixtures.js';

let dir: string;
let pty: PtyPair;
let emu: RunningEmulator;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'th-e2e-pty-'));
  pty = await startPtyPair(join(dir, 'device-a'), join(dir, 'device-b'));
  emu = await startEmulator({ mode: 'serial', path: pty.a, channels: 8, rateHz: 200, frames: 0 });
});

test.afterAll(async () => {
  await emu?.stop();
  await pty?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('choose Serial, pick the pty, connect, see 8 channels plot, send a command and see the echo', async ({ app }) => {
  await app.getByTestId('device-source').selectOption('serial');
  // A pty is not a USB port, so discovery does not list it: the operator types its path.
  await expect(app.getByTestId('serial-port-select')).toBeVisible();
  await app.getByTestId('serial-refresh').click();
  await app.getByTestId('serial-path').fill(pty.b);
  await app.getByTestId('serial-baud-select').selectOption('115200');
  await app.getByTestId('device-channels').fill('8');
  await app.getByTestId('device-rate').fill('200');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('status-link')).toHaveText('disconnected');
  await expect(app.getByTestId('status-link-reason')).toContainText(pty.b);

  await app.getByTestId('btn-connect').click();
  await expect(app.getByTestId('status-link')).toHaveText('connected');
  await app.getByTestId('btn-start').click();
  await expect(app.getByTestId('status-device-state')).toHaveText('measuring');
  await expect.poll(() => framesRate(app), { timeout: 15_000 }).toBeGreaterThan(100);
  for (let c = 0; c < 8; c++) await expect(app.getByTestId(`channel-toggle-${c}`)).toBeVisible();
  const before = await chartPixels(app);
  await app.waitForTimeout(800);
  expect(await chartPixels(app)).not.toBe(before);

  // Raw frames show in the console.
  const log = app.getByTestId('console-log');
  await expect(log).toContainText(/\d+,\d/);

  const input = app.getByTestId('console-input');
  await app.getByTestId('console-line-ending').selectOption('lf');
  await input.fill('*IDN?');
  // Only the lines in view are in the page (virtualised); at 200 frames/s an echo leaves the
  // view within a tenth of a second, so the search (over every kept line) holds it in view.
  await app.getByTestId('console-search').fill('IDN');
  await input.press('Enter');
  await expect(log).toContainText('# echo: *IDN?');

  // Search (over the whole history, not just what is visible): the command sent and its echo.
  await app.getByTestId('console-search').fill('IDN');
  await expect(log.locator('.console-row')).toHaveCount(2);
  await expect(log.locator('[data-dir="tx"]')).toHaveText(/\*IDN\?\\n$/);
  await expect(log.locator('[data-dir="rx"]')).toContainText('# echo: *IDN?\\n');
  await app.getByTestId('console-search').fill('');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('*IDN?');

  // Hex that is not hex: error at the field, nothing sent.
  await app.getByTestId('console-encoding').selectOption('hex');
  await input.fill('4g');
  await app.getByTestId('console-send').click();
  await expect(app.getByTestId('field-error-data')).toContainText('hex');
  await input.fill('48 49');
  // Only the lines in view are in the page (virtualised) and 200 frames/s scroll an echo out of
  // view within a tenth of a second: the search shows it among all kept lines.
  await app.getByTestId('console-search').fill('echo: HI');
  await app.getByTestId('console-send').click();
  await expect(log).toContainText('# echo: HI');
  await app.getByTestId('console-search').fill('');
  // Shortcuts yield to a focused text field: the log takes the focus back.
  await log.focus();

  // The echo lines are not frames: the integrity panel (View › Data integrity, Ctrl+6) counts them.
  await app.keyboard.press('Control+6');
  const panel = app.getByTestId('integrity-panel');
  await expect(panel).toBeVisible();
  await expect.poll(async () => Number((await app.getByTestId('integrity-framesOk').innerText()).replace(/\D/g, ''))).toBeGreaterThan(100);
  const discarded = async () =>
    Number((await app.getByTestId('integrity-malformed').innerText()).replace(/\D/g, '')) +
    Number((await app.getByTestId('integrity-nonNumeric').innerText()).replace(/\D/g, ''));
  await expect.poll(discarded).toBeGreaterThanOrEqual(2);
  await app.screenshot({ path: test.info().outputPath('serial-console.png') });
});

test('a serial port that does not exist: the status bar names it and the OS error', async ({ app }) => {
  await app.getByTestId('device-source').selectOption('serial');
  const missing = join(dir, 'unplugged');
  await app.getByTestId('serial-path').fill(missing);
  await app.getByTestId('device-apply').click();
  await app.getByTestId('btn-connect').click();
  await expect(app.getByTestId('status-link-reason')).toContainText(`Cannot open serial port ${missing}`);
  await expect(app.getByTestId('status-link-reason')).toContainText(/No such file/);
  await expect(app.getByTestId('status-link')).toHaveText('disconnected');
});

test('unplug: the status bar shows reconnecting with its attempt count, and connected again after the replug', async ({ app }) => {
  const names = { a: join(dir, 'hot-a'), b: join(dir, 'hot-b') };
  let hot = await startPtyPair(names.a, names.b);
  try {
    await app.getByTestId('device-source').selectOption('serial');
    await app.getByTestId('serial-path').fill(names.b);
    await app.getByTestId('device-apply').click();
    await app.getByTestId('btn-connect').click();
    await expect(app.getByTestId('status-link')).toHaveText('connected');

    await hot.stop(); // unplug
    await expect(app.getByTestId('status-link')).toHaveText('reconnecting');
    await expect(app.getByTestId('status-reconnect-attempt')).toHaveText(/attempt \d+/);
    await expect(app.getByTestId('status-link-reason')).toContainText(names.b);

    hot = await startPtyPair(names.a, names.b); // replug
    await expect(app.getByTestId('status-link')).toHaveText('connected', { timeout: 20_000 });
    await expect(app.getByTestId('status-reconnect-attempt')).toHaveCount(0);
    await expect(app.getByTestId('status-link-reason')).toContainText(`Reconnected to serial ${names.b}`);
  } finally {
    await hot.stop();
  }
});
