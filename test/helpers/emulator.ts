// Starts the device emulator as a child process (see device-emulator.ts) and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { EmulatorOptions } from './emulator-frames.js';

export interface RunningEmulator {
  proc: ChildProcess;
  /** TCP mode: the port it listens on. */
  port: number;
  output(): string;
  /** Resolves when all `frames` were written. */
  done(): Promise<void>;
  /** TCP mode: closes the current client connection. */
  dropClient(): void;
  stop(): Promise<void>;
}

const SCRIPT = resolve(import.meta.dirname, 'device-emulator.ts');

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(opts)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = w.re.exec(out);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  proc.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const waitFor = (re: RegExp, ms: number): Promise<RegExpExecArray> =>
    new Promise((resolveWait, reject) => {
      const timer = setTimeout(() => reject(new Error(`emulator: no ${re} within ${ms} ms:\n${out}`)), ms);
      waiters.push({
        re,
        resolve: (m) => {
          clearTimeout(timer);
          resolveWait(m);
        },
      });
      void exited.then(() => reject(new Error(`emulator exited:\n${out}`)));
      check();
    });
  const ready = await waitFor(/ready (\d+)/, 15_000);
  return {
    proc,
    port: Number(ready[1]),
    output: () => out,
    done: async () => {
      await waitFor(/done \d+/, 120_000);
    },
    dropClient: () => proc.stdin?.write('drop\n'),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
