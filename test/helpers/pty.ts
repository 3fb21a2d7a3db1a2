// A real pseudo-terminal pair from socat: bytes written to one end come out of the
// other, like a USB-serial cable between an emulated device and the app.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether socat is installed (the pty tests skip, saying so, where it is not). */
export const HAVE_SOCAT = ['/usr/bin/socat', '/bin/socat', '/usr/local/bin/socat'].some((p) => existsSync(p));

export interface PtyPair {
  /** Device end (the emulator writes here). */
  readonly a: string;
  /** App end (the serial link opens this). */
  readonly b: string;
  readonly pid: number;
  /** Kills socat (the "unplug"); both links disappear. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 5000;

/** Starts `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B` and waits until both links exist. */
export async function startPtyPair(a: string, b: string): Promise<PtyPair> {
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  let exited = false;
  let ready = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => (exited = true));
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    log += d;
    // Both "PTY is /dev/pts/N" lines and the transfer loop: socat is serving.
    if (log.includes('starting data transfer loop')) ready = true;
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', (err) => reject(new Error(`socat could not start: ${err.message}`))));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  await Promise.race([
    spawnError,
    (async () => {
      while (!(ready && existsSync(a) && existsSync(b))) {
        if (exited) throw new Error(`socat exited early:\n${log}`);
        if (Date.now() > deadline) throw new Error(`socat did not create ${a} and ${b} within ${READY_TIMEOUT_MS} ms:\n${log}`);
        await sleep(10);
      }
    })(),
  ]);
  return {
    a,
    b,
    pid: child.pid ?? -1,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      await exitPromise;
      // socat removes its links on exit; wait so a restart cannot race the removal.
      while (existsSync(a) || existsSync(b)) await sleep(5);
    },
  };
}
