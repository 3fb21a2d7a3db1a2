// Simulated device → real pool (full resolution on) → recorder worker → DuckDB →
// export → parse back. Every value is compared with the text the device emitted,
// every timestamp with what the pipeline assigned.
import { readFile } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { ExportRequestSchema, type SessionInfo } from '@shared/domain/recording.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { parseCsv } from '../helpers/csv-parse.js';
import { startRecorder, tempDir, type TestRecorder } from '../helpers/recorder.js';
import { testWorker } from '../helpers/worker.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

async function until(pred: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('record round trip', () => {
  it('device frames → record → CSV and Parquet: every value and timestamp back, one row per frame', async () => {
    const channels = 4;
    const folder = await tempDir();
    const r: TestRecorder = startRecorder(folder, { flushMs: 100 });
    cleanup.push(() => r.recorder.close());
    await r.recorder.ready();
    const pool = new WorkerPool({ workerFile: testWorker.workerFile, execArgv: testWorker.workerExecArgv, threads: 2 });
    cleanup.push(() => pool.close());

    const emitted: string[] = [];
    const times: number[] = [];
    const pipeline = new Pipeline({
      pool,
      channels,
      periodMs: 0.5,
      bucketMs: 50,
      queueCapacity: 1000,
      overflowPolicy: 'reject',
      publishHz: 60,
      onPublish: () => undefined,
      onFull: (f) => {
        for (let i = 0; i < f.frames; i++) times.push(f.data[i] as number);
        r.recorder.pushFrames(f);
      },
    });
    const device = new SimulatedDevice({ channels, rateHz: 2000, signals: [] });
    const decoder = new TextDecoder();
    let carry = '';
    device.onData((chunk) => {
      const text = carry + decoder.decode(chunk);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      emitted.push(...lines);
      pipeline.ingest(chunk);
    });
    await device.open();
    pipeline.setFullResolution(true);
    r.recorder.beginSession({ source: 'simulated', startedAt: Date.now(), channels: [0, 1, 2, 3].map((i) => ({ index: i, name: `ch${i + 1}`, unit: 'V' })) });
    device.setMeasuring(true);
    await until(() => device.framesProduced >= 3000);
    device.setMeasuring(false);
    await pipeline.idle();
    r.recorder.endSession(Date.now());
    await device.close();

    expect(pipeline.counters.frames).toBe(device.framesProduced);
    const frames = pipeline.counters.frames;
    const [session] = await r.recorder.request<SessionInfo[]>({ op: 'list' });
    expect(session?.frames).toBe(frames);
    expect(emitted).toHaveLength(frames);

    await r.recorder.request({ op: 'export', exportId: 'rt', request: ExportRequestSchema.parse({ sessionId: session?.id }) });
    expect((await r.waitExport('rt')).rowsDone).toBe(frames);
    const csv = parseCsv((await readFile(await r.recorder.request<string>({ op: 'exportFile', exportId: 'rt' }), 'utf8')).replace(/^\uFEFF/, ''));
    expect(csv[0]).toEqual(['Time (UTC)', 'Seconds', 'ch1 [V]', 'ch2 [V]', 'ch3 [V]', 'ch4 [V]']);
    expect(csv).toHaveLength(frames + 1);
    for (let f = 0; f < frames; f++) {
      const row = csv[f + 1] as string[];
      const sent = (emitted[f] as string).split(',').slice(1).map(Number); // drop the sequence number
      expect(row.slice(2).map(Number)).toEqual(sent);
      const t = times[f] as number;
      expect(Date.parse(row[0] as string)).toBe(Math.floor(t));
      expect(Number(row[0]?.slice(20, 26)) / 1000).toBeCloseTo(t % 1000, 3);
      expect(Number(row[1])).toBeCloseTo((t - (session?.startedAt ?? 0)) / 1000, 6);
    }

    await r.recorder.request({ op: 'export', exportId: 'rtp', request: ExportRequestSchema.parse({ sessionId: session?.id, format: 'parquet' }) });
    expect((await r.waitExport('rtp')).state).toBe('done');
    const file = await r.recorder.request<string>({ op: 'exportFile', exportId: 'rtp' });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (await con.runAndReadAll(`SELECT "Epoch ms", "ch1 [V]", "ch2 [V]", "ch3 [V]", "ch4 [V]" FROM read_parquet('${file}')`)).getRowsJS() as number[][];
    expect(rows).toHaveLength(frames);
    for (let f = 0; f < frames; f++) {
      expect(rows[f]?.[0]).toBe(times[f]);
      expect(rows[f]?.slice(1)).toEqual((emitted[f] as string).split(',').slice(1).map(Number));
    }
    con.closeSync();
    db.closeSync();
  });
});
