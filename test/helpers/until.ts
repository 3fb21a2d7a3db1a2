// Polls a condition every 10 ms; on timeout the error says what was awaited (and, via a function, the state then).
import { setTimeout as sleep } from 'node:timers/promises';

export async function until(cond: () => boolean, ms: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
    await sleep(10);
  }
}
