// The session store on a real DuckDB file: commits that overlap (the worker's flush timer
// firing while a session ends or history is asked for) still count every row exactly once.
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src-main/engine/recorder/session-store.js';
import { framesOf, tempDir } from '../helpers/recorder.js';

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const CHANNELS = [0, 1].map((i) => ({ index: i, name: `ch${i + 1}`, unit: '' }));
const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function openStore(): Promise<SessionStore> {
  const folder = await tempDir('th-store-');
  const store = await SessionStore.open({ folder, threads: 1 });
  cleanup.push(() => rm(folder, { recursive: true, force: true }));
  cleanup.push(() => {
    store.close();
  });
  return store;
}

/** Appends `n` frames at 1 ms spacing starting at frame `f0`. */
function append(store: SessionStore, f0: number, n: number): void {
  store.append(framesOf(T0 + f0, 1, n, CHANNELS.length, (f, c) => f0 + f + c), n, CHANNELS.length);
}

describe('session store', () => {
  it.each([0, 1234])('a session ended while a flush is still committing lists every row (%i rows appended after it), history covers them once', async (more) => {
    const store = await openStore();
    const id = await store.beginSession({ source: 'simulated', startedAt: T0, channels: CHANNELS });
    append(store, 0, 5000);
    // The timer's flush is still in its awaits when the session ends.
    const timerFlush = store.flush();
    append(store, 5000, more);
    const last = await store.endSession(T0 + 5000 + more);
    // What a `list` right after `end` sees (the worker handles them in order, the timer is not in that order).
    const [info] = await store.list();
    const h = await store.history({ sessionId: id, buckets: 50 });
    // Each row is committed by exactly one of the two.
    expect((await timerFlush) + last).toBe(5000 + more);
    expect(info).toMatchObject({ id, frames: 5000 + more });
    expect(h?.frames).toBe(5000 + more);
    expect((await store.list())[0]).toMatchObject({ id, frames: 5000 + more });
  });

  it('flushes called back to back commit in order and return what each committed', async () => {
    const store = await openStore();
    const id = await store.beginSession({ source: 'simulated', startedAt: T0, channels: CHANNELS });
    const committed: Promise<number>[] = [];
    for (let i = 0; i < 5; i++) {
      append(store, i * 3000, 3000);
      committed.push(store.flush());
    }
    expect((await Promise.all(committed)).reduce((a, b) => a + b, 0)).toBe(15_000);
    expect((await store.list())[0]).toMatchObject({ id, frames: 15_000 });
    expect((await store.history({ sessionId: id, buckets: 10 }))?.frames).toBe(15_000);
    await store.endSession(T0 + 15_000);
    expect((await store.list())[0]).toMatchObject({ id, frames: 15_000 });
  });
});
