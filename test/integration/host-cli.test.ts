// The built host (out/main/host.js) as a user runs it. Skipped until
// `electron-vite build` has produced it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hostJs = resolve(import.meta.dirname, '../../out/main/host.js');
const built = existsSync(hostJs);
let dataDir: string;

function run(args: string[]) {
  const child = spawn(process.execPath, [hostJs, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
});
