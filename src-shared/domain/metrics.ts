import { z } from 'zod';
import { emptyIntegrityCounters, type IntegrityCounters } from './integrity.js';

export const OverflowPolicySchema = z.enum(['drop-oldest', 'reject']);
export type OverflowPolicy = z.infer<typeof OverflowPolicySchema>;

/** Exact counters of the bounded queue between link and worker pool. */
export interface QueueStats {
  capacity: number;
  policy: OverflowPolicy;
  depth: number;
  /** Highest depth seen since the last reset. */
  highWater: number;
  enqueued: number;
  delivered: number;
  /** Discarded by drop-oldest. */
  dropped: number;
  /** Refused by the reject policy. */
  rejected: number;
  /** Frames inside the batches drop-oldest discarded / reject refused (the pipeline's queue knows them). */
  framesDropped?: number;
  framesRejected?: number;
  /** Depth is above the high-watermark and the link was asked to slow down. */
  backpressure: boolean;
}

export interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
}

export interface PoolStats {
  threads: number;
  /** 0..1 share of time the threads were busy over the last interval. */
  utilization: number;
  inFlight: number;
  /** Batches decoded (on the first attempt or the retry). */
  completed: number;
  /** Batches that failed on the retry too (or while the pool closed): their lines count as failed. */
  failed: number;
  /** Batches whose first attempt failed (a throw or a dead worker) and were sent once more. */
  retried: number;
  /** Attempts that failed because the task threw (the worker lived on). */
  workerErrors: number;
  /** Worker threads that died (exit, crash, out of memory) and were replaced. */
  workersReplaced: number;
}

export interface Metrics {
  /** Epoch ms the metrics were taken. */
  t: number;
  framesPerSec: number;
  samplesPerSec: number;
  bytesPerSec: number;
  framesTotal: number;
  decodeErrors: number;
  decodeErrorsPerSec: number;
  /** Frame arrival → result published, in ms. */
  latencyMs: LatencyStats;
  queue: QueueStats;
  pool: PoolStats;
  publishesPerSec: number;
  /** Data-integrity totals of the device link since the last reset. */
  integrity: IntegrityCounters;
}

/** Running per-channel statistics since the last reset. */
export interface ChannelStats {
  index: number;
  count: number;
  min: number;
  max: number;
  mean: number;
  last: number;
}

/** Metrics before the first measurement (all zero). */
export function emptyMetrics(queue: Partial<QueueStats> = {}): Metrics {
  return {
    t: Date.now(),
    framesPerSec: 0,
    samplesPerSec: 0,
    bytesPerSec: 0,
    framesTotal: 0,
    decodeErrors: 0,
    decodeErrorsPerSec: 0,
    latencyMs: { p50: 0, p95: 0, p99: 0 },
    queue: { capacity: 0, policy: 'drop-oldest', depth: 0, highWater: 0, enqueued: 0, delivered: 0, dropped: 0, rejected: 0, backpressure: false, ...queue },
    pool: { threads: 0, utilization: 0, inFlight: 0, completed: 0, failed: 0, retried: 0, workerErrors: 0, workersReplaced: 0 },
    publishesPerSec: 0,
    integrity: emptyIntegrityCounters(),
  };
}

/** What the drop policy discarded, in frames when known (else batches), for the status bar and metrics. */
export function policyDiscards(q: QueueStats): { count: number; unit: 'frames' | 'batches'; title: string } {
  if (q.framesDropped !== undefined && q.framesRejected !== undefined) {
    return {
      count: q.framesDropped + q.framesRejected,
      unit: 'frames',
      title: `Frames dropped ${q.framesDropped}, rejected ${q.framesRejected} (batches: ${q.dropped} dropped, ${q.rejected} rejected; policy ${q.policy})`,
    };
  }
  return { count: q.dropped + q.rejected, unit: 'batches', title: `Batches dropped ${q.dropped}, rejected ${q.rejected} (policy ${q.policy})` };
}
