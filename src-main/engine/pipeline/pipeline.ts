// link bytes → framer (lines or SLIP/COBS frames) → bounded queue → worker pool →
// in-order release → coalesced publish. Counts every frame candidate exactly once:
// processed, dropped or rejected; and every discarded byte in the integrity counters.
import type { SampleBatch } from '@shared/api/samples.js';
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { DEFAULT_FRAME_FORMAT, MAX_FORMAT_CHANNELS, binaryChannelFields } from '@shared/domain/frame-layout.js';
import { addIntegrity, emptyIntegrityCounters, type IntegrityCounters } from '@shared/domain/integrity.js';
import type { OverflowPolicy, QueueStats } from '@shared/domain/metrics.js';
import { LatencyRecorder } from '../metrics/latency-recorder.js';
import { numberedNames } from '../protocol/csv-decoder.js';
import { frameDelimiter, maxFrameBytes } from '../protocol/frame-decoder.js';
import { readCsvHeader } from '../protocol/csv-header.js';
import { LineFramer, type FramedBatch } from '../protocol/line-framer.js';
import { STATS_FIELDS } from './batch-stats.js';
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

interface Released {
  result: DecodeResult;
  firstArrivalMono: number;
  /** Published channel of each result column (null: the same index). */
  colMap: Int32Array | null;
}

interface Slot {
  generation: number;
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
  private framer: LineFramer;
  private format: FrameFormat;
  private formatId = nextFormatId++;
  /** Channel names as published (their count is the channel count). */
  private names: string[] = [];
  /** Overlong/discarded counts of framers replaced by a format change. */
  private retiredOverlong = 0;
  private retiredDiscarded = 0;
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
      },
    });
    this.framer = this.makeFramer();
  }

  /** Names before any data: CSV columns ch1…chN, the binary layout, nothing yet for kv/jsonl. */
  private initialNames(): string[] {
    const f = this.format;
    if (f.kind === 'csv') return numberedNames(this.csvChannels);
    if (f.kind === 'binary') return binaryChannelFields(f).map((field) => field.name);
    return [];
  }

  private makeFramer(): LineFramer {
    const f = this.format;
    return new LineFramer({
      delimiter: frameDelimiter(f),
      maxLineBytes: f === DEFAULT_FRAME_FORMAT && this.opts.maxLineBytes !== undefined ? this.opts.maxLineBytes : maxFrameBytes(f),
      maxBatchBytes: 64 * 1024,
      maxDelayMs: 2,
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

  /** Data-integrity totals: decoder counts plus the framer's over-long lines and bytes. */
  integrity(): IntegrityCounters {
    const out = { ...this.integrityTotals };
    out.overlongLines += this.retiredOverlong + this.framer.overlongLines;
    out.bytesDiscarded += this.retiredDiscarded + this.framer.discardedBytes;
    return out;
  }

  /** Device reset: integrity totals start again from zero. */
  resetIntegrity(): void {
    Object.assign(this.integrityTotals, emptyIntegrityCounters());
    this.retiredOverlong = 0;
    this.retiredDiscarded = 0;
    this.framer.overlongLines = 0;
    this.framer.discardedBytes = 0;
  }

  /** A new frame format: in-flight batches are discarded, names start over, the chart restarts. */
  setFormat(format: FrameFormat, channels: number): void {
    this.retiredOverlong += this.framer.overlongLines;
    this.retiredDiscarded += this.framer.discardedBytes;
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
    this.counters.overlongLines = this.retiredOverlong + this.framer.overlongLines;
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
    this.latency.clear();
    // kv/jsonl names and a CSV header are learnt again from the new data.
    if (this.format.kind === 'kv' || this.format.kind === 'jsonl' || (this.format.kind === 'csv' && this.format.header)) {
      this.setNames(this.initialNames());
    }
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
      const names = this.names;
      const slot: Slot = { generation, firstArrivalMono: batch.firstArrivalMono, lines: batch.lines, names };
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
      slot = this.done.get(this.nextRelease);
    }
    this.schedulePublish();
  }

  /** Counts a current-generation result and queues it for the next publish. */
  private accept(r: DecodeResult, slot: Slot): void {
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
    const colMap = this.mapColumns(r, slot);
    this.stats.merge(colMap || r.channels !== this.channels ? remapStats(r.stats, r.channels, colMap, this.channels) : r.stats);
    if (r.full && r.frames > 0) this.opts.onFull?.(this.fullInLayout(r.full, r.frames, r.channels, colMap));
    if (r.n > 0) this.pending.push({ result: r, firstArrivalMono: slot.firstArrivalMono, colMap });
  }

  /** Full-resolution frames moved into the pipeline's channel layout (columns of kv/jsonl batches may differ). */
  private fullInLayout(data: Float64Array, frames: number, columns: number, colMap: Int32Array | null): FullFrames {
    const channels = this.channels;
    if (!colMap && columns === channels) return { channels, frames, data };
    const out = new Float64Array(frames * (1 + channels)).fill(Number.NaN);
    out.set(data.subarray(0, frames), 0);
    for (let c = 0; c < columns; c++) {
      const g = colMap ? (colMap[c] as number) : c;
      if (g < 0 || g >= channels) continue;
      for (let f = 0; f < frames; f++) out[frames + f * channels + g] = data[frames + f * columns + c] as number;
    }
    return { channels, frames, data: out };
  }

  /**
   * Where each result column goes. A batch's columns are the names its task carried,
   * then any names it saw first; those are added (in order) unless already known.
   */
  private mapColumns(r: DecodeResult, slot: Slot): Int32Array | null {
    const names = r.names;
    if (!names) return null;
    let next = this.names;
    const map = new Int32Array(r.channels);
    let identity = true;
    for (let c = 0; c < r.channels; c++) {
      const name = names[c] as string;
      let g = c < slot.names.length && next[c] === name ? c : next.indexOf(name);
      if (g < 0 && next.length < MAX_FORMAT_CHANNELS) {
        if (next === this.names) next = [...next];
        next.push(name);
        g = next.length - 1;
      }
      if (g < 0) this.integrityTotals.unknownFields++;
      map[c] = g;
      if (g !== c) identity = false;
    }
    if (next !== this.names) this.setNames(next);
    return identity ? null : map;
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

/** Batch statistics laid out on the published channels (missing ones empty). */
function remapStats(stats: Float64Array, columns: number, colMap: Int32Array | null, channels: number): Float64Array {
  const out = new Float64Array(STATS_FIELDS * channels);
  for (let c = 0; c < columns; c++) {
    const g = colMap ? (colMap[c] as number) : c;
    if (g < 0 || g >= channels) continue;
    out.set(stats.subarray(c * STATS_FIELDS, (c + 1) * STATS_FIELDS), g * STATS_FIELDS);
  }
  return out;
}
