// The engine facade: owns configuration, the device, the pool and the pipeline,
// and implements TelemetryApi for the bridges. No Electron, no UI.
import type { Registry } from 'prom-client';
import { pino, type Logger } from 'pino';
import type { Snapshot, TelemetryApi } from '@shared/api/contract.js';
import { EventHub } from '@shared/api/event-hub.js';
import type { EventName, Listener, Unsubscribe } from '@shared/api/events.js';
import { AppConfigSchema, ConfigPatchSchema, mergeConfig, type AppConfig, type ConfigPatch } from '@shared/config/app-config.js';
import {
  DeviceCommandSchema,
  DeviceSettingsSchema,
  type ChannelInfo,
  type DeviceCommand,
  type DeviceSettingsInput,
  type DeviceStatus,
} from '@shared/domain/device.js';
import { emptyMetrics, type ChannelStats, type Metrics, type QueueStats } from '@shared/domain/metrics.js';
import { SendToDeviceSchema, encodeSend, type PortInfo, type SendToDeviceInput } from '@shared/domain/link.js';
import { fail, ok, parseWith, type ApiResult } from '@shared/domain/result.js';
import { ConfigStore } from './config/config-store.js';
import { applyCommand } from './device/device-state.js';
import type { Engine, EngineOptions } from './index.js';
import { ConsoleTap } from './console/console-tap.js';
import type { DeviceLink, LinkStatusEvent, WritableLink } from './link/device-link.js';
import { createLink, linkKey } from './link/create-link.js';
import { defaultPortSignature, PortDiscovery } from './link/port-discovery.js';
import { defaultPortLister } from './link/serial-link.js';
import { SimulatedDevice } from './link/simulated-device.js';
import { IntegrityReporter } from './metrics/integrity-reporter.js';
import { createRegistry } from './metrics/prometheus.js';
import { RateMeter } from './metrics/rate-meter.js';
import { Pipeline } from './pipeline/pipeline.js';
import { WorkerPool } from './pipeline/worker-pool.js';
import { channelInfosFor, formatFor } from './protocol/channel-infos.js';

/** Points per channel the live chart holds per window (as min/max pairs). */
const CHART_POINTS_PER_WINDOW = 10_000;
const QUEUE_EVENT_MS = 100;
const STATS_EVENT_MS = 250;
const METRICS_EVENT_MS = 1000;
const INTEGRITY_EVENT_MS = 250;

export function bucketMsFor(windowSec: number): number {
  return (windowSec * 1000 * 2) / CHART_POINTS_PER_WINDOW;
}

class TelemetryEngine implements Engine, TelemetryApi {
  readonly api: TelemetryApi = this;
  readonly registry: Registry;
  private readonly log: Logger;
  private readonly store: ConfigStore;
  private readonly hub: EventHub;
  private config!: AppConfig;
  private status: DeviceStatus = { source: 'simulated', link: 'disconnected', state: 'idle', reason: 'Not connected', since: Date.now(), throttled: false };
  private device!: SimulatedDevice;
  /** The real link (serial/tcp/udp) when the source is not the simulator. */
  private link: WritableLink | undefined;
  private discovery!: PortDiscovery;
  private consoleTap!: ConsoleTap;
  private pool!: WorkerPool;
  private pipeline!: Pipeline;
  private rates = new RateMeter();
  private metrics: Metrics;
  private timers: ReturnType<typeof setInterval>[] = [];
  private lastQueueJson = '';
  private lastStatsCount = -1;
  private integrity = new IntegrityReporter();
  private lastChannelsJson = '';
  private started = false;
  private closed = false;

  constructor(private readonly opts: EngineOptions) {
    this.log = opts.logger ?? pino({ level: 'info' });
    this.store = new ConfigStore(opts.dataDir);
    this.hub = new EventHub((event, err) => this.log.error({ err, event }, 'event listener threw'));
    this.metrics = emptyMetrics();
    this.registry = createRegistry(() => ({ metrics: this.metrics, totals: this.totals() }));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const loaded = await this.store.load();
    if (loaded.problem) this.log.warn(loaded.problem);
    this.config = loaded.config;
    const { device, pipeline } = this.config;
    this.device = new SimulatedDevice(device);
    this.pool = new WorkerPool({ workerFile: this.opts.workerFile, threads: pipeline.workers, execArgv: this.opts.workerExecArgv });
    this.pipeline = this.createPipeline();
    this.device.onData((chunk) => this.pipeline.ingest(chunk));
    this.device.onError((err) => this.log.error({ err }, 'device link error'));
    this.consoleTap = new ConsoleTap({ emit: (batch) => this.hub.emit('console', batch) });
    this.discovery = new PortDiscovery(this.opts.listPorts ?? defaultPortLister(), {
      onError: (err) => this.log.warn({ err }, 'listing serial ports failed'),
      signature: this.opts.listPorts ? undefined : defaultPortSignature(),
    });
    this.discovery.onChange((ports) => this.hub.emit('ports', ports));
    this.discovery.start();
    this.status = { ...this.status, source: device.source };
    this.link = this.buildLink();
    this.timers.push(
      setInterval(() => this.emitQueue(), QUEUE_EVENT_MS),
      setInterval(() => this.emitStats(), STATS_EVENT_MS),
      setInterval(() => this.emitMetrics(), METRICS_EVENT_MS),
      setInterval(() => this.emitIntegrity(), INTEGRITY_EVENT_MS),
    );
    this.rates.sample(this.totals());
    this.log.info({ dataDir: this.opts.dataDir, threads: this.pool.threads }, 'engine started');
    if (device.autoStart) await this.deviceCommand('start');
  }

  async close(): Promise<void> {
    if (this.closed || !this.started) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.discovery.stop();
    this.consoleTap.close();
    this.device.setMeasuring(false);
    await this.device.close();
    await this.link?.close().catch((err: unknown) => this.log.warn({ err }, 'closing the link failed'));
    this.pipeline.close();
    await this.pool.close();
    this.log.info('engine closed');
  }

  // ---- TelemetryApi -------------------------------------------------------

  async getSnapshot(): Promise<ApiResult<Snapshot>> {
    return ok({
      config: this.config,
      device: this.status,
      channels: this.channelInfos(),
      queue: this.pipeline.queue.stats(),
      metrics: this.metrics,
      stats: this.statsSnapshot(),
      integrity: this.integrity.current(),
    });
  }

  async updateConfig(patch: ConfigPatch): Promise<ApiResult<AppConfig>> {
    const p = parseWith(ConfigPatchSchema, patch);
    if (!p.ok) return p;
    const merged = parseWith(AppConfigSchema, mergeConfig(this.config, p.value));
    if (!merged.ok) return merged;
    await this.applyConfig(merged.value);
    return ok(this.config);
  }

  async configureDevice(settings: DeviceSettingsInput): Promise<ApiResult<DeviceStatus>> {
    const parsed = parseWith(DeviceSettingsSchema, settings);
    if (!parsed.ok) return parsed;
    await this.applyConfig({ ...this.config, device: parsed.value });
    return ok(this.status);
  }

  async deviceCommand(command: DeviceCommand): Promise<ApiResult<DeviceStatus>> {
    const parsed = parseWith(DeviceCommandSchema, command);
    if (!parsed.ok) return parsed;
    const tr = applyCommand(this.status, parsed.value, Date.now());
    if (!tr.ok) return fail('invalid-state', tr.message);
    const before = this.status;
    this.status = { ...tr.status, throttled: this.status.throttled };
    // Connect/start while a lost link is reconnecting: it is already trying; keep its state.
    if (before.link === 'reconnecting' && this.status.link === 'connected') this.status = { ...this.status, link: 'reconnecting', reason: before.reason };
    if (before.link !== this.status.link) {
      const link = this.activeLink();
      if (this.status.link === 'connected') {
        try {
          await link.open();
        } catch (err) {
          // The port/host and the OS error, in the status bar and in the answer.
          const message = err instanceof Error ? err.message : String(err);
          this.status = { ...before, link: 'disconnected', reason: message, since: Date.now() };
          delete this.status.reconnect;
          this.log.warn({ err: message }, 'link open failed');
          this.hub.emit('device', this.status);
          return fail('io', message);
        }
      } else {
        await link.close();
        delete this.status.reconnect;
      }
    }
    if (parsed.value === 'reset') {
      this.device.resetSequence();
      this.pipeline.restart();
      this.pipeline.queue.resetCounters();
      this.pipeline.resetIntegrity();
    }
    // Real links: name the endpoint in the status so the operator sees what is connected.
    if (this.link && this.status.link === 'connected' && (this.status.reason === 'Connected' || this.status.reason === 'Measuring')) {
      this.status = { ...this.status, reason: `${this.status.state === 'measuring' ? 'Measuring from' : 'Connected to'} ${this.link.description}` };
    }
    this.device.setMeasuring(!this.link && this.status.state === 'measuring' && this.status.link === 'connected');
    if (tr.changed || before.link !== this.status.link) {
      this.log.info({ command: parsed.value, state: this.status.state, link: this.status.link }, 'device state');
      this.hub.emit('device', this.status);
    }
    return ok(this.status);
  }

  async listPorts(): Promise<ApiResult<PortInfo[]>> {
    return ok(await this.discovery.refresh());
  }

  async sendToDevice(request: SendToDeviceInput): Promise<ApiResult<{ bytes: number }>> {
    const parsed = parseWith(SendToDeviceSchema, request);
    if (!parsed.ok) return parsed;
    const link = this.link;
    if (!link) return fail('invalid-state', 'The simulated device does not accept commands: choose a serial, TCP or UDP source');
    if (this.status.link !== 'connected') return fail('invalid-state', `Cannot send: ${link.description} is ${this.status.link}`);
    const bytes = encodeSend(parsed.value);
    try {
      await link.write(bytes);
    } catch (err) {
      return fail('io', err instanceof Error ? err.message : String(err));
    }
    this.consoleTap.tx(bytes);
    return ok({ bytes: bytes.length });
  }

  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    return this.hub.on(event, listener);
  }

  // ---- links ---------------------------------------------------------------

  private activeLink(): DeviceLink {
    return this.link ?? this.device;
  }

  /** Real links deliver whatever arrives; "measuring" decides whether it enters the pipeline. */
  private buildLink(): WritableLink | undefined {
    const link = createLink(this.config.device.link, { listPorts: this.opts.listPorts, backoff: this.opts.reconnectBackoff });
    if (!link) return undefined;
    link.onData((chunk) => {
      if (link !== this.link) return;
      this.consoleTap.rx(chunk);
      if (this.status.state === 'measuring') this.pipeline.ingest(chunk);
    });
    link.onError((err) => this.log.warn({ err: err.message, link: link.description }, 'link lost'));
    link.onStatus((s) => {
      if (link === this.link) this.onLinkStatus(s);
    });
    return link;
  }

  /** Reconnect progress; the operator's own connect/disconnect is handled in deviceCommand. */
  private onLinkStatus(s: LinkStatusEvent): void {
    const cur = this.status.link;
    if (s.phase === 'reconnecting' && (cur === 'connected' || cur === 'reconnecting')) {
      this.status = { ...this.status, link: 'reconnecting', reason: s.reason, since: Date.now(), reconnect: { attempt: s.attempt ?? 0, nextAt: s.nextAt ?? 0 } };
    } else if (s.phase === 'connected' && cur === 'reconnecting') {
      this.status = { ...this.status, link: 'connected', reason: s.reason, since: Date.now() };
      delete this.status.reconnect;
    } else {
      return;
    }
    this.log.info({ link: this.status.link, reason: s.reason }, 'link state');
    this.hub.emit('device', this.status);
  }

  /** New link settings: the old link closes; the operator connects the new one. */
  private async replaceLink(): Promise<void> {
    const wasOpen = this.status.link !== 'disconnected';
    this.device.setMeasuring(false);
    await this.activeLink().close();
    this.link = this.buildLink();
    const source = this.config.device.source;
    const what = this.link?.description ?? 'the simulated device';
    const state = this.status.state === 'safe' ? 'safe' : 'idle';
    this.status = { ...this.status, source, link: 'disconnected', state, reason: wasOpen ? `Source changed to ${what}: connect to open it` : `Source: ${what}`, since: Date.now() };
    delete this.status.reconnect;
    this.hub.emit('device', this.status);
  }

  // ---- internals -----------------------------------------------------------

  private createPipeline(): Pipeline {
    const { device, pipeline, chart } = this.config;
    return new Pipeline({
      pool: this.pool,
      channels: device.channels,
      periodMs: 1000 / device.rateHz,
      bucketMs: bucketMsFor(chart.windowSec),
      queueCapacity: pipeline.queueCapacity,
      overflowPolicy: pipeline.overflowPolicy,
      publishHz: pipeline.publishHz,
      format: formatFor(device),
      onChannels: () => this.emitChannels(),
      onPublish: (batch) => this.hub.emit('samples', batch),
      onBackpressure: (active) => this.setThrottled(active),
    });
  }

  private setThrottled(active: boolean): void {
    this.activeLink().setThrottled(active);
    this.status = { ...this.status, throttled: active };
    this.hub.emit('device', this.status);
  }

  /** Applies a validated configuration live, persists it, and tells every UI. */
  private async applyConfig(next: AppConfig): Promise<void> {
    const prev = this.config;
    this.config = next;
    if (linkKey(prev.device) !== linkKey(next.device)) await this.replaceLink();
    if (JSON.stringify(prev.device) !== JSON.stringify(next.device)) {
      this.device.configure(next.device);
      const format = formatFor(next.device);
      if (JSON.stringify(format) !== JSON.stringify(formatFor(prev.device))) this.pipeline.setFormat(format, next.device.channels);
      this.pipeline.setLayout(next.device.channels, 1000 / next.device.rateHz);
      this.emitChannels();
    }
    if (prev.pipeline.workers !== next.pipeline.workers) {
      await this.replacePool();
    } else {
      if (prev.pipeline.queueCapacity !== next.pipeline.queueCapacity || prev.pipeline.overflowPolicy !== next.pipeline.overflowPolicy) {
        this.pipeline.queue.reconfigure(next.pipeline.queueCapacity, next.pipeline.overflowPolicy);
      }
      this.pipeline.setPublishHz(next.pipeline.publishHz);
    }
    this.pipeline.setBucketMs(bucketMsFor(next.chart.windowSec));
    try {
      await this.store.save(next);
    } catch (err) {
      // The running configuration applies; the operator learns it was not saved.
      this.log.error({ err }, 'could not save configuration');
    }
    this.hub.emit('config', next);
  }

  /** A new thread count needs a new pool; the old one finishes its batches first. */
  private async replacePool(): Promise<void> {
    const oldPool = this.pool;
    const oldPipeline = this.pipeline;
    this.pool = new WorkerPool({ workerFile: this.opts.workerFile, threads: this.config.pipeline.workers, execArgv: this.opts.workerExecArgv });
    this.pipeline = this.createPipeline();
    await oldPipeline.idle();
    oldPipeline.close();
    await oldPool.close();
  }

  private statsSnapshot(): ChannelStats[] {
    return this.pipeline.stats.snapshot();
  }

  private totals(): Record<string, number> {
    const c = this.pipeline?.counters;
    const q = this.pipeline?.queue.stats();
    return {
      frames: c?.frames ?? 0,
      samples: (c?.frames ?? 0) * (this.pipeline?.channelNames().length ?? 0),
      bytes: c?.bytesIn ?? 0,
      decodeErrors: c?.decodeErrors ?? 0,
      publishes: c?.publishes ?? 0,
      dropped: q?.dropped ?? 0,
      rejected: q?.rejected ?? 0,
    };
  }

  private channelInfos(): ChannelInfo[] {
    return channelInfosFor(formatFor(this.config.device), this.pipeline.channelNames());
  }

  /** Tells every UI the channels, when names, count or overrides changed. */
  private emitChannels(): void {
    if (!this.pipeline) return;
    const infos = this.channelInfos();
    const json = JSON.stringify(infos);
    if (json === this.lastChannelsJson) return;
    this.lastChannelsJson = json;
    this.hub.emit('channels', infos);
  }

  private emitIntegrity(): void {
    const report = this.integrity.sample({
      link: 'device',
      label: this.link?.description ?? 'simulated device',
      format: formatFor(this.config.device).kind,
      totals: this.pipeline.integrity(),
    });
    if (report) this.hub.emit('integrity', report);
  }

  private emitQueue(): void {
    const stats: QueueStats = this.pipeline.queue.stats();
    const json = JSON.stringify(stats);
    if (json === this.lastQueueJson) return;
    this.lastQueueJson = json;
    this.hub.emit('queue', stats);
  }

  private emitStats(): void {
    const count = this.pipeline.counters.frames;
    if (count === this.lastStatsCount) return;
    this.lastStatsCount = count;
    this.hub.emit('stats', this.statsSnapshot());
  }

  private emitMetrics(): void {
    const totals = this.totals();
    const r = this.rates.sample(totals);
    this.metrics = {
      t: Date.now(),
      framesPerSec: r.frames ?? 0,
      samplesPerSec: r.samples ?? 0,
      bytesPerSec: r.bytes ?? 0,
      framesTotal: totals.frames ?? 0,
      decodeErrors: totals.decodeErrors ?? 0,
      decodeErrorsPerSec: r.decodeErrors ?? 0,
      latencyMs: this.pipeline.latency.percentiles(),
      queue: this.pipeline.queue.stats(),
      pool: {
        threads: this.pool.threads,
        utilization: this.pool.sampleUtilization(),
        inFlight: this.pool.inFlight,
        completed: this.pool.completed,
        failed: this.pool.failed,
      },
      publishesPerSec: r.publishes ?? 0,
      integrity: this.pipeline.integrity(),
    };
    this.hub.emit('metrics', this.metrics);
  }
}

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  return new TelemetryEngine(opts);
}
