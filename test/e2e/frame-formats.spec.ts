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
  test.setTimeout(150_000);
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

  // The ×10 scale, read back from the values a plot hands its chart: the gateway's temp is a unit sine
  // (3 decimals), so the plotted Temperature spans -10..10; hum (no scale) keeps its ±2.
  await app.keyboard.press('Control+0');
  await expect(app.getByTestId('plots-panel')).toBeVisible();
  await app.getByTestId('plots-add-time').click();
  const plotted = () => app.evaluate(() => {
    const p = window.__thPlots?.['plot-1'];
    return p ? { labels: p.labels, cols: p.data() } : null;
  });
  await expect.poll(async () => (await plotted())?.cols[0]?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(800);
  const plot = await plotted();
  expect(plot?.labels).toEqual(['Temperature', 'hum']);
  const temp = plot?.cols[1] ?? [];
  const hum = plot?.cols[2] ?? [];
  expect(Math.max(...temp)).toBeLessThanOrEqual(10.0001);
  expect(Math.min(...temp)).toBeGreaterThanOrEqual(-10.0001);
  expect(Math.max(...temp) - Math.min(...temp)).toBeGreaterThan(19.9);
  // Every plotted temp is ten times a 3-decimal value: a multiple of 0.01.
  expect(temp.filter((v) => Math.abs(v * 100 - Math.round(v * 100)) > 1e-6)).toEqual([]);
  expect(Math.max(...hum) - Math.min(...hum)).toBeGreaterThan(3.98);
  expect(Math.max(...hum.map(Math.abs))).toBeLessThanOrEqual(2.0001);

  // Every 100th frame is missing: gap markers on the chart, counters in the integrity panel.
  await expect.poll(() => app.evaluate(() => window.__thChart?.gaps ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
  await app.keyboard.press('Control+6');
  const panel = app.getByTestId('integrity-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('kv');
  await expect.poll(async () => Number((await app.getByTestId('integrity-seqGaps').innerText()).replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(0);
  await expect.poll(async () => Number((await app.getByTestId('integrity-framesLost').innerText()).replace(/\D/g, '')), { timeout: 10_000 }).toBeGreaterThan(0);
  // One frame lost per gap: after a stop the counters freeze, and lost frames equal the gaps exactly.
  await app.getByTestId('btn-stop').click();
  await expect(app.getByTestId('status-device-state')).toHaveText('idle');
  const counters = () => app.evaluate(() => ['integrity-seqGaps', 'integrity-framesLost'].map((id) => Number(document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\D/g, '') ?? 'NaN')));
  let frozen = await counters();
  await expect.poll(async () => {
    const now = await counters();
    const same = now.join() === frozen.join();
    frozen = now;
    return same;
  }, { timeout: 10_000, intervals: [500] }).toBe(true);
  const [gaps, lost] = frozen;
  expect(gaps).toBeGreaterThan(0);
  expect(lost).toBe(gaps);
  await expect(app.getByTestId('integrity-malformed')).toHaveText('0');
  await expect(app.getByTestId('integrity-nonNumeric')).toHaveText('0');
  await app.screenshot({ path: testInfo.outputPath('frame-formats.png') });
});
