// The pipeline with real worker threads: exact accounting, drop-oldest under
// forced overload, and the lossless (reject + backpressure) mode.
import type { SampleBatch } from '@shared/api/samples.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline, type PipelineOptions } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { testWorker } from '../helpers/worker.js';

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function makePipeline(over: Partial<PipelineOptions>, threads = 1): { pipeline: Pipeline; published: SampleBatch[] } {
  const pool = new WorkerPool({ workerFile: testWorker.workerFile, execArgv: testWorker.workerExecArgv, threads });
  pools.push(pool);
  const published: SampleBatch[] = [];
  const pipeline = new Pipeline({
    pool,
    channels: 8,
    periodMs: 0,
    bucketMs: 0,
    queueCapacity: 1000,
    overflowPolicy: 'drop-oldest',
    publishHz: 60,
    onPublish: (b) => published.push(b),
    ...over,
  });
  return { pipeline, published };
}

/** `lines` frames whose channel values are all `tag`, seq continuing from `seq0`. */
function chunkOf(lines: number, tag: number, seq0: number): Uint8Array {
  const fields = Array.from({ length: 8 }, () => `${tag}.1234`).join(',');
  let text = '';
  for (let i = 0; i < lines; i++) text += `${seq0 + i},${fields}\n`;
  return new TextEncoder().encode(text);
}

async function until(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('pipeline with real workers', () => {
  it('accounts for every frame the simulated device produced (processed + dropped = produced)', async () => {
    const { pipeline, published } = makePipeline({ queueCapacity: 8, overflowPolicy: 'drop-oldest' }, 2);
    const device = new SimulatedDevice({ channels: 8, rateHz: 1000, signals: [] }, { flood: { chunkFrames: 2000 } });
    device.onData((chunk) => pipeline.ingest(chunk));
    await device.open();
    device.setMeasuring(true);
    await until(() => device.framesProduced >= 200_000);
    device.setMeasuring(false);
    await pipeline.idle();

    const c = pipeline.counters;
    expect(c.linesFramed).toBe(device.framesProduced);
    expect(c.linesProcessed + c.linesDropped + c.linesRejected + c.linesFailed + c.linesStale).toBe(device.framesProduced);
    expect(c.decodeErrors).toBe(0);
    expect(c.frames).toBe(c.linesProcessed);
    // Published points are the decoded frames (no decimation with bucketMs 0).
    const points = published.reduce((n, b) => n + b.t.length, 0);
    expect(points).toBe(c.frames);
    const q = pipeline.queue.stats();
    expect(q.enqueued).toBe(q.delivered + q.dropped + q.depth);
  });

  it('under forced overload drop-oldest discards exactly the oldest queued batches', async () => {
    const { pipeline, published } = makePipeline({ queueCapacity: 4, overflowPolicy: 'drop-oldest' }, 1);
    const linesPerBatch = 1200; // > 64 KiB per chunk: each chunk becomes its own batch
    for (let b = 0; b < 20; b++) pipeline.ingest(chunkOf(linesPerBatch, b, b * linesPerBatch));
    await pipeline.idle();

    // One thread holds two batches in flight (0, 1); the queue keeps the newest four.
    const tags = new Set<number>();
    for (const batch of published) {
      const n = batch.t.length;
      for (let i = 0; i < n; i++) tags.add(Math.floor(batch.y[i] as number));
    }
    expect([...tags].sort((a, b) => a - b)).toEqual([0, 1, 16, 17, 18, 19]);
    expect(pipeline.counters.linesDropped).toBe(14 * linesPerBatch);
    expect(pipeline.queue.stats()).toMatchObject({ dropped: 14, enqueued: 20, delivered: 6, depth: 0, rejected: 0 });
    expect(pipeline.counters.seqGaps).toBe(1); // the jump from batch 1 to batch 16
  });

  it('is lossless with the reject policy when the device honours backpressure', async () => {
    let throttles = 0;
    const device = new SimulatedDevice({ channels: 8, rateHz: 1000, signals: [] }, { flood: { chunkFrames: 2000 } });
    const { pipeline } = makePipeline({
      queueCapacity: 16,
      overflowPolicy: 'reject',
      onBackpressure: (active) => {
        if (active) throttles++;
        device.setThrottled(active);
      },
    });
    device.onData((chunk) => pipeline.ingest(chunk));
    await device.open();
    device.setMeasuring(true);
    await until(() => device.framesProduced >= 300_000);
    device.setMeasuring(false);
    await pipeline.idle();
    expect(pipeline.counters.linesRejected).toBe(0);
    expect(pipeline.counters.linesDropped).toBe(0);
    expect(pipeline.counters.frames).toBe(device.framesProduced);
    expect(throttles).toBeGreaterThan(0);
  });

  it('publishes in device order even with two threads finishing out of order', async () => {
    const { pipeline, published } = makePipeline({}, 2);
    for (let b = 0; b < 40; b++) pipeline.ingest(chunkOf(1200, b, b * 1200));
    await pipeline.idle();
    const tags: number[] = [];
    for (const batch of published) for (let i = 0; i < batch.t.length; i++) tags.push(Math.floor(batch.y[i] as number));
    expect(tags.length).toBe(40 * 1200);
    for (let i = 1; i < tags.length; i++) expect(tags[i]).toBeGreaterThanOrEqual(tags[i - 1] as number);
    expect(pipeline.counters.seqGaps).toBe(0);
  });
});
