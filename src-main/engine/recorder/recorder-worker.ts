// The recorder thread: owns the DuckDB file. Frames arrive transferred from the
// engine, are appended in batches and committed every flushMs. A write error stops
// recording (counted, reported) without touching what is already committed; the
// recorder retries on its own and on `resume`. Every database change (error, folder
// change, shutdown) drains the work in flight before closing, and a retry always opens
// a fresh instance once the old one is closed (see store-gate.ts).
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { ExportRunner } from './export-runner.js';
import { SessionStore, type NewSession } from './session-store.js';
import { StoreGate } from './store-gate.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { frameIndexAt, readFrames, sessionSpan } from './replay-read.js';
import type { FromRecorder, RecorderRequest, RecorderWorkerData, RecorderWorkerStatus, ToRecorder } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('recorder-worker must run in a worker thread');
const cfg = workerData as RecorderWorkerData;

let folder = cfg.folder;
let flushMs = cfg.flushMs;
/** The open database; undefined while stopped by an error or switching folders. */
let gate: StoreGate | undefined;
/** Databases being closed: a new one opens only after the old one is closed. */
let closing: Promise<void> = Promise.resolve();
let lastError: string | null = null;
/** The session being measured (kept through an error so resume can continue it). */
let live: { meta: NewSession; id: number | null } | undefined;
let droppedRows = 0;
let rowsSettled = 0;
let recovered: number[] = [];
let injectedError: string | null = null;
let flushTimer: ReturnType<typeof setInterval> | undefined;
let retryTimer: ReturnType<typeof setInterval> | undefined;
let statusDirty = false;
/** Flushes running or queued in the store. */
let flushing = 0;
let shutDown = false;

function post(msg: FromRecorder): void {
  port?.postMessage(msg);
}

const exporter = new ExportRunner({ exportsDir: cfg.exportsDir, post: (progress) => post({ type: 'export', progress }) });

function status(): RecorderWorkerStatus {
  const store = gate?.store;
  return {
    ready: gate !== undefined,
    sessionId: live?.id ?? null,
    rowsFlushed: store?.rowsFlushed ?? 0,
    rowsSettled,
    droppedRows,
    lastError,
    dbPath: store?.dbPath ?? join(folder, 'recordings.duckdb'),
    recovered,
  };
}

function sendStatus(): void {
  statusDirty = false;
  post({ type: 'status', status: status() });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function notOpen(): Error {
  return new Error(lastError ?? 'the recording database is not open');
}

/** Takes the database out of use and closes it once its work in flight is done. */
function retire(g: StoreGate, why: string): void {
  if (gate === g) gate = undefined;
  exporter.stopAll(`the recording database closed (${why})`);
  const closed = g.close(why).then(({ committed, lost }) => {
    // Rows still unflushed when it stopped: committed by the appender's close, or lost.
    rowsSettled += committed + lost;
    droppedRows += lost;
    if (committed + lost > 0) statusDirty = true;
  });
  closing = closing.then(() => closed);
}

/** Stops recording after a write error: committed rows stay, the rest is counted as dropped. */
function fail(g: StoreGate, err: unknown): void {
  if (gate !== g) return; // a later error of a database already retired: the first one was reported
  lastError = `Recording stopped: ${describe(err)} (folder ${folder})`;
  retire(g, 'write error');
  sendStatus();
  scheduleRetry();
}

function scheduleRetry(): void {
  if (retryTimer || !cfg.retryMs || shutDown) return;
  retryTimer = setInterval(() => enqueue(() => resume().catch(() => undefined)), cfg.retryMs);
}

/** Opens a fresh instance of the database in `folder` (after the previous one is closed). */
async function openStore(): Promise<StoreGate> {
  await closing;
  const s = await SessionStore.open({ folder, memoryLimit: cfg.memoryLimit ?? '256MB', threads: cfg.threads ?? 2 });
  try {
    recovered = await s.recover();
  } catch (err) {
    s.close();
    throw err;
  }
  return new StoreGate(s);
}

/** (Re)opens the database and continues or starts the live session. */
async function resume(): Promise<void> {
  if (gate && !lastError) return;
  let g: StoreGate | undefined;
  try {
    g = await openStore();
    gate = g;
    const session = live;
    if (session) {
      const known = session.id !== null && (await g.run((s) => s.get(session.id as number))) !== undefined;
      if (known && session.id !== null) await g.run((s) => s.continueSession(session.id as number, session.meta.channels.length));
      else session.id = await g.run((s) => s.beginSession(session.meta));
    }
    lastError = null;
    if (retryTimer) clearInterval(retryTimer);
    retryTimer = undefined;
    sendStatus();
  } catch (err) {
    lastError = `Recording stopped: ${describe(err)} (folder ${folder})`;
    if (g) retire(g, 'open failed');
    sendStatus();
    scheduleRetry();
    throw new Error(lastError);
  }
}

/** Commits what is appended. The timer skips a tick while a flush is running; a history request waits its turn (the store queues flushes). */
async function flush(fromTimer = false): Promise<void> {
  const g = gate;
  if (!g || !g.open || (fromTimer && flushing > 0)) {
    // Drops while stopped are reported once per flush interval, not per batch.
    if (statusDirty) sendStatus();
    return;
  }
  flushing++;
  try {
    if (injectedError) {
      const msg = injectedError;
      injectedError = null;
      throw new Error(msg);
    }
    const n = await g.run((s) => s.flush());
    rowsSettled += n;
    if (n > 0 || statusDirty) sendStatus();
  } catch (err) {
    fail(g, err);
  } finally {
    flushing--;
  }
}

function startFlushTimer(): void {
  if (flushTimer) clearInterval(flushTimer);
  flushTimer = setInterval(() => void flush(true), flushMs);
}

async function begin(meta: NewSession): Promise<void> {
  if (live) await end(meta.startedAt);
  live = { meta, id: null };
  // A start while stopped by an error is a good moment to try again.
  if (!gate && lastError && !shutDown) await resume().catch(() => undefined);
  const g = gate;
  if (g && live.id === null) {
    try {
      live.id = await g.run((s) => s.beginSession(meta));
    } catch (err) {
      fail(g, err);
    }
  }
  sendStatus();
}

async function end(endedAt: number): Promise<void> {
  const current = live;
  live = undefined;
  const g = gate;
  if (current && g && current.id !== null) {
    // Counts what this last flush committed (rows a running timer flush holds, it counts itself).
    try {
      // Not `rowsSettled += await …`: that reads the counter before the await and loses what a timer flush adds meanwhile.
      const committed = await g.run((s) => s.endSession(endedAt));
      rowsSettled += committed;
    } catch (err) {
      fail(g, err);
    }
  }
  sendStatus();
}

function frames(n: number, append: (s: SessionStore) => void): void {
  const g = gate;
  if (!g || !g.open || !live || live.id === null) {
    droppedRows += n;
    rowsSettled += n;
    statusDirty = true;
    return;
  }
  try {
    append(g.store);
  } catch (err) {
    droppedRows += n;
    rowsSettled += n;
    fail(g, err);
  }
}

/** The open database for a request, or the error that closed it. */
function use<T>(fn: (s: SessionStore) => Promise<T>): Promise<T> {
  if (!gate) return Promise.reject(notOpen());
  return gate.run(fn);
}

function missing(what: string): Error {
  return Object.assign(new Error(`${what} does not exist`), { notFound: true });
}

/** Closes the session here and continues measuring into a new one in the new folder. */
async function switchFolder(next: string): Promise<void> {
  const g = gate;
  if (g) {
    if (live?.id !== null && live !== undefined) {
      try {
        const committed = await g.run((s) => s.endSession(Date.now()));
        rowsSettled += committed;
      } catch (err) {
        fail(g, err);
      }
    }
    retire(g, 'folder change');
  }
  await closing;
  if (live) live = { meta: { ...live.meta, startedAt: Date.now() }, id: null };
  folder = next;
  lastError ??= `switching to folder ${folder}`;
}

/** Replays read on a connection of their own, through the gate like every other use of the database. */
function withReader<T>(fn: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  return use(async (s) => {
    const con = await s.connect();
    try {
      return await fn(con);
    } finally {
      con.closeSync();
    }
  });
}

async function handle(req: RecorderRequest): Promise<unknown> {
  switch (req.op) {
    case 'list':
      return use((s) => s.list());
    case 'rename':
      if (!(await use((s) => s.rename(req.sessionId, req.name)))) throw missing(`session ${req.sessionId}`);
      return use((s) => s.get(req.sessionId));
    case 'delete':
      if (!(await use((s) => s.delete(req.sessionId)))) throw missing(`session ${req.sessionId}`);
      return { sessionId: req.sessionId };
    case 'history': {
      if (!gate) throw notOpen();
      await flush(); // the current session "so far" includes the last appended rows
      const h = await use((s) => s.history(req.query));
      if (!h) throw missing(`session ${req.query.sessionId}`);
      return h;
    }
    case 'export':
      if (!gate) throw notOpen();
      return exporter.start(gate, req.exportId, req.request);
    case 'cancelExport':
      if (!exporter.cancel(req.exportId)) throw Object.assign(new Error(`export ${req.exportId} is not running`), { notFound: true });
      return { exportId: req.exportId };
    case 'exportFile': {
      const file = exporter.file(req.exportId, req.part);
      if (!file) throw Object.assign(new Error(`export ${req.exportId} has no finished file`), { notFound: true });
      return file;
    }
    case 'resume':
      if (req.folder !== undefined && req.folder !== folder) await switchFolder(req.folder);
      await resume();
      return status();
    case 'setFlushMs':
      flushMs = req.flushMs;
      startFlushTimer();
      return status();
    case 'replaySpan': {
      const span = await withReader((con) => sessionSpan(con, req.sessionId));
      if (!span) throw Object.assign(new Error(`session ${req.sessionId} does not exist`), { notFound: true });
      return span;
    }
    case 'replayRead':
      return withReader((con) => readFrames(con, req.sessionId, req.channels, req.index, req.max));
    case 'replayIndexAt':
      return withReader((con) => frameIndexAt(con, req.sessionId, req.timeMs));
    case 'injectWriteError':
      injectedError = req.message;
      return status();
    case 'close':
      shutDown = true;
      if (live) await end(Date.now());
      if (flushTimer) clearInterval(flushTimer);
      if (retryTimer) clearInterval(retryTimer);
      if (gate) retire(gate, 'shutdown');
      await closing;
      return { closed: true };
  }
}

// Messages are handled strictly in order: an `end` never overtakes the frames before it.
// A step that fails never stops the ones after it.
let chain: Promise<void> = Promise.resolve();
function enqueue(step: () => Promise<void> | void): void {
  chain = chain.then(step).catch((err: unknown) => {
    lastError ??= `Recorder step failed: ${describe(err)}`;
    sendStatus();
  });
}

port.on('message', (msg: ToRecorder) => {
  switch (msg.type) {
    case 'frames':
      return enqueue(() => frames(msg.frames, (s) => s.append(msg.data, msg.frames, msg.channels)));
    case 'begin':
      return enqueue(() => begin(msg.session));
    case 'end':
      return enqueue(() => end(msg.endedAt));
    case 'events':
      return enqueue(async () => {
        const g = gate;
        if (g) await g.run((s) => s.recordEvents(live?.id ?? null, msg.events)).catch((err: unknown) => fail(g, err));
      });
    case 'request':
      return enqueue(async () => {
        try {
          post({ type: 'response', id: msg.id, ok: true, value: await handle(msg.request) });
        } catch (err) {
          post({ type: 'response', id: msg.id, ok: false, error: describe(err), ...((err as { notFound?: boolean }).notFound ? { notFound: true } : {}) });
        }
      });
  }
});

enqueue(async () => {
  try {
    gate = await openStore();
  } catch (err) {
    lastError = `Recording stopped: ${describe(err)} (folder ${folder})`;
    scheduleRetry();
  }
  startFlushTimer();
  sendStatus();
});
