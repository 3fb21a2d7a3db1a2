// Long lists show everything kept, not the newest few hundred: the console keeps 10,000
// lines, and only the lines in view are in the DOM (virtualised). A TCP device sends
// exactly 10,000 numbered lines; the first and the last can be scrolled to and read.
import { createServer, type Server, type Socket } from 'node:net';
import { expect, test } from './fixtures.js';

const LINES = 10_000;
const line = (i: number): string => `line ${String(i).padStart(5, '0')}`;

// 10,000 lines arrive over 2 s; a loaded 2-core machine needs more than the default minute.
test.describe.configure({ timeout: 150_000 });

let server: Server;
let port = 0;
const sockets: Socket[] = [];

test.beforeAll(async () => {
  server = createServer((socket) => {
    sockets.push(socket);
    // 500 lines every 100 ms: well inside the console's byte budget, so none is skipped.
    let next = 1;
    const timer = setInterval(() => {
      if (socket.destroyed || next > LINES) return clearInterval(timer);
      let chunk = '';
      for (let k = 0; k < 500 && next <= LINES; k++) chunk += `${line(next++)}\n`;
      socket.write(chunk);
    }, 100);
    socket.on('close', () => clearInterval(timer));
    socket.on('error', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

test.afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => server.close(r));
});

test('the console keeps 10,000 lines, renders only a window of them, and scrolls to the first and the last', async ({ app }) => {
  await app.getByTestId('device-source').selectOption('tcp');
  await app.getByTestId('tcp-host').fill('127.0.0.1');
  await app.getByTestId('tcp-port').fill(String(port));
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('status-link-reason')).toContainText(String(port));
  await app.getByTestId('btn-connect').click();
  await expect(app.getByTestId('status-link')).toHaveText('connected');

  const log = app.getByTestId('console-log');
  await expect(app.getByTestId('console-counts')).toContainText(`${LINES} lines`, { timeout: 30_000 });
  await expect(app.getByTestId('console-counts')).not.toContainText('not shown');
  // Only a window is in the DOM: a few dozen rows of the 10,000.
  const rendered = await log.locator('.console-row').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);

  // The top of the list is the first line sent…
  await log.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(log.locator('.console-row .console-data').first()).toHaveText(`${line(1)}\\n`);
  // …and the end of it the last one, read as shown.
  await log.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(log.locator('.console-row .console-data').last()).toHaveText(`${line(LINES)}\\n`);
  expect(await log.locator('.console-row').count()).toBeLessThan(100);
});
