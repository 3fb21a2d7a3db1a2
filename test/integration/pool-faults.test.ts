// Worker-pool faults with real worker threads: a batch whose worker throws or dies is
// retried once, then counted failed; dead workers are replaced; nothing reaches the
// main process as an unhandled rejection or an uncaught error; Pipeline counters stay exact.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SampleBatch } from '@shared/api/samples.js';
import { emptyMetrics } from '@shared/domain/metrics.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../../src-main/engine/metrics/prometheus.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import type { DecodeTask } from '../../src-main/engine/pipeline/task.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { until } from '../helpers/until.js';
import { testWorker } from '../helpers/worker.js';

const chaosWorkerFile = resolve(import.meta.dirname, '../helpers/chaos-worker.ts');
const CHANNELS = 8;

let dir = '';
let onceCount = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pool-faults-'));
  process.on('unhandledRejection', onUnhandled);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  rmSync(dir, { recursive: true, force: true });
});

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  // Rejections are reported a tick late: let them surface before checking.
  await new Promise((r) => setTimeout(r, 20));
  expect(unhandled).toEqual([]);
});

function chaosPool(threads: number): WorkerPool {
  const pool = new WorkerPool({ workerFile: chaosWorkerFile, execArgv: testWorker.workerExecArgv, threads });
  pools.push(pool);
  return pool;
}

/** A marker that fails only the first attempt (see chaos-worker.ts): a fresh token file each call. */
function once(kind: 'THROW' | 'EXIT'): string {
  return `#${kind}-ONCE:${join(dir, `once-${++onceCount}`)}`;
}

/** `lines` CSV frames whose values are all `tag`, seq from `seq0`, then the marker line (if any). */
function csv(lines: number, tag: number, seq0: number, marker?: string): Uint8Array {
  const fields = Array.from({ length: CHANNELS }, () => `${tag}.25`).join(',');
  let text = '';
  for (let i = 0; i < lines; i++) text += `${seq0 + i},${fields}\n`;
  if (marker) text += `${marker}\n`;
  return new TextEncoder().encode(text);
}

function task(bytes: Uint8Array): DecodeTask {
  return { bytes, channels: CHANNELS, periodMs: 0, arrivedAt: Date.now(), bucketMs: 0 };
}

/** Normal batches go through every thread and decode exactly. */
async function expectFlowing(pool: WorkerPool, batches: number, tag: number): Promise<void> {
  const results = await Promise.all(Array.from({ length: batches }, (_, b) => pool.run(task(csv(100, tag, b * 100)))));
  for (const r of results) {
    expect(r.frames).toBe(100);
    expect(r.errors).toBe(0);
    expect(r.y[0]).toBe(tag + 0.25);
  }
}

describe('worker pool faults', () => {
  it('retries a batch whose worker throws once and delivers it', async () => {
    const pool = chaosPool(2);
    const marker = once('THROW');
    const r = await pool.run(task(csv(100, 7, 0, marker)));
    expect(r.frames).toBe(100);
    expect(r.lines).toBe(101); // the marker line is a malformed CSV line
    expect(r.errors).toBe(1);
    expect(Array.from(r.y.subarray(0, 3))).toEqual([7.25, 7.25, 7.25]);
    expect(existsSync(marker.slice(marker.indexOf(':') + 1))).toBe(true);
    expect(pool.stats()).toEqual({ inFlight: 0, completed: 1, failed: 0, retried: 1, workerErrors: 1, workersReplaced: 0 });
    expect(pool.workersLost).toBe(0);
  });

  it('counts a batch that always throws as failed while later batches still flow', async () => {
    const pool = chaosPool(2);
    await expect(pool.run(task(csv(50, 1, 0, '#THROW')))).rejects.toThrow('chaos: #THROW');
    expect(pool.stats()).toMatchObject({ completed: 0, failed: 1, retried: 1, workerErrors: 2, workersReplaced: 0, inFlight: 0 });

    // A failing batch among healthy ones (all in flight together) fails alone.
    const mixed = await Promise.allSettled([
      pool.run(task(csv(100, 2, 0))),
      pool.run(task(csv(100, 2, 100, '#THROW'))),
      pool.run(task(csv(100, 2, 200))),
      pool.run(task(csv(100, 2, 300))),
    ]);
    expect(mixed.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    await expectFlowing(pool, 4, 3);
    expect(pool.stats()).toEqual({ inFlight: 0, completed: 7, failed: 2, retried: 2, workerErrors: 4, workersReplaced: 0 });
    expect(pool.workersLost).toBe(0);
    expect(pool.liveThreads).toBe(2);
  });

  it('replaces a worker that exits; its batch is retried on another worker', async () => {
    const pool = chaosPool(2);
    const r = await pool.run(task(csv(100, 4, 0, once('EXIT'))));
    expect(r.frames).toBe(100);
    expect(pool.workersLost).toBe(1);
    await until(() => pool.workersReplaced === 1, 30_000, 'one replacement');
    expect(pool.liveThreads).toBe(2);
    expect(pool.stats()).toMatchObject({ completed: 1, failed: 0, retried: 1, workerErrors: 0 });

    // Exits on both attempts: two workers die, the batch fails with piscina's exit error.
    await expect(pool.run(task(csv(100, 4, 100, '#EXIT')))).rejects.toThrow(/worker exited with code: 1/);
    expect(pool.workersLost).toBe(3);
    await until(() => pool.workersReplaced === 3, 30_000, 'three replacements');
    expect(pool.liveThreads).toBe(2);
    await expectFlowing(pool, 8, 5);
    expect(pool.stats()).toEqual({ inFlight: 0, completed: 9, failed: 1, retried: 2, workerErrors: 0, workersReplaced: 3 });

    // The same counters reach Prometheus through the metrics the engine builds.
    const metrics = { ...emptyMetrics(), pool: { threads: pool.threads, utilization: pool.sampleUtilization(), ...pool.stats() } };
    const prom = await createRegistry(() => ({ metrics, totals: {} })).metrics();
    expect(prom).toContain('telemetryhub_pool_batches_failed_total 1');
    expect(prom).toContain('telemetryhub_pool_batches_retried_total 2');
    expect(prom).toContain('telemetryhub_pool_worker_errors_total 0');
    expect(prom).toContain('telemetryhub_pool_workers_replaced_total 3');
  });

  it('keeps working through 20 consecutive worker deaths', async () => {
    const pool = chaosPool(2);
    for (let i = 0; i < 20; i++) {
      const r = await pool.run(task(csv(100, i, i * 100, once('EXIT'))));
      expect(r.frames).toBe(100);
      expect(r.y[0]).toBe(i + 0.25);
    }
    expect(pool.workersLost).toBe(20);
    expect(pool.stats()).toMatchObject({ completed: 20, failed: 0, retried: 20, workerErrors: 0 });
    await until(() => pool.workersReplaced === 20, 30_000, 'twenty replacements');
    expect(pool.liveThreads).toBe(2);

    // Deaths on both threads at once, with the pool full (capacity in flight).
    const wave = await Promise.all(Array.from({ length: pool.capacity }, (_, b) => pool.run(task(csv(100, 30, b * 100, once('EXIT'))))));
    expect(wave.every((r) => r.frames === 100)).toBe(true);
    expect(pool.workersLost).toBe(20 + pool.capacity);
    await until(() => pool.workersReplaced === 20 + pool.capacity, 30_000, 'every replacement');
    expect(pool.liveThreads).toBe(2);
    await expectFlowing(pool, 8, 40);
    expect(pool.stats()).toEqual({
      inFlight: 0,
      completed: 20 + pool.capacity + 8,
      failed: 0,
      retried: 20 + pool.capacity,
      workerErrors: 0,
      workersReplaced: 20 + pool.capacity,
    });
  });

  it('reports a worker that fails outside any batch through onError instead of crashing', async () => {
    // A worker module that throws while loading: piscina emits 'error' with no task to reject.
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('chaos: broken worker');\nexport default () => 0;\n");
    const errors: unknown[] = [];
    const pool = new WorkerPool({ workerFile: broken, threads: 1, onError: (err) => errors.push(err) });
    pools.push(pool);
    await until(() => pool.poolErrors >= 1, 30_000, 'a pool error');
    expect(errors.length).toBe(pool.poolErrors);
    expect(String(errors[0])).toContain('chaos: broken worker');
  });

  it('keeps Pipeline counters exact with throws, exits and retries among real batches', async () => {
    const pool = chaosPool(2);
    const published: SampleBatch[] = [];
    const pipeline = new Pipeline({
      pool,
      channels: CHANNELS,
      periodMs: 0,
      bucketMs: 0,
      queueCapacity: 1000,
      overflowPolicy: 'drop-oldest',
      publishHz: 60,
      onPublish: (b) => published.push(b),
    });
    const LINES = 1600;
    const BATCHES = 40;
    // Over 64 KiB per chunk: each chunk is its own batch (the framer would merge smaller ones).
    expect(csv(LINES, 0, 0).length).toBeGreaterThan(64 * 1024);
    const markerOf = (b: number): string | undefined => {
      if (b % 10 === 3) return once('THROW'); // delivered on the retry
      if (b % 10 === 6) return once('EXIT'); // delivered on the retry
      if (b === 8) return '#THROW'; // fails
      if (b === 29) return '#EXIT'; // fails
      return undefined;
    };
    const failing = new Set([8, 29]);
    let framed = 0;
    let markedDelivered = 0;
    for (let b = 0; b < BATCHES; b++) {
      const marker = markerOf(b);
      framed += LINES + (marker ? 1 : 0);
      if (marker && !failing.has(b)) markedDelivered++;
      pipeline.ingest(csv(LINES, b, b * LINES, marker));
    }
    await pipeline.idle();

    const c = pipeline.counters;
    expect(c.linesFramed).toBe(framed);
    expect(c.linesProcessed + c.linesFailed + c.linesDropped + c.linesRejected + c.linesStale).toBe(c.linesFramed);
    expect(c.linesFailed).toBe(2 * (LINES + 1));
    expect(c.linesDropped + c.linesRejected + c.linesStale).toBe(0);
    expect(c.frames).toBe((BATCHES - 2) * LINES);
    expect(c.decodeErrors).toBe(markedDelivered);

    // Every delivered batch reached the chart, in device order; the failed ones did not.
    const tags: number[] = [];
    for (const batch of published) for (let i = 0; i < batch.t.length; i++) tags.push(Math.floor(batch.y[i] as number));
    expect(tags.length).toBe(c.frames);
    for (let i = 1; i < tags.length; i++) expect(tags[i]).toBeGreaterThanOrEqual(tags[i - 1] as number);
    const expected = Array.from({ length: BATCHES }, (_, b) => b).filter((b) => !failing.has(b));
    expect([...new Set(tags)]).toEqual(expected);

    const s = pool.stats();
    expect(s).toMatchObject({ inFlight: 0, completed: BATCHES - 2, failed: 2, workerErrors: 4 + 2 });
    // 4 THROW-ONCE + 4 EXIT-ONCE + the two failing batches.
    expect(s.retried).toBe(10);
    // 4 EXIT-ONCE + #EXIT twice.
    expect(pool.workersLost).toBe(6);
    await until(() => pool.workersReplaced === 6, 30_000, 'six replacements');
    expect(pool.liveThreads).toBe(2);
  });
});
