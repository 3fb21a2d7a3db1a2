// All DuckDB work of the recorder: sessions, batched sample appends, crash recovery,
// history buckets. Lives in the recorder worker; tests drive it directly too.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DOUBLE,
  DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBDoubleVector,
} from '@duckdb/node-api';
import type { HistoryQuery, HistorySeries, SessionChannel, SessionInfo } from '@shared/domain/recording.js';
import {
  CREATE_TABLES,
  DB_FILE,
  SUMMARY_LEVELS_MS,
  createSamplesTable,
  createSummaryTable,
  num,
  samplesTable,
  summariseSince,
  summaryTable,
} from './schema.js';
import type { RecordedEvent } from './event-sink.js';
import { SerialConnection } from './serial-connection.js';
import { historyOf } from './session-history.js';

export interface StoreOptions {
  folder: string;
  memoryLimit?: string;
  threads?: number;
}

export interface NewSession {
  name?: string;
  source: string;
  startedAt: number;
  channels: SessionChannel[];
}

const CHUNK_ROWS = 2048;

/** What happened to the rows of a session whose appender was closed without a flush. */
export interface Abandoned {
  committed: number;
  lost: number;
}

interface OpenSession {
  id: number;
  channels: number;
  appender: DuckDBAppender;
  chunk: DuckDBDataChunk;
  vectors: DuckDBDoubleVector[];
  /** Rows in `chunk` not yet handed to the appender. */
  filled: number;
  /** Rows appended since the last flush. */
  unflushed: number;
  rowsFlushed: number;
  /** Rows already in the summary table. */
  rowsSummarised: number;
  lastT: number;
}

export class SessionStore {
  readonly dbPath: string;
  private current: OpenSession | undefined;
  /** The last flush queued (see `flush`). */
  private flushing: Promise<unknown> = Promise.resolve();

  /** Statements, one at a time; the samples appender has a connection of its own (see serial-connection.ts). */
  private readonly con: SerialConnection;

  private constructor(
    private readonly instance: DuckDBInstance,
    con: DuckDBConnection,
    private readonly appendCon: DuckDBConnection,
    dbPath: string,
  ) {
    this.con = new SerialConnection(con);
    this.dbPath = dbPath;
  }

  static async open(opts: StoreOptions): Promise<SessionStore> {
    await mkdir(opts.folder, { recursive: true });
    const dbPath = join(opts.folder, DB_FILE);
    const instance = await DuckDBInstance.create(dbPath, {
      memory_limit: opts.memoryLimit ?? '256MB',
      threads: String(opts.threads ?? 2),
    });
    const con = await instance.connect();
    const store = new SessionStore(instance, con, await instance.connect(), dbPath);
    for (const sql of CREATE_TABLES) await con.run(sql);
    return store;
  }

  /** A second connection for long reads (exports) that must not wait for appends. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /** Sessions left open by a crash: mark interrupted, end them at their last sample. Returns their ids. */
  async recover(): Promise<number[]> {
    const open = await this.rows(`SELECT id FROM sessions WHERE ended_at IS NULL`);
    const ids: number[] = [];
    for (const row of open) {
      const id = Number(row[0]);
      const stats = await this.rows(
        `SELECT count(*)::DOUBLE, max(t) FROM ${samplesTable(id)}`,
      ).catch(() => [[0, null]]);
      const frames = Number(stats[0]?.[0] ?? 0);
      const last = stats[0]?.[1];
      await this.catchUpSummary(id).catch(() => undefined);
      await this.con.run(
        `UPDATE sessions SET interrupted = true, frames = ${num(frames)},
         ended_at = ${last === null || last === undefined ? 'started_at' : num(Number(last))} WHERE id = ${num(id)}`,
      );
      ids.push(id);
    }
    return ids;
  }

  /** Summarises whatever the summary tables do not hold yet (after a crash or for an older file). Returns rows covered. */
  private async catchUpSummary(id: number): Promise<number> {
    const ch = await this.rows(`SELECT channel_count FROM sessions WHERE id = ${num(id)}`);
    const channels = Number(ch[0]?.[0] ?? 0);
    let covered = 0;
    for (const ms of SUMMARY_LEVELS_MS) {
      await this.con.run(createSummaryTable(id, channels, ms));
      const done = Number((await this.rows(`SELECT coalesce(sum(n), 0)::DOUBLE FROM ${summaryTable(id, ms)}`))[0]?.[0] ?? 0);
      await this.con.run(summariseSince(id, channels, done, ms));
      covered = Number((await this.rows(`SELECT coalesce(sum(n), 0)::DOUBLE FROM ${summaryTable(id, ms)}`))[0]?.[0] ?? 0);
    }
    return covered;
  }

  async beginSession(s: NewSession): Promise<number> {
    if (this.current) throw new Error('a session is already recording');
    const idRows = await this.rows(`SELECT nextval('session_ids')::INTEGER`);
    const id = Number(idRows[0]?.[0]);
    const name = s.name ?? `Session ${id}`;
    await this.con.run(
      `INSERT INTO sessions (id, name, source, started_at, channel_count) VALUES (${num(id)}, $name, $source, ${num(s.startedAt)}, ${num(s.channels.length)})`,
      { name, source: s.source },
    );
    for (const ch of s.channels) {
      await this.con.run(`INSERT INTO channels VALUES (${num(id)}, ${num(ch.index)}, $name, $unit)`, { name: ch.name, unit: ch.unit });
    }
    await this.con.run(createSamplesTable(id, s.channels.length));
    for (const ms of SUMMARY_LEVELS_MS) await this.con.run(createSummaryTable(id, s.channels.length, ms));
    await this.attach(id, s.channels.length, 0, 0);
    return id;
  }

  /** Re-opens the appender of a session after the database was reopened (resume after an error). */
  async continueSession(id: number, channels: number): Promise<void> {
    const rows = await this.rows(`SELECT count(*)::DOUBLE FROM ${samplesTable(id)}`);
    await this.con.run(`UPDATE sessions SET ended_at = NULL, interrupted = false WHERE id = ${num(id)}`);
    const summarised = await this.catchUpSummary(id);
    await this.attach(id, channels, Number(rows[0]?.[0] ?? 0), summarised);
  }

  private async attach(id: number, channels: number, rowsFlushed: number, rowsSummarised: number): Promise<void> {
    const appender = await this.appendCon.createAppender(samplesTable(id));
    const chunk = DuckDBDataChunk.create(Array.from({ length: channels + 1 }, () => DOUBLE), CHUNK_ROWS);
    this.current = {
      id,
      channels,
      appender,
      chunk,
      vectors: [],
      filled: 0,
      unflushed: 0,
      rowsFlushed,
      rowsSummarised,
      lastT: NaN,
    };
    this.resetChunk();
  }

  get sessionId(): number | null {
    return this.current?.id ?? null;
  }

  get rowsFlushed(): number {
    return this.current?.rowsFlushed ?? 0;
  }

  get rowsUnflushed(): number {
    return this.current ? this.current.unflushed + this.current.filled : 0;
  }

  /** Appends full-resolution frames (`frames` timestamps, then row-major values). Synchronous and batched. */
  append(data: Float64Array, frames: number, channels: number): void {
    const s = this.current;
    if (!s) throw new Error('no session is recording');
    if (channels !== s.channels) throw new Error(`batch has ${channels} channels, session ${s.id} records ${s.channels}`);
    let f = 0;
    while (f < frames) {
      const take = Math.min(frames - f, CHUNK_ROWS - s.filled);
      const tv = s.vectors[0] as DuckDBDoubleVector;
      for (let i = 0; i < take; i++) tv.setItem(s.filled + i, data[f + i] as number);
      for (let c = 0; c < channels; c++) {
        const v = s.vectors[c + 1] as DuckDBDoubleVector;
        let src = frames + f * channels + c;
        for (let i = 0; i < take; i++, src += channels) v.setItem(s.filled + i, data[src] as number);
      }
      s.filled += take;
      f += take;
      if (s.filled === CHUNK_ROWS) this.appendChunk();
    }
    if (frames > 0) s.lastT = data[frames - 1] as number;
  }

  private appendChunk(): void {
    const s = this.current;
    if (!s || s.filled === 0) return;
    for (const v of s.vectors) v.flush();
    s.chunk.rowCount = s.filled;
    s.appender.appendDataChunk(s.chunk);
    s.unflushed += s.filled;
    this.resetChunk();
  }

  private resetChunk(): void {
    const s = this.current;
    if (!s) return;
    s.chunk.reset();
    s.chunk.rowCount = CHUNK_ROWS;
    s.vectors = Array.from({ length: s.channels + 1 }, (_, i) => s.chunk.getColumnVector(i) as DuckDBDoubleVector);
    s.filled = 0;
  }

  /**
   * Commits everything appended so far: after this, a kill -9 loses none of it. Flushes run one
   * at a time (the worker's timer can fire while a session ends or history is asked for): an
   * overlapping one would write a count without the rows still in the other's awaits, and
   * summarise those rows twice.
   */
  flush(): Promise<number> {
    const run = this.flushing.then(() => this.flushNow());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushNow(): Promise<number> {
    const s = this.current;
    if (!s) return 0;
    this.appendChunk();
    if (s.unflushed === 0) return 0;
    s.appender.flushSync();
    const n = s.unflushed;
    s.unflushed = 0;
    // Summaries before the count: a history request that runs between these awaits must not see a
    // session listing more frames than the summary (which bounds the history span) covers yet.
    try {
      for (const ms of SUMMARY_LEVELS_MS) await this.con.run(summariseSince(s.id, s.channels, s.rowsSummarised, ms));
    } finally {
      s.rowsFlushed += n;
    }
    await this.con.run(`UPDATE sessions SET frames = ${num(s.rowsFlushed)} WHERE id = ${num(s.id)}`);
    s.rowsSummarised = s.rowsFlushed;
    return n;
  }

  /** Commits the rest and closes the session; returns the rows this last flush committed. */
  async endSession(endedAt: number): Promise<number> {
    const s = this.current;
    if (!s) return 0;
    let committed = 0;
    try {
      committed = await this.flush();
    } finally {
      this.current = undefined;
      try {
        s.appender.closeSync();
      } catch {
        // the appender may already be broken (the error that ended the session was reported)
      }
    }
    await this.con.run(`UPDATE sessions SET ended_at = ${num(endedAt)}, frames = ${num(s.rowsFlushed)} WHERE id = ${num(s.id)}`);
    return committed;
  }

  /**
   * Closes the open appender without ending the session (after a write error or before a close).
   * Closing an appender commits the rows appended to it when it still can: those are `committed`
   * (a reopen counts them from the table); the rows it could not commit and the ones never handed
   * to it are `lost`.
   */
  private closeAppender(): Abandoned {
    const s = this.current;
    this.current = undefined;
    if (!s) return { committed: 0, lost: 0 };
    try {
      s.appender.closeSync();
      return { committed: s.unflushed, lost: s.filled };
    } catch {
      return { committed: 0, lost: s.unflushed + s.filled };
    }
  }

  /**
   * Closes the appender (see closeAppender) and writes the session's `frames` as the rows its
   * table now holds: the appender's close commits rows no flush counted, and this file may never
   * be reopened (a folder change right after a write error), so recover() cannot be relied on to
   * correct the count. Best effort: if the database refuses the update, recover() corrects it on
   * the next open. The session stays open (ended_at NULL) so a resume can continue it.
   */
  async abandonSession(): Promise<Abandoned> {
    const id = this.current?.id;
    const rows = this.closeAppender();
    if (id !== undefined) {
      await this.con
        .run(`UPDATE sessions SET frames = (SELECT count(*) FROM ${samplesTable(id)}) WHERE id = ${num(id)}`)
        .catch(() => undefined);
    }
    return rows;
  }

  async recordEvents(sessionId: number | null, events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.con.exclusive(async (con) => {
      const appender = await con.createAppender('events');
      for (const e of events) {
        if (sessionId === null) appender.appendNull();
        else appender.appendInteger(sessionId);
        appender.appendDouble(e.t);
        appender.appendVarchar(e.kind);
        appender.appendVarchar(JSON.stringify(e.data ?? null));
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
    });
  }

  async list(): Promise<SessionInfo[]> {
    const sessions = await this.rows(
      `SELECT id, name, source, started_at, ended_at, frames::DOUBLE, channel_count, interrupted FROM sessions ORDER BY id DESC`,
    );
    const channels = await this.rows(`SELECT session_id, idx, name, unit FROM channels ORDER BY session_id, idx`);
    const bySession = new Map<number, SessionChannel[]>();
    for (const [sid, idx, name, unit] of channels) {
      const list = bySession.get(Number(sid)) ?? [];
      list.push({ index: Number(idx), name: String(name), unit: String(unit) });
      bySession.set(Number(sid), list);
    }
    const fileBytes = await this.fileBytes();
    const cells = sessions.map((r) => (this.current?.id === Number(r[0]) ? this.current.rowsFlushed : Number(r[5])) * (Number(r[6]) + 1));
    const totalCells = cells.reduce((a, b) => a + b, 0);
    return sessions.map((r, i) => {
      const id = Number(r[0]);
      const live = this.current?.id === id;
      return {
        id,
        name: String(r[1]),
        source: String(r[2]),
        startedAt: Number(r[3]),
        endedAt: r[4] === null ? null : Number(r[4]),
        frames: live ? (this.current?.rowsFlushed ?? 0) : Number(r[5]),
        channels: bySession.get(id) ?? [],
        interrupted: Boolean(r[7]),
        sizeBytes: totalCells > 0 ? Math.round((fileBytes * (cells[i] ?? 0)) / totalCells) : 0,
        recording: live,
      };
    });
  }

  async get(sessionId: number): Promise<SessionInfo | undefined> {
    return (await this.list()).find((s) => s.id === sessionId);
  }

  async rename(sessionId: number, name: string): Promise<boolean> {
    const r = await this.con.run(`UPDATE sessions SET name = $name WHERE id = ${num(sessionId)}`, { name });
    return r.rowsChanged > 0;
  }

  async delete(sessionId: number): Promise<boolean> {
    if (this.current?.id === sessionId) throw new Error(`session ${sessionId} is still recording`);
    const r = await this.con.run(`DELETE FROM sessions WHERE id = ${num(sessionId)}`);
    await this.con.run(`DELETE FROM channels WHERE session_id = ${num(sessionId)}`);
    await this.con.run(`DELETE FROM events WHERE session_id = ${num(sessionId)}`);
    await this.con.run(`DROP TABLE IF EXISTS ${samplesTable(sessionId)}`);
    for (const ms of SUMMARY_LEVELS_MS) await this.con.run(`DROP TABLE IF EXISTS ${summaryTable(sessionId, ms)}`);
    return r.rowsChanged > 0;
  }

  /** Min and max of every channel per time bucket, computed by DuckDB (see session-history.ts). */
  history(q: HistoryQuery): Promise<HistorySeries | undefined> {
    return historyOf((sql) => this.rows(sql), q);
  }

  rows(sql: string): Promise<unknown[][]> {
    return this.con.rows(sql);
  }

  private async fileBytes(): Promise<number> {
    let total = 0;
    for (const p of [this.dbPath, `${this.dbPath}.wal`]) {
      try {
        total += (await stat(p)).size;
      } catch {
        // no WAL right after a checkpoint
      }
    }
    return total;
  }

  async checkpoint(): Promise<void> {
    await this.con.run('CHECKPOINT');
  }

  /** Closes the database; call abandonSession() first to keep the open session's count right. */
  close(): Abandoned {
    const rows = this.closeAppender();
    try {
      this.appendCon.closeSync();
      this.con.closeSync();
    } finally {
      this.instance.closeSync();
    }
    return rows;
  }
}
