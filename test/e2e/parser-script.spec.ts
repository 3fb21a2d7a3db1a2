// An operator writes a parser script in the device panel: a syntax error shows at its line
// before anything is applied (and Apply is refused at the script field), the fixed script is
// tried on a pasted sample frame, then applied, and the channels it returns are plotted.
import { createServer, type Server, type Socket } from 'node:net';
import { expect, framesRate, test } from './fixtures.js';

let server: Server;
let port = 0;
const sockets = new Set<Socket>();

test.beforeAll(async () => {
  // A device sending `A|<temp>|<count>` lines, 400 a second, always the same values.
  server = createServer((socket) => {
    sockets.add(socket);
    const timer = setInterval(() => socket.write('A|21.5|7\nA|21.5|7\nA|21.5|7\nA|21.5|7\n'), 10);
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

const BROKEN = 'function parse(line) {\n  const p = line.split(|);\n  return { temp: +p[1], count: 2 * +p[2] };\n}';
const FIXED = 'function parse(line) {\n  const p = line.split("|");\n  return { temp: +p[1], count: 2 * +p[2] };\n}';

/** The legend's Min cell of a channel, as a number. */
async function legendMin(app: import('@playwright/test').Page, name: string): Promise<number> {
  const row = app.getByRole('row').filter({ has: app.getByRole('checkbox', { name: `Show ${name}` }) });
  return Number(await row.locator('td.num').nth(1).innerText());
}

test('a parser script: syntax error at its line, tried on a sample, applied, its channels plotted', async ({ app }) => {
  // Many steps on a shared machine: the default minute is too short under load.
  test.setTimeout(180_000);
  await app.getByTestId('device-source').selectOption('tcp');
  await app.getByTestId('tcp-host').fill('127.0.0.1');
  await app.getByTestId('tcp-port').fill(String(port));
  await app.getByTestId('format-kind').selectOption('script');

  // Typed with a syntax error on line 2: marked at that line while typing, before any Apply.
  await app.getByTestId('format-script-source').fill(BROKEN);
  await expect(app.getByTestId('script-compile-error')).toHaveText("Line 2, column 24: SyntaxError: unexpected token in expression: '|'");
  await expect(app.getByTestId('script-line-2')).toHaveClass('script-line-error');
  await expect(app.getByTestId('script-line-1')).not.toHaveClass('script-line-error');
  // Apply is refused by the engine at the script field, with the line.
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-format.source')).toContainText("line 2, column 24: SyntaxError: unexpected token in expression: '|'");

  // Fixed: the mark goes; a pasted sample decodes to the values the script returns.
  await app.getByTestId('format-script-source').fill(FIXED);
  await expect(app.getByTestId('script-compile-error')).toHaveCount(0);
  await expect(app.getByTestId('script-line-2')).not.toHaveClass('script-line-error');
  await app.getByTestId('script-sample').fill('A|21.5|7\nA|-3|0.25');
  await app.getByTestId('script-try').click();
  await expect(app.getByTestId('script-try-summary')).toHaveText('2 frames, 2 decoded');
  await expect(app.getByTestId('script-try-value-0-temp')).toHaveText('21.5');
  await expect(app.getByTestId('script-try-value-0-count')).toHaveText('14');
  await expect(app.getByTestId('script-try-value-1-temp')).toHaveText('-3');
  await expect(app.getByTestId('script-try-value-1-count')).toHaveText('0.5');

  // Applied: the device's frames decode through it and its channels plot with their values.
  await app.getByTestId('device-apply').click();
  await expect(app.getByTestId('field-error-format.source')).toHaveCount(0);
  await expect(app.getByTestId('status-link-reason')).toContainText(String(port));
  await app.getByTestId('btn-connect').click();
  await expect(app.getByTestId('status-link')).toHaveText('connected');
  await app.getByTestId('btn-start').click();
  await expect.poll(() => framesRate(app), { timeout: 15_000 }).toBeGreaterThan(100);
  await expect(app.getByRole('checkbox', { name: 'Show temp' })).toBeVisible();
  await expect(app.getByRole('checkbox', { name: 'Show count' })).toBeVisible();
  await expect.poll(() => legendMin(app, 'temp'), { timeout: 10_000 }).toBe(21.5);
  await expect.poll(() => legendMin(app, 'count'), { timeout: 10_000 }).toBe(14);
});
