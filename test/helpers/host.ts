// Spawns the BUILT headless host (out/main/host.js) on a free port with its own
// data folder, as a user's `npm run serve` would, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningHost {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Everything the host printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

const HOST_JS = resolve(import.meta.dirname, '../../out/main/host.js');

/** `port`: a fixed port (a restarted host must come back where its pages reconnect); default any free one. */
export async function startHost(opts: { dataDir?: string; args?: string[]; port?: number } = {}): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'th-host-')));
  const ownDir = !opts.dataDir;
  const proc = spawn(process.execPath, [HOST_JS, '--port', String(opts.port ?? 0), '--data-dir', dataDir, ...(opts.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start within 20 s:\n${out}`)), 20_000);
    const check = () => {
      const m = /TelemetryHub host listening on (http:\/\/[\d.]+:(\d+))/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    proc.stdout?.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before listening:\n${out}`));
    });
  });
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dataDir,
    proc,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
