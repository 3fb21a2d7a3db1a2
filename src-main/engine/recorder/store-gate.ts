// One open recording database and every piece of work running on it. Closing (folder
// change, write error, shutdown) first refuses new work, interrupts long reads and waits
// for what is in flight; only then are the connections and the instance closed. Closing
// a DuckDB connection under a running query broke the recorder for good ("closed pending
// query result", then "bad_weak_ptr" on every retry) — see README, Recording.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Abandoned, SessionStore } from './session-store.js';

/** How long a close waits for work in flight before closing anyway. */
const DRAIN_MS = 15_000;

export class StoreClosing extends Error {
  constructor(why: string) {
    super(`the recording database is closing (${why})`);
  }
}

export class StoreGate {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly side = new Set<DuckDBConnection>();
  private closing: string | null = null;
  private closed: Promise<Abandoned> | undefined;

  constructor(readonly store: SessionStore) {}

  /** False once a close has begun: no new work is accepted. */
  get open(): boolean {
    return this.closing === null;
  }

  /** Runs `fn` on the store unless it is closing; a close waits for it. */
  run<T>(fn: (store: SessionStore) => Promise<T>): Promise<T> {
    if (this.closing !== null) return Promise.reject(new StoreClosing(this.closing));
    const p = fn(this.store);
    this.track(p);
    return p;
  }

  /**
   * A second connection for a long read (an export) handed to `fn`; interrupted when the
   * gate closes and always closed before the instance.
   */
  withConnection<T>(fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.run(async (store) => {
      const con = await store.connect();
      this.side.add(con);
      // The gate may have started closing while connecting: interrupt at once.
      if (this.closing !== null) con.interrupt();
      try {
        return await fn(con);
      } finally {
        this.side.delete(con);
        closeQuietly(() => con.closeSync());
      }
    });
  }

  /**
   * Refuses new work, interrupts side reads, waits for everything in flight, then closes.
   * Resolves with what became of the rows still unflushed. Idempotent.
   */
  close(why: string, drainMs = DRAIN_MS): Promise<Abandoned> {
    if (this.closed) return this.closed;
    this.closing = why;
    for (const con of this.side) closeQuietly(() => con.interrupt());
    this.closed = this.drain(drainMs).then(async () => {
      for (const con of this.side) closeQuietly(() => con.closeSync());
      this.side.clear();
      let rows: Abandoned = { committed: 0, lost: this.store.rowsUnflushed };
      // The session's frames must count the rows the appender's close commits (see abandonSession).
      rows = await this.store.abandonSession().catch(() => rows);
      closeQuietly(() => this.store.close());
      return rows;
    });
    return this.closed;
  }

  private async drain(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    // New work cannot start, but a running step may still queue a follow-up on the store
    // (a flush behind an end): wait until the set stays empty.
    while (this.inFlight.size > 0) {
      const settled = await Promise.race([Promise.all([...this.inFlight]).then(() => true), timeout.then(() => false)]);
      if (!settled) break;
    }
    if (timer) clearTimeout(timer);
  }

  private track(p: Promise<unknown>): void {
    const settled = p.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
  }
}

function closeQuietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // already closed or broken: the committed data is safe on disk either way
  }
}
