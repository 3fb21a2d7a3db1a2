// Resilience benchmarks, on the BUILT worker (out/main/worker.js):
// - breaker-recovery: the real engine (simulated device, default config and breaker
//   settings, autoStart) under "disconnect now" (schema default 2 s): how long after the
//   link is back the breaker is Closed again, and how long after injection it opened.
// - pipeline-under-faults: the flooding simulator → LinkFaultInjector (corrupt 10 % +
//   latency 5 ± 5 ms) → Pipeline, against the same rig without faults in the same run,
//   with exact frame accounting.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { BreakerStatus, BreakerTransition } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { FaultRequestSchema, type FaultJournalEntry } from '@shared/domain/faults.js';
import { createEngine } from '../../src-main/engine/index.js';
import { LinkFaultInjector, type LinkFault } from '../../src-main/engine/faults/link-faults.js';
import { SimulatedDevice } from '../../src-main/engine/link/simulated-device.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { builtWorkerFile } from './paths.js';

// ---- breaker-recovery ----------------------------------------------------------

export interface BreakerRecoveryResult {
  bench: 'breaker-recovery';
  /** Link back (disconnect fault expired) → breaker Closed, median over the runs. */
  ms: number;
  maxMs: number;
  minMs: number;
  /** Injection → breaker Open, median and max. */
  openMs: number;
  openMaxMs: number;
  /** Runs whose breaker opened only after the link was already back. */
  openedAfterReturn: number;
  /** Runs where the read watchdog (no valid frame for watchdogMs) was among the failures that opened it. */
  openedWithWatchdog: number;
  /** Runs where the breaker never opened (the link reconnected on its own; not in the figures). */
  notTripped: number;
  openSamplesMs: number[];
  runs: number;
  /** Runs whose breaker did not close within the time limit (not in the figures above). */
  timeouts: number;
  /** Half-open probes per run (failed ones while the link was still away, plus the one that closed). */
  probesMedian: number;
  probesMax: number;
  disconnectMs: number;
  halfOpenInitialMs: number;
  halfOpenMaxMs: number;
  probeFrames: number;
  goalMs: number;
  /** Runs whose recovery took longer than goalMs. */
  overGoal: number;
  samplesMs: number[];
}

/** One run gives up when the breaker is not closed this long after the link returned. */
const RECOVERY_LIMIT_MS = 60_000;

export async function runBreakerRecoveryBench(runs = 5, disconnectMs = FaultRequestSchema.parse({ kind: 'disconnect' }).durationMs ?? 2000): Promise<BreakerRecoveryResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'th-bench-breaker-'));
  const engine = await createEngine({ dataDir, workerFile: builtWorkerFile(), logger: pino({ level: 'silent' }) });
  let breaker: BreakerStatus | undefined;
  let device: DeviceStatus | undefined;
  let frames = 0;
  const journal: FaultJournalEntry[] = [];
  engine.api.on('breaker', (b) => (breaker = b));
  engine.api.on('device', (d) => (device = d));
  engine.api.on('samples', (b) => (frames += b.t.length));
  engine.api.on('faultJournal', (e) => journal.push(...e));
  const describe = () => `breaker ${breaker?.state ?? 'closed'}: ${breaker?.reason ?? ''}; device ${device?.link}/${device?.state}: ${device?.reason}`;
  const until = async (cond: () => boolean, ms: number, what: string): Promise<boolean> => {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) {
        process.stderr.write(`  breaker-recovery: timed out waiting for ${what} (${describe()})\n`);
        return false;
      }
      await sleep(5);
    }
    return true;
  };
  const framesFlow = async (): Promise<void> => {
    const start = frames;
    if (!(await until(() => frames > start + 100, 10_000, 'frames to flow'))) throw new Error(`no frames flowing (${describe()})`);
  };
  const recoveries: number[] = [];
  const opens: number[] = [];
  const probes: number[] = [];
  let timeouts = 0;
  let openedAfterReturn = 0;
  let openedWithWatchdog = 0;
  let notTripped = 0;
  try {
    await engine.start();
    const snap = await engine.api.getSnapshot();
    if (!snap.ok) throw new Error(snap.error.message);
    const settings = snap.value.config.resilience.breaker;
    breaker = snap.value.breaker;
    // Warm-up: threads started, JIT, the breaker's health windows have seen data.
    await framesFlow();
    await sleep(1500 + Math.random() * settings.windowMs);
    for (let run = 0; run < runs; run++) {
      if (breaker.state !== 'closed') throw new Error(`breaker not closed before run ${run + 1} (${describe()})`);
      const failuresBefore = { ...breaker.failures };
      const r = await engine.api.injectFault({ kind: 'disconnect', durationMs: disconnectMs });
      if (!r.ok) throw new Error(`inject disconnect: ${r.error.message}`);
      const fault = r.value;
      const expired = () => journal.find((e) => e.faultId === fault.id && e.action === 'expired');
      const after = (to: BreakerTransition['to'], t: number) => breaker?.transitions.find((x) => x.to === to && x.t >= t);
      if (!(await until(() => expired() !== undefined, disconnectMs + 10_000, 'the disconnect fault to expire'))) throw new Error(`disconnect fault never expired (${describe()})`);
      const back = (expired() as FaultJournalEntry).t;
      // Closed again after the link's return, or (never tripped) the link's own reconnect resumed measuring.
      const resumedWithoutTrip = () =>
        after('open', fault.startsAt) === undefined && device !== undefined && device.link === 'connected' && device.state === 'measuring' && device.since >= back;
      const closedOk = await until(
        () => (breaker?.state === 'closed' && after('closed', back) !== undefined) || resumedWithoutTrip(),
        RECOVERY_LIMIT_MS,
        'breaker closed',
      );
      const opened = after('open', fault.startsAt);
      const counted = Object.entries((breaker as BreakerStatus).failures)
        .map(([k, n]) => [k, n - (failuresBefore[k as keyof typeof failuresBefore] ?? 0)] as const)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      if (!closedOk) {
        timeouts++;
        // Get it back for the next run (the figures above leave this run out).
        await engine.api.breakerAction({ action: 'reset' });
        await until(() => breaker?.state === 'closed', 5000, 'breaker closed after reset');
      } else if (!opened) {
        notTripped++;
        process.stderr.write(`  run ${run + 1}: the breaker never opened; the link reconnected by itself ${(device as DeviceStatus).since - back} ms after its return; failures: ${counted}\n`);
      } else {
        const closed = after('closed', back) as BreakerTransition;
        recoveries.push(closed.t - back);
        opens.push(opened.t - fault.startsAt);
        if (opened.t >= back) openedAfterReturn++;
        if ((breaker as BreakerStatus).failures.watchdog > failuresBefore.watchdog) openedWithWatchdog++;
        probes.push((breaker as BreakerStatus).transitions.filter((x) => x.to === 'half-open' && x.t >= fault.startsAt).length);
        process.stderr.write(
          `  run ${run + 1}: open after ${opened.t - fault.startsAt} ms (${opened.reason}), closed ${closed.t - back} ms after the link returned; ${probes.at(-1)} probes; failures: ${counted}\n`,
        );
      }
      // Measuring again (the engine resumes it; the operator would press Start otherwise).
      if (device?.state !== 'measuring') {
        const s = await engine.api.deviceCommand('start');
        if (!s.ok) throw new Error(`restart measuring: ${s.error.message}`);
      }
      await framesFlow();
      // Good data again before the next trip, and a random phase against the breaker's health
      // window (which restarts at the close): where in the window the link drops changes the timing.
      await sleep(1000 + Math.random() * settings.windowMs);
    }
    if (recoveries.length === 0) {
      throw new Error(`no run with a trip and a close: ${timeouts} timed out after ${RECOVERY_LIMIT_MS} ms, ${notTripped} never tripped`);
    }
    const goalMs = 2 * settings.halfOpenInitialMs;
    return {
      bench: 'breaker-recovery',
      ms: Math.round(median(recoveries)),
      maxMs: Math.max(...recoveries),
      minMs: Math.min(...recoveries),
      openMs: Math.round(median(opens)),
      openMaxMs: opens.length > 0 ? Math.max(...opens) : NaN,
      openedAfterReturn,
      openedWithWatchdog,
      notTripped,
      openSamplesMs: opens,
      runs: recoveries.length,
      timeouts,
      probesMedian: median(probes),
      probesMax: Math.max(...probes),
      disconnectMs,
      halfOpenInitialMs: settings.halfOpenInitialMs,
      halfOpenMaxMs: settings.halfOpenMaxMs,
      probeFrames: settings.probeFrames,
      goalMs,
      overGoal: recoveries.filter((x) => x > goalMs).length,
      samplesMs: recoveries,
    };
  } finally {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

// ---- pipeline-under-faults -----------------------------------------------------

interface RigResult {
  /** Valid frames / lines (valid + rejected) decoded in the measured window, and its length in s. */
  frames: number;
  lines: number;
  elapsed: number;
  /** Whole-rig totals (warm-up included) for the accounting. */
  produced: number;
  delivered: number;
  /** Queue drop-policy discards (reject + drop-oldest). */
  dropped: number;
  /** Frames the decoder rejected (corrupt). */
  rejected: number;
  failed: number;
  stale: number;
  corrupted: number;
  injectorDropped: number;
  chunksDelayed: number;
  throttleOn: number;
  queueHighWater: number;
  latencyP95Ms: number;
  threads: number;
}

const CHANNELS = 8;
/** Queue of the backpressure check. */
const BP_QUEUE = 4;

type Faults = { id: string; fault: LinkFault }[];

/** pipeline-bench's rig (flooding simulator, reject + backpressure, built worker) with the injector in the data path. */
async function faultRig(pool: WorkerPool, seconds: number, faults: Faults, queueCapacity = 1000, warmupMs = 300): Promise<RigResult> {
  const device = new SimulatedDevice({ channels: CHANNELS, rateHz: 100_000, signals: [] }, { flood: { chunkFrames: 2000 } });
  let throttleOn = 0;
  const pipeline = new Pipeline({
    pool,
    channels: CHANNELS,
    periodMs: 0.01,
    bucketMs: 6,
    queueCapacity,
    overflowPolicy: 'reject',
    publishHz: 60,
    onPublish: () => {},
    onBackpressure: (active) => {
      if (active) throttleOn++;
      device.setThrottled(active);
    },
  });
  pipeline.setFullResolution(false);
  let emitted = 0;
  const injector = new LinkFaultInjector({
    emit: (chunk) => {
      emitted++;
      pipeline.ingest(chunk);
    },
    delimiter: 0x0a,
    binary: false,
  });
  injector.setFaults(faults);
  device.onData((chunk) => injector.push(chunk));
  await device.open();
  device.setMeasuring(true);
  await sleep(warmupMs);
  pipeline.latency.clear();
  const f0 = pipeline.counters.frames;
  const l0 = pipeline.counters.linesProcessed;
  const t0 = performance.now();
  await sleep(seconds * 1000);
  device.setMeasuring(false);
  const elapsed = (performance.now() - t0) / 1000;
  const frames = pipeline.counters.frames - f0;
  const lines = pipeline.counters.linesProcessed - l0;
  const latency = pipeline.latency.percentiles();
  const queueHighWater = pipeline.queue.stats().highWater;
  // Drain the injector's delayed chunks (every chunk is delayed while latency is active), then the pipeline.
  const deadline = Date.now() + 5000;
  while (faults.length > 0 && emitted < injector.counters.chunksDelayed && Date.now() < deadline) await sleep(5);
  await pipeline.idle();
  injector.close();
  pipeline.close();
  const c = pipeline.counters;
  const i = pipeline.integrity();
  return {
    frames,
    lines,
    elapsed,
    produced: device.framesProduced,
    delivered: c.frames,
    dropped: c.linesDropped + c.linesRejected,
    rejected: i.nonNumeric + i.malformed + i.checksumFailures,
    failed: c.linesFailed,
    stale: c.linesStale,
    corrupted: injector.counters.framesCorrupted,
    injectorDropped: injector.counters.framesDropped,
    chunksDelayed: injector.counters.chunksDelayed,
    throttleOn,
    queueHighWater,
    latencyP95Ms: latency.p95,
    threads: pool.threads,
  };
}

/** Several rigs of one condition as one: rates over the summed windows, counters summed. */
interface Combined {
  framesPerSec: number;
  linesPerSec: number;
  produced: number;
  delivered: number;
  dropped: number;
  rejected: number;
  failed: number;
  stale: number;
  corrupted: number;
  injectorDropped: number;
  chunksDelayed: number;
  throttled: number;
  queueHighWater: number;
  latencyP95Ms: number;
  seconds: number;
  /** produced = delivered + dropped + rejected in every rig, exactly. */
  accountedFor: boolean;
  threads: number;
}

function combine(rigs: readonly RigResult[]): Combined {
  const sum = (f: (r: RigResult) => number) => rigs.reduce((a, r) => a + f(r), 0);
  const elapsed = sum((r) => r.elapsed);
  return {
    framesPerSec: Math.round(sum((r) => r.frames) / elapsed),
    linesPerSec: Math.round(sum((r) => r.lines) / elapsed),
    produced: sum((r) => r.produced),
    delivered: sum((r) => r.delivered),
    dropped: sum((r) => r.dropped),
    rejected: sum((r) => r.rejected),
    failed: sum((r) => r.failed),
    stale: sum((r) => r.stale),
    corrupted: sum((r) => r.corrupted),
    injectorDropped: sum((r) => r.injectorDropped),
    chunksDelayed: sum((r) => r.chunksDelayed),
    throttled: sum((r) => r.throttleOn),
    queueHighWater: Math.max(...rigs.map((r) => r.queueHighWater)),
    latencyP95Ms: round(Math.max(...rigs.map((r) => r.latencyP95Ms))),
    seconds: round(elapsed),
    accountedFor: rigs.every((r) => r.produced === r.delivered + r.dropped + r.rejected),
    threads: rigs[0]?.threads ?? 0,
  };
}

export interface PipelineUnderFaultsResult {
  bench: 'pipeline-under-faults';
  channels: number;
  /** Valid frames per second with corrupt 10 % + latency 5 ± 5 ms on the link. */
  framesPerSec: number;
  cleanFramesPerSec: number;
  ratio: number;
  goalRatio: number;
  /** faulty / clean of each round's pair (the spread shows how steady the machine was). */
  pairRatios: number[];
  /** Lines (valid + rejected) decoded per second, under faults and clean. */
  linesPerSec: number;
  cleanLinesPerSec: number;
  /** Queue drop-policy discards (reject policy) under faults / clean. */
  dropped: number;
  cleanDropped: number;
  /** Frames the decoder rejected (nonNumeric + malformed + checksum) and frames the injector corrupted. */
  rejected: number;
  corrupted: number;
  produced: number;
  delivered: number;
  /** produced = delivered + dropped + rejected, exactly (every rig). */
  accountedFor: boolean;
  cleanAccountedFor: boolean;
  failed: number;
  stale: number;
  /** Times backpressure throttled the flooding device (through the injector / without it). */
  throttled: number;
  cleanThrottled: number;
  chunksDelayed: number;
  /** Deepest the 1000-batch queue got (backpressure starts at 80 %). */
  queueHighWater: number;
  cleanQueueHighWater: number;
  /**
   * The faulty rig with a tiny queue, so backpressure must engage: the flooding device is
   * throttled through the injector, and the accounting stays exact; clean for comparison.
   */
  backpressureCheck: {
    queueCapacity: number;
    throttled: number;
    dropped: number;
    accountedFor: boolean;
    cleanThrottled: number;
    cleanDropped: number;
    cleanAccountedFor: boolean;
  };
  /** Framer arrival → publish (worst rig); the injected latency comes before the framer and is not in it. */
  latencyP95Ms: number;
  cleanLatencyP95Ms: number;
  /** Measured seconds per condition (summed over its rigs). */
  seconds: number;
  rounds: number;
  threads: number;
}

/**
 * Clean and faulty rigs alternate (clean, faulty, faulty, clean, …) on one worker pool, so a
 * neighbour's load on a shared machine weighs on both conditions alike; each condition gets
 * `seconds` of measurement in total, after a 1 s warm-up rig that is not counted.
 */
export async function runPipelineUnderFaultsBench(seconds = 5, rounds = 4): Promise<PipelineUnderFaultsResult> {
  const faults: Faults = [
    { id: 'c', fault: FaultRequestSchema.parse({ kind: 'corrupt', percent: 10, delayMs: 0, durationMs: null }) as LinkFault },
    { id: 'j', fault: FaultRequestSchema.parse({ kind: 'latency', latencyMs: 5, jitterMs: 5, delayMs: 0, durationMs: null }) as LinkFault },
  ];
  const per = seconds / rounds;
  const cleanRigs: RigResult[] = [];
  const faultyRigs: RigResult[] = [];
  const pairRatios: number[] = [];
  // One pool for every rig (threads started and JIT-warm once); each rig has its own device, injector and pipeline.
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  let small: Combined;
  let smallClean: Combined;
  try {
    await faultRig(pool, 1, faults); // warm-up, not counted
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ['clean', 'faulty'] : ['faulty', 'clean'];
      for (const which of order) {
        if (which === 'clean') cleanRigs.push(await faultRig(pool, per, []));
        else faultyRigs.push(await faultRig(pool, per, faults));
      }
      const c = cleanRigs.at(-1) as RigResult;
      const f = faultyRigs.at(-1) as RigResult;
      pairRatios.push(round(f.frames / f.elapsed / (c.frames / c.elapsed)));
    }
    small = combine([await faultRig(pool, 1, faults, BP_QUEUE)]);
    smallClean = combine([await faultRig(pool, 1, [], BP_QUEUE)]);
  } finally {
    await pool.close();
  }
  const clean = combine(cleanRigs);
  const faulty = combine(faultyRigs);
  return {
    bench: 'pipeline-under-faults',
    channels: CHANNELS,
    framesPerSec: faulty.framesPerSec,
    cleanFramesPerSec: clean.framesPerSec,
    ratio: round(faulty.framesPerSec / clean.framesPerSec),
    goalRatio: 0.8,
    pairRatios,
    linesPerSec: faulty.linesPerSec,
    cleanLinesPerSec: clean.linesPerSec,
    dropped: faulty.dropped,
    cleanDropped: clean.dropped,
    rejected: faulty.rejected,
    corrupted: faulty.corrupted,
    produced: faulty.produced,
    delivered: faulty.delivered,
    accountedFor: faulty.accountedFor,
    cleanAccountedFor: clean.accountedFor,
    failed: faulty.failed,
    stale: faulty.stale,
    throttled: faulty.throttled,
    cleanThrottled: clean.throttled,
    chunksDelayed: faulty.chunksDelayed,
    queueHighWater: faulty.queueHighWater,
    cleanQueueHighWater: clean.queueHighWater,
    backpressureCheck: {
      queueCapacity: BP_QUEUE,
      throttled: small.throttled,
      dropped: small.dropped,
      accountedFor: small.accountedFor,
      cleanThrottled: smallClean.throttled,
      cleanDropped: smallClean.dropped,
      cleanAccountedFor: smallClean.accountedFor,
    },
    latencyP95Ms: faulty.latencyP95Ms,
    cleanLatencyP95Ms: clean.latencyP95Ms,
    seconds: faulty.seconds,
    rounds,
    threads: faulty.threads,
  };
}

function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 100) / 100;
