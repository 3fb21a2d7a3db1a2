// The pipeline's options and its exact frame accounting, apart from the class so both stay short.
import type { SampleBatch } from '@shared/api/samples.js';
import type { FrameFormat } from '@shared/domain/frame-format.js';
import type { OverflowPolicy } from '@shared/domain/metrics.js';
import type { FullFrames } from './task.js';
import type { WorkerPool } from './worker-pool.js';

export interface PipelineOptions {
  pool: WorkerPool;
  channels: number;
  /** Nominal frame period in ms (0 when unknown). */
  periodMs: number;
  /** Chart decimation bucket in ms. */
  bucketMs: number;
  queueCapacity: number;
  overflowPolicy: OverflowPolicy;
  publishHz: number;
  maxLineBytes?: number;
  /** Frame format; default: the simulator's CSV. */
  format?: FrameFormat;
  onPublish: (batch: SampleBatch) => void;
  onBackpressure?: (active: boolean) => void;
  /**
   * Full-resolution frames in batch order, only while `setFullResolution(true)` (alarm rules
   * exist or recording is on). Called at release time, outside the sample queue's drop policy.
   */
  onFull?: (frames: FullFrames) => void;
  /** The channel names changed (CSV header, names first seen, new format). */
  onChannels?: (names: readonly string[]) => void;
}

/** Exact line accounting; a "line" is a frame candidate (valid or malformed). */
export interface PipelineCounters {
  bytesIn: number;
  linesFramed: number;
  linesProcessed: number;
  linesDropped: number;
  linesRejected: number;
  linesFailed: number;
  /** Lines discarded because the channel layout changed under them. */
  linesStale: number;
  frames: number;
  decodeErrors: number;
  seqGaps: number;
  overlongLines: number;
  publishes: number;
}
