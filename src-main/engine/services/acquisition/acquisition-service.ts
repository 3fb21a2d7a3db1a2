// Acquisition: the worker pool and the pipeline (framing, decode, queue, decimation, publish), the
// channel layout, and the full-resolution consumers (alarms, recording) counted one by one: workers
// return every frame only while at least one consumer wants them.
import type { Logger } from 'pino';
import type { TelemetryEvents } from '@shared/api/events.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { ChannelInfo } from '@shared/domain/device.js';
import type { ChannelStats, QueueStats } from '@shared/domain/metrics.js';
import { Pipeline } from '../../pipeline/pipeline.js';
import type { FullFrames } from '../../pipeline/task.js';
import { WorkerPool } from '../../pipeline/worker-pool.js';
import { channelInfosFor, formatFor } from '../../protocol/channel-infos.js';
import type { Service } from '../service.js';

/** Points per channel the live chart holds per window (as min/max pairs). */
const CHART_POINTS_PER_WINDOW = 10_000;
const QUEUE_EVENT_MS = 100;
const STATS_EVENT_MS = 250;

export function bucketMsFor(windowSec: number): number {
  return (windowSec * 1000 * 2) / CHART_POINTS_PER_WINDOW;
}

/** Someone who needs every frame (not just the decimated view): called per batch, in registration order. */
export interface FrameConsumer {
  readonly name: string;
  /** Whether it needs full-resolution frames now. */
  wants(): boolean;
  take(frames: FullFrames): void;
}

type AcquisitionEvents = 'samples' | 'channels' | 'queue' | 'stats';

export interface AcquisitionOptions {
  config: () => AppConfig;
  log: Logger;
  workerFile: string;
  workerExecArgv?: string[] | undefined;
  emit: <E extends AcquisitionEvents>(event: E, payload: TelemetryEvents[E]) => void;
  /** The queue is behind (the link slows down) or caught up. */
  onBackpressure: (active: boolean) => void;
  /** The channel layout changed after the first one (names, count, overrides). */
  onLayoutChange: () => void;
}

export class AcquisitionService implements Service<never, 'channels' | 'queue' | 'stats'> {
  readonly handlers = {};
  private poolRef: WorkerPool;
  private pipelineRef: Pipeline;
  private readonly consumers: FrameConsumer[] = [];
  private timers: ReturnType<typeof setInterval>[] = [];
  private lastQueueJson = '';
  private lastStatsCount = -1;
  private lastChannelsJson = '';

  constructor(private readonly opts: AcquisitionOptions) {
    this.poolRef = this.createPool();
    this.pipelineRef = this.createPipeline();
  }

  get pipeline(): Pipeline {
    return this.pipelineRef;
  }

  get pool(): WorkerPool {
    return this.poolRef;
  }

  addConsumer(consumer: FrameConsumer): void {
    this.consumers.push(consumer);
    this.updateFullResolution();
  }

  /** A consumer's need changed: workers return every frame only while someone needs them. */
  updateFullResolution(): void {
    this.pipelineRef.setFullResolution(this.consumers.some((c) => c.wants()));
  }

  snapshot(): { channels: ChannelInfo[]; queue: QueueStats; stats: ChannelStats[] } {
    return { channels: this.channelInfos(), queue: this.pipelineRef.queueStats(), stats: this.pipelineRef.stats.snapshot() };
  }

  start(): void {
    this.timers.push(
      setInterval(() => this.emitQueue(), QUEUE_EVENT_MS),
      setInterval(() => this.emitStats(), STATS_EVENT_MS),
    );
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.pipelineRef.close();
    await this.poolRef.close();
  }

  /** Before the consumers close: nothing more is sent to them. */
  stopFullResolution(): void {
    this.pipelineRef.setFullResolution(false);
  }

  ingest(chunk: Uint8Array): void {
    this.pipelineRef.ingest(chunk);
  }

  skip(chunk: Uint8Array): void {
    this.pipelineRef.skip(chunk);
  }

  idle(): Promise<void> {
    return this.pipelineRef.idle();
  }

  /** Device reset: the pipeline's partial data, the queue counters and integrity start over. */
  resetCounting(): void {
    this.pipelineRef.restart();
    this.pipelineRef.queue.resetCounters();
    this.pipelineRef.resetIntegrity();
  }

  channelInfos(): ChannelInfo[] {
    return channelInfosFor(formatFor(this.opts.config().device), this.pipelineRef.channelNames());
  }

  /** Applies new device/pipeline/chart settings live; a new thread count builds a new pool. */
  async configure(prev: AppConfig, next: AppConfig): Promise<void> {
    if (JSON.stringify(prev.device) !== JSON.stringify(next.device)) {
      const format = formatFor(next.device);
      if (JSON.stringify(format) !== JSON.stringify(formatFor(prev.device))) this.pipelineRef.setFormat(format, next.device.channels);
      this.pipelineRef.setLayout(next.device.channels, 1000 / next.device.rateHz);
      this.emitChannels();
    }
    if (prev.pipeline.workers !== next.pipeline.workers) {
      await this.replacePool();
    } else {
      if (prev.pipeline.queueCapacity !== next.pipeline.queueCapacity || prev.pipeline.overflowPolicy !== next.pipeline.overflowPolicy) {
        this.pipelineRef.queue.reconfigure(next.pipeline.queueCapacity, next.pipeline.overflowPolicy);
      }
      this.pipelineRef.setPublishHz(next.pipeline.publishHz);
    }
    this.pipelineRef.setBucketMs(bucketMsFor(next.chart.windowSec));
  }

  private createPool(): WorkerPool {
    return new WorkerPool({
      workerFile: this.opts.workerFile,
      threads: this.opts.config().pipeline.workers,
      execArgv: this.opts.workerExecArgv,
      onError: (err) => this.opts.log.warn({ err }, 'worker pool error'),
    });
  }

  private createPipeline(): Pipeline {
    const { device, pipeline, chart } = this.opts.config();
    return new Pipeline({
      pool: this.poolRef,
      channels: device.channels,
      periodMs: 1000 / device.rateHz,
      bucketMs: bucketMsFor(chart.windowSec),
      queueCapacity: pipeline.queueCapacity,
      overflowPolicy: pipeline.overflowPolicy,
      publishHz: pipeline.publishHz,
      format: formatFor(device),
      onChannels: () => this.emitChannels(),
      onPublish: (batch) => this.opts.emit('samples', batch),
      onBackpressure: (active) => this.opts.onBackpressure(active),
      // Alarms read the frames in place first (their state lives on the main side and sees every batch
      // in release order, see alarms/alarm-manager.ts); the recorder then takes the buffer.
      onFull: (frames) => {
        for (const c of this.consumers) c.take(frames);
      },
    });
  }

  /** A new thread count needs a new pool; the old one finishes its batches first. */
  private async replacePool(): Promise<void> {
    const oldPool = this.poolRef;
    const oldPipeline = this.pipelineRef;
    this.poolRef = this.createPool();
    this.pipelineRef = this.createPipeline();
    this.updateFullResolution();
    await oldPipeline.idle();
    oldPipeline.close();
    await oldPool.close();
  }

  /** Tells every UI the channels, when names, count or overrides changed. */
  private emitChannels(): void {
    // The pipeline reports its first names while it is being built.
    if (!this.pipelineRef) return;
    const infos = this.channelInfos();
    const json = JSON.stringify(infos);
    if (json === this.lastChannelsJson) return;
    const changed = this.lastChannelsJson !== '';
    this.lastChannelsJson = json;
    this.opts.emit('channels', infos);
    if (changed) this.opts.onLayoutChange();
  }

  private emitQueue(): void {
    const stats = this.pipelineRef.queueStats();
    const json = JSON.stringify(stats);
    if (json === this.lastQueueJson) return;
    this.lastQueueJson = json;
    this.opts.emit('queue', stats);
  }

  private emitStats(): void {
    const count = this.pipelineRef.counters.frames;
    if (count === this.lastStatsCount) return;
    this.lastStatsCount = count;
    this.opts.emit('stats', this.pipelineRef.stats.snapshot());
  }
}
