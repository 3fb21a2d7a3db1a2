// Pipeline throughput (flooding simulator, lossless reject + backpressure) and
// device→publish latency at a paced 10 kHz, using the BUILT worker (out/main/worker.js).
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline, type PipelineOptions } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { builtWorkerFile } from './paths.js';

/** The simulated device wired to a pipeline on the built worker, honouring backpressure. */
async function benchRig(
  channels: number,
  device: SimulatedDevice,
  periodMs: number,
  overflowPolicy: 'reject' | 'drop-oldest',
  onFull?: PipelineOptions['onFull'],
) {
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const pipeline = new Pipeline({
    pool,
    channels,
    periodMs,
    bucketMs: 6, // a 30 s chart window
    queueCapacity: 1000,
    overflowPolicy,
    publishHz: 60,
    onPublish: () => {},
    onBackpressure: (active) => device.setThrottled(active),
    ...(onFull ? { onFull } : {}),
  });
  pipeline.setFullResolution(onFull !== undefined);
  device.onData((chunk) => pipeline.ingest(chunk));
  await device.open();
  device.setMeasuring(true);
  // Warm-up: JIT and thread start-up are not what we measure.
  await sleep(1000);
  pipeline.latency.clear();
  const stop = async () => {
    device.setMeasuring(false);
    await pipeline.idle();
    pipeline.close();
    await pool.close();
  };
  return { pool, pipeline, stop };
}

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

/** `onFull`: alarm evaluation on the full-resolution frames (the `pipeline-alarms` bench). */
export async function runPipelineBench(seconds = 10, channels = 8, onFull?: PipelineOptions['onFull']): Promise<PipelineBenchResult> {
  const device = new SimulatedDevice({ channels, rateHz: 100_000, signals: [] }, { flood: { chunkFrames: 2000 } });
  const { pool, pipeline, stop } = await benchRig(channels, device, 0.01, 'reject', onFull);
  const f0 = pipeline.counters.frames;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  device.setMeasuring(false);
  const elapsed = (performance.now() - t0) / 1000;
  const frames = pipeline.counters.frames - f0;
  const latency = pipeline.latency.percentiles();
  await stop();
  const c = pipeline.counters;
  const result: PipelineBenchResult = {
    bench: 'pipeline',
    channels,
    framesPerSec: Math.round(frames / elapsed),
    samplesPerSec: Math.round((frames * channels) / elapsed),
    dropped: c.linesDropped + c.linesRejected + c.linesFailed,
    latencyP95Ms: round(latency.p95),
    seconds: round(elapsed),
    threads: pool.threads,
  };
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
  const device = new SimulatedDevice({ channels, rateHz, signals: [] });
  const { pipeline, stop } = await benchRig(channels, device, 1000 / rateHz, 'drop-oldest');
  const f0 = pipeline.counters.frames;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  const p = pipeline.latency.percentiles();
  const frames = pipeline.counters.frames - f0;
  await stop();
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
