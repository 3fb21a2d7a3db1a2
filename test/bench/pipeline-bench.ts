// Pipeline throughput (flooding simulator, lossless reject + backpressure) and
// device→publish latency at a paced 10 kHz, using the BUILT worker (out/main/worker.js).
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { builtWorkerFile } from './paths.js';

export interface PipelineBenchResult {
  bench: 'pipeline';
  channels: number;
  framesPerSec: number;
  samplesPerSec: number;
  dropped: number;
  latencyP95Ms: number;
  seconds: number;
  threads: number;
}

export async function runPipelineBench(seconds = 10, channels = 8): Promise<PipelineBenchResult> {
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const device = new SimulatedDevice({ channels, rateHz: 100_000, signals: [] }, { flood: { chunkFrames: 2000 } });
  const pipeline = new Pipeline({
    pool,
    channels,
    periodMs: 0.01,
    bucketMs: 6, // a 30 s chart window
    queueCapacity: 1000,
    overflowPolicy: 'reject',
    publishHz: 60,
    onPublish: () => {},
    onBackpressure: (active) => device.setThrottled(active),
  });
  device.onData((chunk) => pipeline.ingest(chunk));
  await device.open();
  // Warm-up: JIT and thread start-up are not what we measure.
  device.setMeasuring(true);
  await sleep(1000);
  const f0 = pipeline.counters.frames;
  pipeline.latency.clear();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  device.setMeasuring(false);
  const elapsed = (performance.now() - t0) / 1000;
  const frames = pipeline.counters.frames - f0;
  await pipeline.idle();
  const c = pipeline.counters;
  const result: PipelineBenchResult = {
    bench: 'pipeline',
    channels,
    framesPerSec: Math.round(frames / elapsed),
    samplesPerSec: Math.round((frames * channels) / elapsed),
    dropped: c.linesDropped + c.linesRejected + c.linesFailed,
    latencyP95Ms: round(pipeline.latency.percentiles().p95),
    seconds: round(elapsed),
    threads: pool.threads,
  };
  pipeline.close();
  await pool.close();
  return result;
}

export interface LatencyBenchResult {
  bench: 'latency';
  channels: number;
  rateHz: number;
  framesPerSec: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
}

/** Device → published result at a paced rate (what an operator sees live). */
export async function runLatencyBench(seconds = 8, rateHz = 10_000, channels = 8): Promise<LatencyBenchResult> {
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const device = new SimulatedDevice({ channels, rateHz, signals: [] });
  const pipeline = new Pipeline({
    pool,
    channels,
    periodMs: 1000 / rateHz,
    bucketMs: 6,
    queueCapacity: 1000,
    overflowPolicy: 'drop-oldest',
    publishHz: 60,
    onPublish: () => {},
    onBackpressure: (active) => device.setThrottled(active),
  });
  device.onData((chunk) => pipeline.ingest(chunk));
  await device.open();
  device.setMeasuring(true);
  await sleep(1000);
  pipeline.latency.clear();
  const f0 = pipeline.counters.frames;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const p = pipeline.latency.percentiles();
  const frames = pipeline.counters.frames - f0;
  device.setMeasuring(false);
  await pipeline.idle();
  pipeline.close();
  await pool.close();
  return {
    bench: 'latency',
    channels,
    rateHz,
    framesPerSec: Math.round(frames / elapsed),
    latencyP50Ms: round(p.p50),
    latencyP95Ms: round(p.p95),
    latencyP99Ms: round(p.p99),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
