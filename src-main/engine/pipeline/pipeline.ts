// link bytes → framer (lines or SLIP/COBS frames) → bounded queue → worker pool →
// in-order release → coalesced publish. Counts every frame candidate exactly once:
// processed, dropped or rejected; and every discarded byte in the integrity counters.
import type { SampleBatch } from '@shared/api/samples.js';
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { DEFAULT_FRAME_FORMAT, binaryChannelFields, deviceClockOf, sentenceChannelNames } from '@shared/domain/frame-layout.js';
import { addIntegrity, emptyIntegrityCounters, type IntegrityCounters, type IntegrityTotals } from '@shared/domain/integrity.js';
import type { QueueStats } from '@shared/domain/metrics.js';
import { LatencyRecorder } from '../metrics/latency-recorder.js';
import { numberedNames } from '../protocol/csv-decoder.js';
import { readCsvHeader } from '../protocol/csv-header.js';
import type { FramedBatch } from '../protocol/line-framer.js';
import { ReleaseBarriers } from './release-barrier.js';
import { RunningStats } from './batch-stats.js';
import { BoundedQueue } from './bounded-queue.js';
import { fullInLayout, mapColumns, remapStats } from './column-map.js';
import { createFramer, type Framer } from './framer-factory.js';
import { SampleClock } from './sample-clock.js';
import type { DecodeResult } from './task.js';
import type { WorkerPool } from './worker-pool.js';
import type { PipelineCounters, PipelineOptions } from './pipeline-types.js';

export type { PipelineCounters, PipelineOptions } from './pipeline-types.js';

interface Released {
  result: DecodeResult;
  firstArrivalMono: number;
  /** Published channel of each result column (null: the same index). */
  colMap: Int32Array | null;
}

interface Slot {
  generation: number;
  /** Epoch ms when the batch's newest bytes arrived. */
  arrivedAt: number;
  result?: DecodeResult;
  firstArrivalMono: number;
  lines: number;
  /** Names the task carried (its columns, for kv/jsonl the known prefix). */
  names: readonly string[];
}

/** Makes format ids unique in the process, so a worker never confuses two formats. */
let nextFormatId = 1;

export class Pipeline {
  readonly queue: BoundedQueue<FramedBatch>;
  readonly latency = new LatencyRecorder();
  stats: RunningStats;
  private framer: Framer;
  /** Sample times per link that never run backwards. */
  private readonly clock = new SampleClock();
  /** The latest parser-script error (integrity panel). */
  private lastError: string | undefined;
  private format: FrameFormat;
  private formatId = nextFormatId++;
  /** Channel names as published (their count is the channel count). */
  private names: string[] = [];
  /** What framers replaced by a format change had discarded. */
  private readonly retired: IntegrityCounters = emptyIntegrityCounters();
  private readonly integrityTotals: IntegrityCounters = emptyIntegrityCounters();
  private pendingGaps: number[] = [];
  private channels: number;
  /** CSV without header: the configured channel count. */
  private csvChannels: number;
  private periodMs: number;
  private bucketMs: number;
  private publishIntervalMs: number;
  private generation = 0;
  private nextId = 0;
  private nextRelease = 0;
  private done = new Map<number, Slot>();
  private pending: Released[] = [];
  private lastPublish = 0;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private publishSeq = 0;
  private resetNext = true;
  private lastSeq = NaN;
  private idleWaiters: (() => void)[] = [];
  private barriers = new ReleaseBarriers<FramedBatch>();
  private lastQueued: FramedBatch | undefined;
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
    this.csvChannels = opts.channels;
    this.format = opts.format ?? DEFAULT_FRAME_FORMAT;
    this.names = this.initialNames();
    this.channels = this.names.length;
    this.periodMs = opts.periodMs;
    this.bucketMs = opts.bucketMs;
    this.publishIntervalMs = 1000 / opts.publishHz;
    this.stats = new RunningStats(this.channels);
    this.queue = new BoundedQueue<FramedBatch>({
      capacity: opts.queueCapacity,
      policy: opts.overflowPolicy,
      onBackpressure: (active) => opts.onBackpressure?.(active),
      onDrop: (batch) => {
        this.counters.linesDropped += batch.lines;
        this.barriers.dropped(batch, this.nextId);
      },
    });
    this.framer = this.makeFramer();
  }

  /** Names before any data: CSV columns ch1…chN, the binary layout, nothing yet for kv/jsonl. */
  private initialNames(): string[] {
    const f = this.format;
    if (f.kind === 'csv') return numberedNames(this.csvChannels);
    if (f.kind === 'binary') return binaryChannelFields(f).map((field) => field.name);
    if (f.kind === 'sentence') return sentenceChannelNames(f);
    return [];
  }

  private makeFramer(): Framer {
    const f = this.format;
    return createFramer(f, {
      ...(f === DEFAULT_FRAME_FORMAT && this.opts.maxLineBytes !== undefined ? { maxLineBytes: this.opts.maxLineBytes } : {}),
      onBatch: (batch) => this.enqueue(batch),
      ...(f.kind === 'csv' && f.header ? { firstLine: (line: Uint8Array) => this.takeHeader(line) } : {}),
    });
  }

  /** CSV header (first line after connect/reset): names the channels unless it is data. */
  private takeHeader(line: Uint8Array): boolean {
    if (this.format.kind !== 'csv') return false;
    const header = readCsvHeader(line, this.format);
    if (!header) return false;
    this.setNames(header);
    return true;
  }

  /** The queue's counters plus the frames inside the batches its policy discarded. */
  queueStats(): QueueStats {
    return { ...this.queue.stats(), framesDropped: this.counters.linesDropped, framesRejected: this.counters.linesRejected };
  }

  /** Channel names now published. */
  channelNames(): readonly string[] {
    return this.names;
  }

  /** Data-integrity totals: decoder counts plus what the framers discarded, and the latest script error. */
  integrity(): IntegrityTotals {
    const out: IntegrityTotals = { ...this.integrityTotals };
    addIntegrity(out, this.retired);
    addIntegrity(out, this.framer.integrity());
    if (this.lastError !== undefined) out.lastError = this.lastError;
    return out;
  }

  /** Device reset: integrity totals start again from zero. */
  resetIntegrity(): void {
    Object.assign(this.integrityTotals, emptyIntegrityCounters());
    Object.assign(this.retired, emptyIntegrityCounters());
    this.framer.clearCounts();
    this.lastError = undefined;
  }

  /** A new frame format: in-flight batches are discarded, names start over, the chart restarts. */
  setFormat(format: FrameFormat, channels: number): void {
    addIntegrity(this.retired, this.framer.integrity());
    this.lastError = undefined;
    this.counters.linesStale += this.framer.reset();
    this.format = format;
    this.formatId = nextFormatId++;
    this.csvChannels = channels;
    this.framer = this.makeFramer();
    this.restart();
    this.setNames(this.initialNames());
  }

  private setNames(names: string[]): void {
    const same = names.length === this.names.length && names.every((n, i) => n === this.names[i]);
    if (same) return;
    const grew = names.length >= this.names.length && this.names.every((n, i) => n === names[i]);
    this.names = names;
    this.channels = names.length;
    this.stats = grew ? this.stats.grow(this.channels) : new RunningStats(this.channels);
    this.resetNext = true;
    this.opts.onChannels?.(names);
  }

  get pool(): WorkerPool {
    return this.opts.pool;
  }

  /** Bytes from the link. Cheap: scans for line ends and copies; decoding happens in the pool. */
  ingest(chunk: Uint8Array): void {
    if (this.closed) return;
    this.counters.bytesIn += chunk.length;
    this.framer.push(chunk);
    this.counters.overlongLines = this.retired.overlongLines + this.framer.overlongLines;
  }

  /** Bytes the link delivered while not measuring: not decoded, but the framing stays in step. */
  skip(chunk: Uint8Array): void {
    if (!this.closed) this.framer.skip(chunk);
  }

  /** New channel layout: in-flight batches of the old layout are discarded, the chart restarts. */
  setLayout(channels: number, periodMs: number): void {
    const csvCount = this.format.kind === 'csv' && !this.format.header && channels !== this.channels;
    if (!csvCount && periodMs === this.periodMs) return;
    this.periodMs = periodMs;
    this.csvChannels = channels;
    this.restart();
    if (csvCount) this.setNames(numberedNames(channels));
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
    this.pendingGaps = [];
    this.lastSeq = NaN;
    this.resetNext = true;
    this.clock.reset();
    this.latency.clear();
    // kv/jsonl/script names and a CSV header are learnt again from the new data.
    if (this.format.kind === 'kv' || this.format.kind === 'jsonl' || this.format.kind === 'script' || (this.format.kind === 'csv' && this.format.header)) {
      this.setNames(this.initialNames());
    }
  }

  /** Resolves once every framed line has been processed or discarded and published. */
  async idle(): Promise<void> {
    this.framer.flush();
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Calls `fn` in release order right after the last batch framed so far (the framer is
   * flushed first), before any later one — at once if everything is already released.
   */
  afterReleased(fn: () => void): void {
    this.framer.flush();
    this.barriers.mark(this.queue.depth > 0 ? this.lastQueued : undefined, this.nextId, fn);
    this.barriers.release(this.nextRelease);
  }

  close(): void {
    this.closed = true;
    this.barriers.flushAll();
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
    if (this.queue.push(batch)) this.lastQueued = batch;
    else this.counters.linesRejected += batch.lines;
    this.pump();
  }

  private pump(): void {
    const pool = this.opts.pool;
    while (!this.closed && pool.inFlight < pool.capacity && this.queue.depth > 0) {
      const batch = this.queue.shift() as FramedBatch;
      const id = this.nextId++;
      this.barriers.assigned(batch, id);
      const generation = this.generation;
      const names = this.names;
      const slot: Slot = { generation, arrivedAt: batch.arrivedAt, firstArrivalMono: batch.firstArrivalMono, lines: batch.lines, names };
      const times = this.clock.assign(batch.arrivedAt, batch.lines, this.periodMs);
      pool
        .run({
          bytes: batch.bytes,
          channels: this.channels,
          periodMs: this.periodMs,
          arrivedAt: batch.arrivedAt,
          bucketMs: this.bucketMs,
          format: this.format,
          formatId: this.formatId,
          names,
          t0: times.t0,
          step: times.step,
          ...(this.full ? { full: true } : {}),
        })
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
          this.accept(r, slot);
        }
      }
      this.barriers.release(this.nextRelease);
      slot = this.done.get(this.nextRelease);
    }
    this.schedulePublish();
  }

  /** Counts a current-generation result and queues it for the next publish. */
  private accept(r: DecodeResult, slot: Slot): void {
    const device = deviceClockOf(this.format);
    if (device) this.clock.placeDevice(r, slot.arrivedAt, device.unitMs, device.modulo, r.full);
    if (r.lastError !== undefined) this.lastError = r.lastError;
    this.counters.frames += r.frames;
    this.counters.decodeErrors += r.errors;
    this.counters.seqGaps += r.seqGaps;
    const it = this.integrityTotals;
    addIntegrity(it, {
      framesOk: r.frames,
      checksumFailures: r.checksumFailures,
      resyncs: r.resyncs,
      nonNumeric: r.nonNumeric,
      malformed: r.malformed,
      seqGaps: r.seqGaps,
      framesLost: r.framesLost,
      bytesDiscarded: r.bytesDiscarded,
      unknownFields: r.unknownFields,
      ignored: r.ignored,
      scriptErrors: r.scriptErrors,
    });
    for (const g of r.gaps) this.pendingGaps.push(g);
    if (r.frames > 0) {
      // The gap between this batch and the previous one.
      if (!Number.isNaN(this.lastSeq) && !Number.isNaN(r.firstSeq)) {
        const step = r.seqModulo > 0 ? ((((r.firstSeq - this.lastSeq) % r.seqModulo) + r.seqModulo) % r.seqModulo) : r.firstSeq - this.lastSeq;
        if (step !== 1) {
          this.counters.seqGaps++;
          it.seqGaps++;
          if (step > 1) it.framesLost += step - 1;
          if (r.n > 0) this.pendingGaps.push(r.t[0] as number);
        }
      }
      this.lastSeq = r.lastSeq;
    }
    const mapped = mapColumns(r, slot.names, this.names);
    this.integrityTotals.unknownFields += mapped.unknown;
    if (mapped.names !== this.names) this.setNames(mapped.names);
    const colMap = mapped.map;
    this.stats.merge(colMap || r.channels !== this.channels ? remapStats(r.stats, r.channels, colMap, this.channels) : r.stats);
    if (r.full && r.frames > 0) this.opts.onFull?.(fullInLayout(r.full, r.frames, r.channels, colMap, this.channels));
    if (r.n > 0) this.pending.push({ result: r, firstArrivalMono: slot.firstArrivalMono, colMap });
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
    let ragged = false;
    for (const p of parts) {
      total += p.result.n;
      if (p.colMap || p.result.channels !== channels) ragged = true;
    }
    const t = new Float64Array(total);
    const y = new Float64Array(total * channels);
    // Columns a part does not have stay NaN (a gap on the chart).
    if (ragged) y.fill(NaN);
    let off = 0;
    for (const { result: r, colMap } of parts) {
      t.set(r.t, off);
      for (let c = 0; c < r.channels; c++) {
        const g = colMap ? (colMap[c] as number) : c;
        if (g < 0 || g >= channels) continue;
        y.set(r.y.subarray(c * r.n, (c + 1) * r.n), g * total + off);
      }
      off += r.n;
    }
    const gaps = Float64Array.from(this.pendingGaps);
    this.pendingGaps = [];
    const batch: SampleBatch = { seq: this.publishSeq++, channels, t, y, reset: this.resetNext, gaps };
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
