// The built host (out/main/host.js) as a user runs it. Skipped until
// `electron-vite build` has produced it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '@shared/api/wire.js';

const hostJs = resolve(import.meta.dirname, '../../out/main/host.js');
const built = existsSync(hostJs);
let dataDir: string;

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [hostJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TELEMETRYHUB_TOKEN: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-host-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!built)('built host CLI', () => {
  it('prints one listening line, serves the UI and exits 0 on SIGTERM', async () => {
    const p = run(['--port', '0', '--data-dir', dataDir]);
    await expect.poll(() => p.out(), { timeout: 20_000 }).toMatch(/listening/);
    const line = p.out().trim();
    expect(line).toMatch(/^TelemetryHub host listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.split(' ').at(-1)!;
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('exits 2 with a clear message on a bad option', async () => {
    const p = run(['--port', 'eighty']);
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/--port/);
    expect(p.out()).toBe('');
  });

  it('prints help', async () => {
    const p = run(['--help']);
    expect(await p.exited).toBe(0);
    expect(p.out()).toMatch(/--data-dir/);
  });

  it('on a network bind without a token prints a generated one once, and nothing gets in without it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'th-host-cli-net-'));
    const p = run(['--port', '0', '--host', '0.0.0.0', '--data-dir', dir]);
    try {
      await expect.poll(() => p.out(), { timeout: 20_000 }).toMatch(/listening on/);
      const token = /Access token \(generated, shown only now[^\n]*\n {2}(\S+)\n/.exec(p.out())?.[1] ?? expect.fail(p.out());
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      // Shown in the banner (the token line and each share URL's fragment), never in the logs.
      expect(p.out().split('Access token').length).toBe(2);
      expect(p.out()).toContain(`/#token=${token}`);
      expect(p.err()).not.toContain(token);
      const url = /listening on (http:\/\/\S+)/.exec(p.out())?.[1] ?? expect.fail(p.out());
      const upgrade = (query: string) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`${url.replace('http', 'ws')}${WS_PATH}${query}`);
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
          ws.on('open', () => {
            ws.close();
            resolve(101);
          });
          ws.on('error', () => undefined);
        });
      expect(await upgrade('')).toBe(401);
      expect(await upgrade('?token=not-the-token-at-all')).toBe(401);
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/export/x`)).status).toBe(401);
      expect(await upgrade(`?token=${token}`)).toBe(101);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

      // A second host on the same data folder is refused, naming the folder and the first one.
      const second = run(['--port', '0', '--data-dir', dir]);
      expect(await second.exited).toBe(1);
      expect(second.err()).toContain(`the data folder ${dir} is in use by TelemetryHub host (process ${p.child.pid}`);
    } finally {
      p.child.kill('SIGTERM');
      await p.exited;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 naming --data-dir when it is relative or a network path', async () => {
    for (const bad of ['relative/dir', '//server/share']) {
      const p = run(['--data-dir', bad]);
      expect(await p.exited).toBe(2);
      expect(p.err()).toMatch(/--data-dir: /);
    }
  });
});
