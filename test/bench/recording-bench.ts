// Recording benchmarks on the BUILT workers:
//  record  — flooding simulator → pool (full resolution) → recorder worker → DuckDB, lossless
//            (queue and recorder lag both slow the device down);
//  export  — a 10 M-row, 8-channel session streamed to CSV; rows/s and peak RSS growth; run over
//            full-precision doubles (the worst case for number formatting) and again over values
//            with the simulator's 4 decimals (what a text device's recording holds);
//  history — min/max buckets over that whole session (median of 9 queries).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportRequestSchema, type SessionInfo } from '@shared/domain/recording.js';
import { exportSession } from '../../src-main/engine/export/exporter.js';
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { Recorder } from '../../src-main/engine/recorder/recorder.js';
import { SessionStore } from '../../src-main/engine/recorder/session-store.js';
import { builtRecorderFile, builtWorkerFile } from './paths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;

export async function runRecordBench(seconds = 10, channels = 8): Promise<object> {
  const dir = await mkdtemp(join(tmpdir(), 'th-bench-rec-'));
  const device = new SimulatedDevice({ channels, rateHz: 100_000, signals: [] }, { flood: { chunkFrames: 2000 } });
  let queueBehind = false;
  let recBehind = false;
  const throttle = () => device.setThrottled(queueBehind || recBehind);
  const recorder = new Recorder({
    workerFile: builtRecorderFile(),
    folder: dir,
    exportsDir: join(dir, 'exports'),
    flushMs: 250,
    threads: 1,
    onBackpressure: (a) => {
      recBehind = a;
      throttle();
    },
  });
  await recorder.ready();
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const pipeline = new Pipeline({
    pool,
    channels,
    periodMs: 0.01,
    bucketMs: 6,
    queueCapacity: 1000,
    overflowPolicy: 'reject',
    publishHz: 60,
    onPublish: () => {},
    onBackpressure: (a) => {
      queueBehind = a;
      throttle();
    },
    onFull: (f) => recorder.pushFrames(f),
  });
  pipeline.setFullResolution(true);
  device.onData((chunk) => pipeline.ingest(chunk));
  await device.open();
  recorder.beginSession({ source: 'simulated', startedAt: Date.now(), channels: Array.from({ length: channels }, (_, i) => ({ index: i, name: `ch${i + 1}`, unit: '' })) });
  device.setMeasuring(true);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  device.setMeasuring(false);
  await pipeline.idle();
  recorder.endSession(Date.now());
  const list = await recorder.request<SessionInfo[]>({ op: 'list' });
  const elapsed = (performance.now() - t0) / 1000;
  const recorded = list[0]?.frames ?? 0;
  const st = recorder.status;
  const c = pipeline.counters;
  await recorder.close();
  pipeline.close();
  await pool.close();
  await rm(dir, { recursive: true, force: true });
  return {
    bench: 'record',
    channels,
    framesPerSec: Math.round(recorded / elapsed),
    samplesPerSec: Math.round((recorded * channels) / elapsed),
    dropped: st.droppedRows + c.linesDropped + c.linesRejected + c.linesFailed + (c.frames - recorded),
    seconds: round(elapsed),
  };
}

/** Builds a `rows`-row session with the data-chunk appender (what the recorder uses). */
async function bigSession(dir: string, rows: number, channels: number, decimals?: number): Promise<{ store: SessionStore; session: SessionInfo }> {
  const scale = decimals === undefined ? 0 : 10 ** decimals;
  const value = (i: number, c: number): number => {
    const v = Math.sin(i * 0.001 + c) * (c + 1);
    return scale ? Math.round(v * scale) / scale : v;
  };
  const store = await SessionStore.open({ folder: dir, threads: 2 });
  const t0 = Date.UTC(2026, 0, 1);
  await store.beginSession({ source: 'bench', startedAt: t0, channels: Array.from({ length: channels }, (_, i) => ({ index: i, name: `ch${i + 1}`, unit: 'V' })) });
  const per = 20_000;
  const data = new Float64Array(per * (1 + channels));
  for (let f0 = 0; f0 < rows; f0 += per) {
    const n = Math.min(per, rows - f0);
    for (let f = 0; f < n; f++) {
      data[f] = t0 + (f0 + f); // 1 kHz
      for (let c = 0; c < channels; c++) data[n + f * channels + c] = value(f0 + f, c);
    }
    store.append(data, n, channels);
    if ((f0 / per) % 50 === 0) await store.flush();
  }
  await store.endSession(t0 + rows);
  const session = await store.get(store.sessionId ?? 1);
  return { store, session: (await store.list())[0] ?? (session as SessionInfo) };
}

export async function runExportAndHistoryBench(rows = 10_000_000, channels = 8): Promise<object[]> {
  const dir = await mkdtemp(join(tmpdir(), 'th-bench-exp-'));
  process.stderr.write(`  building a ${rows}-row session…\n`);
  const { store, session } = await bigSession(dir, rows, channels);
  await store.checkpoint();

  // history first (export leaves big buffers around)
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    const h = await store.history({ sessionId: session.id, buckets: 1000 });
    times.push(performance.now() - t);
    if (!h || h.frames !== rows) throw new Error(`history saw ${h?.frames} frames, expected ${rows}`);
  }
  times.sort((a, b) => a - b);
  const zoomT = performance.now();
  await store.history({ sessionId: session.id, fromMs: session.startedAt + rows / 2, toMs: session.startedAt + rows / 2 + 60_000, buckets: 1000 });
  const zoomMs = performance.now() - zoomT;

  const csv = await measureCsvExport(store, session, dir);

  const pq = await store.connect();
  const tp = performance.now();
  const outP = await exportSession(pq, session, ExportRequestSchema.parse({ sessionId: session.id, format: 'parquet' }), join(dir, 'bench.parquet'), () => {}, new AbortController().signal);
  const secsP = (performance.now() - tp) / 1000;
  pq.closeSync();
  store.close();
  await rm(dir, { recursive: true, force: true });

  const deviceDir = await mkdtemp(join(tmpdir(), 'th-bench-exp4-'));
  process.stderr.write(`  building a ${rows}-row session with 4-decimal values…\n`);
  const device = await bigSession(deviceDir, rows, channels, 4);
  await device.store.checkpoint();
  const csvDevice = await measureCsvExport(device.store, device.session, deviceDir);
  device.store.close();
  await rm(deviceDir, { recursive: true, force: true });
  return [
    { bench: 'export', format: 'csv', values: 'full-precision', ...csv },
    { bench: 'export', format: 'csv', values: 'device-4-decimals', ...csvDevice },
    { bench: 'export', format: 'parquet', rows: outP.rows, rowsPerSec: Math.round(outP.rows / secsP), fileMb: Math.round(outP.bytes / 1048576), seconds: round(secsP) },
    { bench: 'history', rows, buckets: 1000, bucketQueryMs: round(times[4] ?? 0), maxMs: round(times[8] ?? 0), zoom60sMs: round(zoomMs) },
  ];
}

/** One CSV export of the whole session: rows/s, peak RSS growth over the run, file size, CPU seconds. */
async function measureCsvExport(store: SessionStore, session: SessionInfo, dir: string): Promise<object> {
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const con = await store.connect();
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const out = await exportSession(con, session, ExportRequestSchema.parse({ sessionId: session.id }), join(dir, 'bench.csv'), () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, new AbortController().signal);
  const secs = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  con.closeSync();
  return {
    rows: out.rows,
    rowsPerSec: Math.round(out.rows / secs),
    peakRssMb: Math.round(peak / 1048576),
    rssGrowthMb: Math.round((peak - rss0) / 1048576),
    fileMb: Math.round(out.bytes / 1048576),
    seconds: round(secs),
    // CPU seconds of every thread (DuckDB's included): what a loaded machine does not distort.
    cpuSeconds: round((cpu.user + cpu.system) / 1e6),
  };
}
