// The recorder thread: owns the DuckDB file. Frames arrive transferred from the
// engine, are appended in batches and committed every flushMs. A write error stops
// recording (counted, reported) without touching what is already committed; the
// recorder retries on its own and on `resume`.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExportProgress, ExportRequest } from '@shared/domain/recording.js';
import { ExportCancelled, exportSession } from '../export/exporter.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { SessionStore, type NewSession } from './session-store.js';
import { frameIndexAt, readFrames, sessionSpan } from './replay-read.js';
import type { FromRecorder, RecorderRequest, RecorderWorkerData, RecorderWorkerStatus, ToRecorder } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('recorder-worker must run in a worker thread');
const cfg = workerData as RecorderWorkerData;

let folder = cfg.folder;
let flushMs = cfg.flushMs;
let store: SessionStore | undefined;
let lastError: string | null = null;
/** The session being measured (kept through an error so resume can continue it). */
let live: { meta: NewSession; id: number | null } | undefined;
let droppedRows = 0;
let rowsSettled = 0;
let recovered: number[] = [];
let injectedError: string | null = null;
let flushTimer: ReturnType<typeof setInterval> | undefined;
let retryTimer: ReturnType<typeof setInterval> | undefined;
/** Flushes running or queued in the store. */
let flushing = 0;
const exports = new Map<string, AbortController>();
const exportFiles = new Map<string, { data: string; events: string | null }>();

function post(msg: FromRecorder): void {
  port?.postMessage(msg);
}

function status(): RecorderWorkerStatus {
  return {
    ready: store !== undefined,
    sessionId: live?.id ?? null,
    rowsFlushed: store?.rowsFlushed ?? 0,
    rowsSettled,
    droppedRows,
    lastError,
    dbPath: store?.dbPath ?? join(folder, 'recordings.duckdb'),
    recovered,
  };
}

let statusDirty = false;

function sendStatus(): void {
  statusDirty = false;
  post({ type: 'status', status: status() });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Stops recording after a write error: committed rows stay, the rest is counted as dropped. */
function fail(err: unknown): void {
  const unflushed = store?.rowsUnflushed ?? 0;
  droppedRows += unflushed;
  rowsSettled += unflushed;
  lastError = `Recording stopped: ${describe(err)} (folder ${folder})`;
  const s = store;
  store = undefined;
  try {
    s?.close();
  } catch {
    // the database is already unusable; its committed data is safe on disk
  }
  sendStatus();
  scheduleRetry();
}

function scheduleRetry(): void {
  if (retryTimer || !cfg.retryMs) return;
  retryTimer = setInterval(() => {
    void resume().catch(() => undefined);
  }, cfg.retryMs);
}

async function openStore(): Promise<void> {
  const s = await SessionStore.open({ folder, memoryLimit: cfg.memoryLimit ?? '256MB', threads: cfg.threads ?? 2 });
  recovered = await s.recover();
  store = s;
}

/** (Re)opens the database and continues or starts the live session. */
async function resume(): Promise<void> {
  if (store && !lastError) return;
  try {
    await openStore();
    if (live && store) {
      const s: SessionStore = store;
      const known = live.id !== null && (await s.get(live.id)) !== undefined;
      if (known && live.id !== null) await s.continueSession(live.id, live.meta.channels.length);
      else live.id = await s.beginSession(live.meta);
    }
    lastError = null;
    if (retryTimer) clearInterval(retryTimer);
    retryTimer = undefined;
    sendStatus();
  } catch (err) {
    if (store) fail(err);
    else {
      lastError = `Recording stopped: ${describe(err)} (folder ${folder})`;
      sendStatus();
      scheduleRetry();
    }
    throw new Error(lastError ?? describe(err));
  }
}

/** Commits what is appended. The timer skips a tick while a flush is running; a history request waits its turn (the store queues flushes). */
async function flush(fromTimer = false): Promise<void> {
  if (!store || (fromTimer && flushing > 0)) {
    // Drops while stopped are reported once per flush interval, not per batch.
    if (statusDirty) sendStatus();
    return;
  }
  const s = store;
  flushing++;
  try {
    if (injectedError) {
      const msg = injectedError;
      injectedError = null;
      throw new Error(msg);
    }
    const n = await s.flush();
    rowsSettled += n;
    if (n > 0 || statusDirty) sendStatus();
  } catch (err) {
    // A flush queued behind one that failed finds its store closed: the first error is the one to report.
    if (store === s) fail(err);
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
  if (!store) {
    sendStatus();
    return;
  }
  try {
    live.id = await store.beginSession(meta);
  } catch (err) {
    fail(err);
  }
  sendStatus();
}

async function end(endedAt: number): Promise<void> {
  const current = live;
  live = undefined;
  if (!current || !store || current.id === null) {
    sendStatus();
    return;
  }
  await endStored(store, endedAt);
  sendStatus();
}

/** Ends the session open in `s`, counting what its last flush committed (rows a running timer flush holds, it counts itself). */
async function endStored(s: SessionStore, endedAt: number): Promise<void> {
  try {
    rowsSettled += await s.endSession(endedAt);
  } catch (err) {
    // A session ended behind a failed flush finds its store closed: the first error is the one to report.
    if (store === s) fail(err);
  }
}

function frames(data: Float64Array, n: number, channels: number): void {
  if (!store || !live || live.id === null) {
    droppedRows += n;
    rowsSettled += n;
    statusDirty = true;
    return;
  }
  try {
    store.append(data, n, channels);
  } catch (err) {
    droppedRows += n;
    rowsSettled += n;
    fail(err);
  }
}

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'session';
}

async function runExport(exportId: string, req: ExportRequest): Promise<{ exportId: string; fileName: string }> {
  if (!store) throw new Error(lastError ?? 'the recording database is not open');
  const session = await store.get(req.sessionId);
  if (!session) throw Object.assign(new Error(`session ${req.sessionId} does not exist`), { notFound: true });
  const ext = req.format === 'csv' ? 'csv' : 'parquet';
  const stamp = new Date(session.startedAt).toISOString().slice(0, 19).replaceAll(':', '-');
  const fileName = `${safeName(session.name)}-${stamp}.${ext}`;
  await mkdir(cfg.exportsDir, { recursive: true });
  const target = join(cfg.exportsDir, `${exportId}.${ext}`);
  const con = await store.connect();
  const ctrl = new AbortController();
  exports.set(exportId, ctrl);
  const started = performance.now();
  let lastPost = 0;
  const progress = (p: Partial<ExportProgress> & Pick<ExportProgress, 'state' | 'rowsDone' | 'rowsTotal'>): void => {
    const secs = (performance.now() - started) / 1000;
    const rowsPerSec = secs > 0 ? Math.round(p.rowsDone / secs) : 0;
    const left = p.rowsTotal - p.rowsDone;
    post({
      type: 'export',
      progress: {
        exportId,
        sessionId: session.id,
        format: req.format,
        fileName,
        bytes: 0,
        downloadUrl: null,
        eventsUrl: null,
        error: null,
        rowsPerSec,
        etaSec: p.state === 'running' ? (rowsPerSec > 0 ? left / rowsPerSec : null) : 0,
        ...p,
      },
    });
  };
  progress({ state: 'running', rowsDone: 0, rowsTotal: session.frames });
  void exportSession(
    con,
    session,
    req,
    target,
    (tick) => {
      const now = performance.now();
      if (now - lastPost < 100) return;
      lastPost = now;
      progress({ state: 'running', ...tick });
    },
    ctrl.signal,
  )
    .then((out) => {
      exportFiles.set(exportId, { data: target, events: out.eventsFile });
      progress({
        state: 'done',
        rowsDone: out.rows,
        rowsTotal: out.rows,
        bytes: out.bytes,
        downloadUrl: `/export/${exportId}`,
        eventsUrl: out.eventsFile ? `/export/${exportId}/events` : null,
      });
    })
    .catch((err: unknown) => {
      const cancelled = err instanceof ExportCancelled;
      progress({
        state: cancelled ? 'cancelled' : 'failed',
        rowsDone: 0,
        rowsTotal: session.frames,
        error: cancelled ? 'export cancelled by the operator' : `export of session ${session.id} failed: ${describe(err)}`,
      });
    })
    .finally(() => {
      exports.delete(exportId);
      con.closeSync();
    });
  return { exportId, fileName };
}

/** Replays read on their own connection (opened on first use, dropped with the store). */
let reader: { store: SessionStore; con: DuckDBConnection } | undefined;
async function readConnection(): Promise<DuckDBConnection> {
  if (!store) throw new Error(lastError ?? 'the recording database is not open');
  if (reader?.store !== store) {
    closeReadConnection();
    reader = { store, con: await store.connect() };
  }
  return reader.con;
}
function closeReadConnection(): void {
  try {
    reader?.con.closeSync();
  } catch {
    // its database was already closed (after a write error)
  }
  reader = undefined;
}

async function handle(req: RecorderRequest): Promise<unknown> {
  switch (req.op) {
    case 'list':
      if (!store) throw new Error(lastError ?? 'the recording database is not open');
      return store.list();
    case 'rename':
      if (!store) throw new Error(lastError ?? 'the recording database is not open');
      if (!(await store.rename(req.sessionId, req.name))) throw Object.assign(new Error(`session ${req.sessionId} does not exist`), { notFound: true });
      return store.get(req.sessionId);
    case 'delete': {
      if (!store) throw new Error(lastError ?? 'the recording database is not open');
      if (!(await store.delete(req.sessionId))) throw Object.assign(new Error(`session ${req.sessionId} does not exist`), { notFound: true });
      return { sessionId: req.sessionId };
    }
    case 'history': {
      if (!store) throw new Error(lastError ?? 'the recording database is not open');
      await flush(); // the current session "so far" includes the last appended rows
      const h = store ? await store.history(req.query) : undefined;
      if (!h) throw Object.assign(new Error(`session ${req.query.sessionId} does not exist`), { notFound: true });
      return h;
    }
    case 'export':
      return runExport(req.exportId, req.request);
    case 'cancelExport': {
      const ctrl = exports.get(req.exportId);
      if (!ctrl) throw Object.assign(new Error(`export ${req.exportId} is not running`), { notFound: true });
      ctrl.abort();
      return { exportId: req.exportId };
    }
    case 'exportFile': {
      const files = exportFiles.get(req.exportId);
      const file = req.part === 'events' ? files?.events : files?.data;
      if (!file) throw Object.assign(new Error(`export ${req.exportId} has no finished file`), { notFound: true });
      return file;
    }
    case 'resume':
      if (req.folder !== undefined && req.folder !== folder) {
        // A new folder: close the session here, continue measuring into a new one there.
        if (store) {
          if (live?.id !== null && live !== undefined) await endStored(store, Date.now());
          store?.close();
          store = undefined;
        }
        if (live) live = { meta: { ...live.meta, startedAt: Date.now() }, id: null };
        folder = req.folder;
        lastError ??= `switching to folder ${folder}`;
      }
      await resume();
      return status();
    case 'setFlushMs':
      flushMs = req.flushMs;
      startFlushTimer();
      return status();
    case 'replaySpan': {
      const span = await sessionSpan(await readConnection(), req.sessionId);
      if (!span) throw Object.assign(new Error(`session ${req.sessionId} does not exist`), { notFound: true });
      return span;
    }
    case 'replayRead':
      return readFrames(await readConnection(), req.sessionId, req.channels, req.index, req.max);
    case 'replayIndexAt':
      return frameIndexAt(await readConnection(), req.sessionId, req.timeMs);
    case 'injectWriteError':
      injectedError = req.message;
      return status();
    case 'close':
      for (const ctrl of exports.values()) ctrl.abort();
      closeReadConnection();
      if (live) await end(Date.now());
      if (flushTimer) clearInterval(flushTimer);
      if (retryTimer) clearInterval(retryTimer);
      store?.close();
      store = undefined;
      return { closed: true };
  }
}

// Messages are handled strictly in order: an `end` never overtakes the frames before it.
let chain: Promise<void> = Promise.resolve();
port.on('message', (msg: ToRecorder) => {
  chain = chain.then(async () => {
    switch (msg.type) {
      case 'frames':
        frames(msg.data, msg.frames, msg.channels);
        return;
      case 'begin':
        return begin(msg.session);
      case 'end':
        return end(msg.endedAt);
      case 'events':
        if (store) await store.recordEvents(live?.id ?? null, msg.events).catch((err: unknown) => fail(err));
        return;
      case 'request':
        try {
          post({ type: 'response', id: msg.id, ok: true, value: await handle(msg.request) });
        } catch (err) {
          post({ type: 'response', id: msg.id, ok: false, error: describe(err), ...((err as { notFound?: boolean }).notFound ? { notFound: true } : {}) });
        }
        return;
    }
  });
});

async function boot(): Promise<void> {
  try {
    await openStore();
  } catch (err) {
    lastError = `Recording stopped: ${describe(err)} (folder ${folder})`;
    scheduleRetry();
  }
  startFlushTimer();
  sendStatus();
}
chain = chain.then(boot);
