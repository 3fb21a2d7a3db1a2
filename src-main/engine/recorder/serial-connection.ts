// One DuckDB connection shared by several async callers (timer flush, history, events,
// list…): its statements run one at a time. Starting a statement while another is
// pending on the same connection closes the pending one — the "Attempting to execute an
// unsuccessful or closed pending query result" that stopped recording under load.
import type { DuckDBConnection } from '@duckdb/node-api';

export class SerialConnection {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly con: DuckDBConnection) {}

  /** Runs `fn` alone on the connection, after every statement queued before it. */
  exclusive<T>(fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => fn(this.con));
    this.tail = run.catch(() => undefined);
    return run;
  }

  run(...args: Parameters<DuckDBConnection['run']>): ReturnType<DuckDBConnection['run']> {
    return this.exclusive((c) => c.run(...args));
  }

  rows(sql: string): Promise<unknown[][]> {
    return this.exclusive(async (c) => (await c.runAndReadAll(sql)).getRowsJS() as unknown[][]);
  }

  closeSync(): void {
    this.con.closeSync();
  }
}
