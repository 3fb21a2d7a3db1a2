// An operator points a TCP link at a gateway speaking name:value pairs with a
// sequence number, picks the format in the device form, and sees the named channels
// plot, lost frames marked on the chart and counted in the data integrity panel.
import { createServer, type Server, type Socket } from 'node:net';
import { chartPixels, expect, framesRate, test } from './fixtures.js';

const NAMES = ['temp', 'hum', 'press', 'volt'];
let server: Server;
let port = 0;
const sockets = new Set<Socket>();

test.beforeAll(async () => {
  // A gateway: 400 frames/s of `n:<seq> temp:… hum:…`, skipping every 100th sequence number.
  server = createServer((socket) => {
    sockets.add(socket);
    let seq = 0;
    const timer = setInterval(() => {
      let text = '';
      for (let k = 0; k < 4; k++) {
        seq++;
        if (seq % 100 === 0) continue;
        text += `n:${seq} ${NAMES.map((n, c) => `${n}:${(Math.sin(seq / 50 + c) * (c + 1)).toFixed(3)}`).join(' ')}\r\n`;
      }
      socket.write(text);
    }, 10);
    socket.on('close', () => {
      clearInterval(timer);
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

test.afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

test('choose TCP and the name:value format; named channels plot, gaps are marked and counted', async ({ app }, testInfo) => {
  await app.getByTestId('device-source').selectOption('tcp');
  await app.getByTestId('tcp-host').fill('127.0.0.1');
  await app.getByTestId('tcp-port').fill(String(port));

  // A binary layout with a nameless field is refused at that field; nothing is applied.
  await app.getByTestId('format-kind').selectOption('binary');
  await app.getByTestId('format-layout-0-name').fill('');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-format.layout.0.name')).toBeVisible();

  await app.getByTestId('format-kind').selectOption('kv');
  await expect(app.getByTestId('format-layout')).toHaveCount(0);
  await app.getByTestId('format-delimiter').selectOption('crlf');
  await app.getByTestId('format-seq-name').fill('n');
  // The first channel gets a display name, a unit and a scale.
  await app.getByTestId('format-channel-0-name').fill('Temperature');
  await app.getByTestId('format-channel-0-unit').fill('°C');
  await app.getByTestId('format-channel-0-scale').fill('10');
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-format.layout.0.name')).toHaveCount(0);
  await expect(app.getByTestId('status-link-reason')).toContainText(String(port));

  await app.getByTestId('btn-connect').click();
  await expect(app.getByTestId('status-link')).toHaveText('connected');
  await app.getByTestId('btn-start').click();
  await expect.poll(() => framesRate(app), { timeout: 15_000 }).toBeGreaterThan(100);

  // Channels appear under the names the device sent.
  await expect(app.getByRole('checkbox', { name: 'Show Temperature' })).toBeVisible();
  await expect(app.getByText('Temperature [°C]')).toBeVisible();
  for (let c = 1; c < NAMES.length; c++) await expect(app.getByRole('checkbox', { name: `Show ${NAMES[c]}` })).toBeVisible();
  await expect(app.getByTestId(`channel-toggle-${NAMES.length}`)).toHaveCount(0);
  const before = await chartPixels(app);
  await app.waitForTimeout(600);
  expect(await chartPixels(app)).not.toBe(before);

  // Every 100th frame is missing: gap markers on the chart, counters in the integrity panel.
  await expect.poll(() => app.evaluate(() => window.__thChart?.gaps ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
  await app.keyboard.press('Control+6');
  const panel = app.getByTestId('integrity-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('kv');
  await expect.poll(async () => Number((await app.getByTestId('integrity-seqGaps').innerText()).replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(async () => Number((await app.getByTestId('integrity-framesLost').innerText()).replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect(app.getByTestId('integrity-malformed')).toHaveText('0');
  await expect(app.getByTestId('integrity-nonNumeric')).toHaveText('0');
  await app.screenshot({ path: testInfo.outputPath('frame-formats.png') });
});
