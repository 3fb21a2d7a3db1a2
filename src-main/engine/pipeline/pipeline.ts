// link bytes → line framer → bounded queue → worker pool → in-order release →
// coalesced publish. Counts every line exactly once: processed, dropped or rejected.
import type { SampleBatch } from '@shared/api/samples.js';
import type { OverflowPolicy } from '@shared/domain/metrics.js';
import { LatencyRecorder } from '../metrics/latency-recorder.js';
import { LineFramer, type FramedBatch } from '../protocol/line-framer.js';
import { RunningStats } from './batch-stats.js';
import { BoundedQueue } from './bounded-queue.js';
import type { DecodeResult, FullFrames } from './task.js';
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
  onPublish: (batch: SampleBatch) => void;
  onBackpressure?: (active: boolean) => void;
  /**
   * Full-resolution frames in batch order, only while `setFullResolution(true)` (alarm rules
   * exist or recording is on). Called at release time, outside the sample queue's drop policy.
   */
  onFull?: (frames: FullFrames) => void;
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

interface Released {
  result: DecodeResult;
  firstArrivalMono: number;
}

export class Pipeline {
  readonly queue: BoundedQueue<FramedBatch>;
  readonly latency = new LatencyRecorder();
  stats: RunningStats;
  private framer: LineFramer;
  private channels: number;
  private periodMs: number;
  private bucketMs: number;
  private publishIntervalMs: number;
  private generation = 0;
  private nextId = 0;
  private nextRelease = 0;
  private done = new Map<number, { generation: number; result?: DecodeResult; firstArrivalMono: number; lines: number }>();
  private pending: Released[] = [];
  private lastPublish = 0;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private publishSeq = 0;
  private resetNext = true;
  private lastSeq = NaN;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private full = false;
  readonly counters: PipelineCounters = {
    bytesIn: 0,
    linesFramed: 0,
    linesProcessed: 0,
    linesDropped: 0,
    linesRejected: 0,
    linesFailed: 0,
    linesStale: 0,
    frames: 0,
    decodeErrors: 0,
    seqGaps: 0,
    overlongLines: 0,
    publishes: 0,
  };

  constructor(private readonly opts: PipelineOptions) {
    this.channels = opts.channels;
    this.periodMs = opts.periodMs;
    this.bucketMs = opts.bucketMs;
    this.publishIntervalMs = 1000 / opts.publishHz;
    this.stats = new RunningStats(opts.channels);
    this.queue = new BoundedQueue<FramedBatch>({
      capacity: opts.queueCapacity,
      policy: opts.overflowPolicy,
      onBackpressure: (active) => opts.onBackpressure?.(active),
      onDrop: (batch) => {
        this.counters.linesDropped += batch.lines;
      },
    });
    this.framer = new LineFramer({
      maxLineBytes: opts.maxLineBytes ?? 4096,
      maxBatchBytes: 64 * 1024,
      maxDelayMs: 2,
      onBatch: (batch) => this.enqueue(batch),
    });
  }

  get pool(): WorkerPool {
    return this.opts.pool;
  }

  /** Bytes from the link. Cheap: scans for line ends and copies; decoding happens in the pool. */
  ingest(chunk: Uint8Array): void {
    if (this.closed) return;
    this.counters.bytesIn += chunk.length;
    this.framer.push(chunk);
    this.counters.overlongLines = this.framer.overlongLines;
  }

  /** New channel layout: in-flight batches of the old layout are discarded, the chart restarts. */
  setLayout(channels: number, periodMs: number): void {
    if (channels === this.channels && periodMs === this.periodMs) return;
    this.channels = channels;
    this.periodMs = periodMs;
    this.restart();
  }

  setBucketMs(bucketMs: number): void {
    this.bucketMs = bucketMs;
  }

  /** Ask the pool for every frame too (alarms and the recorder need them); off costs nothing. */
  setFullResolution(on: boolean): void {
    this.full = on;
  }

  setPublishHz(hz: number): void {
    this.publishIntervalMs = 1000 / hz;
  }

  /** Device reset: forget partial data and statistics; the chart restarts. */
  restart(): void {
    this.counters.linesStale += this.framer.reset();
    this.generation++;
    this.stats = new RunningStats(this.channels);
    this.pending = [];
    this.lastSeq = NaN;
    this.resetNext = true;
    this.latency.clear();
  }

  /** Resolves once every framed line has been processed or discarded and published. */
  async idle(): Promise<void> {
    this.framer.flush();
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.framer.reset();
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private isIdle(): boolean {
    return this.queue.depth === 0 && this.done.size === 0 && this.nextId === this.nextRelease && this.pending.length === 0;
  }

  private enqueue(batch: FramedBatch): void {
    this.counters.linesFramed += batch.lines;
    if (!this.queue.push(batch)) this.counters.linesRejected += batch.lines;
    this.pump();
  }

  private pump(): void {
    const pool = this.opts.pool;
    while (!this.closed && pool.inFlight < pool.capacity && this.queue.depth > 0) {
      const batch = this.queue.shift() as FramedBatch;
      const id = this.nextId++;
      const generation = this.generation;
      const slot = { generation, firstArrivalMono: batch.firstArrivalMono, lines: batch.lines } as {
        generation: number;
        result?: DecodeResult;
        firstArrivalMono: number;
        lines: number;
      };
      pool
        .run({ bytes: batch.bytes, channels: this.channels, periodMs: this.periodMs, arrivedAt: batch.arrivedAt, bucketMs: this.bucketMs, ...(this.full ? { full: true } : {}) })
        .then(
          (result) => {
            slot.result = result;
          },
          () => {
            this.counters.linesFailed += slot.lines;
          },
        )
        .finally(() => {
          this.done.set(id, slot);
          this.release();
          this.pump();
        });
    }
    this.checkIdle();
  }

  /** Releases results in batch order so the chart never goes back in time. */
  private release(): void {
    let slot = this.done.get(this.nextRelease);
    while (slot) {
      this.done.delete(this.nextRelease);
      this.nextRelease++;
      const r = slot.result;
      if (r) {
        this.counters.linesProcessed += r.lines;
        if (slot.generation !== this.generation) {
          this.counters.linesStale += r.lines;
        } else {
          this.counters.frames += r.frames;
          this.counters.decodeErrors += r.errors;
          this.counters.seqGaps += r.seqGaps;
          if (r.frames > 0) {
            if (!Number.isNaN(this.lastSeq) && r.firstSeq !== this.lastSeq + 1) this.counters.seqGaps++;
            this.lastSeq = r.lastSeq;
          }
          this.stats.merge(r.stats);
          if (r.full && r.frames > 0) this.opts.onFull?.({ channels: r.channels, frames: r.frames, data: r.full });
          if (r.n > 0) this.pending.push({ result: r, firstArrivalMono: slot.firstArrivalMono });
        }
      }
      slot = this.done.get(this.nextRelease);
    }
    this.schedulePublish();
  }

  private schedulePublish(): void {
    if (this.pending.length === 0 || this.publishTimer) {
      this.checkIdle();
      return;
    }
    const wait = this.lastPublish + this.publishIntervalMs - performance.now();
    if (wait <= 0) this.publish();
    else this.publishTimer = setTimeout(() => this.publish(), wait);
  }

  private publish(): void {
    this.publishTimer = undefined;
    const parts = this.pending;
    this.pending = [];
    if (parts.length === 0 || this.closed) return this.checkIdle();
    const channels = this.channels;
    let total = 0;
    for (const p of parts) total += p.result.n;
    const t = new Float64Array(total);
    const y = new Float64Array(total * channels);
    let off = 0;
    for (const { result: r } of parts) {
      t.set(r.t, off);
      for (let c = 0; c < channels; c++) y.set(r.y.subarray(c * r.n, (c + 1) * r.n), c * total + off);
      off += r.n;
    }
    const batch: SampleBatch = { seq: this.publishSeq++, channels, t, y, reset: this.resetNext };
    this.resetNext = false;
    this.opts.onPublish(batch);
    const now = performance.now();
    this.lastPublish = now;
    this.counters.publishes++;
    for (const p of parts) this.latency.record(now - p.firstArrivalMono);
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.idleWaiters.length > 0 && this.isIdle()) for (const w of this.idleWaiters.splice(0)) w();
  }
}
