// The engine facade: owns configuration, the device, the pool and the pipeline,
// and implements TelemetryApi for the bridges. No Electron, no UI.
import { userInfo } from 'node:os';
import type { Registry } from 'prom-client';
import { pino, type Logger } from 'pino';
import type { Snapshot, TelemetryApi } from '@shared/api/contract.js';
import { EventHub } from '@shared/api/event-hub.js';
import type { EventName, Listener, Unsubscribe } from '@shared/api/events.js';
import { AlarmActionSchema, type AlarmAction } from '@shared/alarms/actions.js';
import type { Alarm } from '@shared/alarms/alarm.js';
import { AppConfigSchema, ConfigPatchSchema, mergeConfig, type AppConfig, type ConfigPatch } from '@shared/config/app-config.js';
import {
  DeviceCommandSchema,
  DeviceSettingsSchema,
  channelInfos,
  type DeviceCommand,
  type DeviceSettingsInput,
  type DeviceStatus,
} from '@shared/domain/device.js';
import { emptyMetrics, type ChannelStats, type Metrics, type QueueStats } from '@shared/domain/metrics.js';
import { fail, ok, parseWith, type ApiResult } from '@shared/domain/result.js';
import { AlarmManager } from './alarms/alarm-manager.js';
import type { AlarmJournalSink } from './alarms/journal.js';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  ExportIdSchema,
  ExportRequestSchema,
  HistoryQuerySchema,
  RenameSessionSchema,
  SessionIdSchema,
  emptyRecordingStatus,
  type ExportIdInput,
  type ExportProgress,
  type ExportRequestInput,
  type ExportStarted,
  type HistoryQueryInput,
  type HistorySeries,
  type RecordingStatus,
  type RenameSessionInput,
  type SessionIdInput,
  type SessionInfo,
} from '@shared/domain/recording.js';
import { Recorder, RecorderError } from './recorder/recorder.js';
import type { RecorderRequest } from './recorder/protocol.js';
import type { EventSink } from './recorder/event-sink.js';
import { ConfigStore } from './config/config-store.js';
import { applyCommand } from './device/device-state.js';
import type { Engine, EngineOptions } from './index.js';
import { SimulatedDevice } from './link/simulated-device.js';
import { createRegistry } from './metrics/prometheus.js';
import { RateMeter } from './metrics/rate-meter.js';
import { Pipeline } from './pipeline/pipeline.js';
import { WorkerPool } from './pipeline/worker-pool.js';

/** Points per channel the live chart holds per window (as min/max pairs). */
const CHART_POINTS_PER_WINDOW = 10_000;
const QUEUE_EVENT_MS = 100;
const STATS_EVENT_MS = 250;
const METRICS_EVENT_MS = 1000;
/** Stale data, timed shelves and re-alarm times are checked this often. */
const ALARM_TICK_MS = 250;
/** Alarm events go out at most this often (a chattering rule must not flood the UIs); nothing is lost, changes accumulate. */
const ALARM_EVENT_MIN_MS = 50;
/** Journal entries a freshly connected UI gets in its snapshot. */
const SNAPSHOT_JOURNAL = 500;

/** Operator actions carry the OS user running the engine (the renderer never needs Node). */
function osUserName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}

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
  private pool!: WorkerPool;
  private pipeline!: Pipeline;
  private rates = new RateMeter();
  private metrics: Metrics;
  private timers: ReturnType<typeof setInterval>[] = [];
  private lastQueueJson = '';
  private lastStatsCount = -1;
  private started = false;
  private closed = false;
  private readonly alarms: AlarmManager;
  private readonly operator = osUserName();
  private lastAlarmEmit = 0;
  private alarmEmitTimer: ReturnType<typeof setTimeout> | undefined;
  private recorder: Recorder | undefined;
  private lastRecordingJson = '';
  private exportNames = new Map<string, string>();
  private queueBehind = false;
  private recorderBehind = false;
  private endingSession = false;

  constructor(private readonly opts: EngineOptions) {
    this.log = opts.logger ?? pino({ level: 'info' });
    this.store = new ConfigStore(opts.dataDir);
    this.hub = new EventHub((event, err) => this.log.error({ err, event }, 'event listener threw'));
    this.metrics = emptyMetrics();
    this.alarms = new AlarmManager({ onSinkError: (err) => this.log.error({ err }, 'alarm journal sink failed') });
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
    this.alarms.configure(this.config.alarms.rules, device.channels, Date.now());
    this.pipeline = this.createPipeline();
    this.updateFullResolution();
    this.device.onData((chunk) => this.pipeline.ingest(chunk));
    this.device.onError((err) => this.log.error({ err }, 'device link error'));
    await this.startRecorder();
    this.timers.push(
      setInterval(() => this.emitQueue(), QUEUE_EVENT_MS),
      setInterval(() => this.emitStats(), STATS_EVENT_MS),
      setInterval(() => this.emitMetrics(), METRICS_EVENT_MS),
      setInterval(() => this.tickAlarms(), ALARM_TICK_MS),
      setInterval(() => this.emitRecording(), QUEUE_EVENT_MS),
    );
    this.rates.sample(this.totals());
    this.log.info({ dataDir: this.opts.dataDir, threads: this.pool.threads }, 'engine started');
    if (device.autoStart) await this.deviceCommand('start');
  }

  async close(): Promise<void> {
    if (this.closed || !this.started) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.alarmEmitTimer) clearTimeout(this.alarmEmitTimer);
    this.device.setMeasuring(false);
    await this.device.close();
    this.pipeline.setFullResolution(false);
    await this.recorder?.close().catch((err: unknown) => this.log.error({ err }, 'recorder close failed'));
    this.pipeline.close();
    await this.pool.close();
    this.log.info('engine closed');
  }

  // ---- TelemetryApi -------------------------------------------------------

  async getSnapshot(): Promise<ApiResult<Snapshot>> {
    // Held alarm changes go out first, so the snapshot and the events agree.
    if (this.alarms.pending) this.emitAlarmsNow();
    return ok({
      config: this.config,
      device: this.status,
      channels: channelInfos(this.config.device),
      queue: this.pipeline.queue.stats(),
      metrics: this.metrics,
      stats: this.statsSnapshot(),
      alarms: this.alarms.active(),
      alarmJournal: this.alarms.journal.recent(SNAPSHOT_JOURNAL),
    });
  }

  async alarmAction(action: AlarmAction): Promise<ApiResult<Alarm[]>> {
    const parsed = parseWith(AlarmActionSchema, action);
    if (!parsed.ok) return parsed;
    const r = this.alarms.action(parsed.value, this.operator, Date.now());
    // Operator actions show at once in every UI (not paced).
    this.emitAlarmsNow();
    return r;
  }

  addAlarmJournalSink(sink: AlarmJournalSink): () => void {
    return this.alarms.journal.addSink(sink);
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
    if (before.link !== this.status.link) {
      if (this.status.link === 'connected') await this.device.open();
      else await this.device.close();
    }
    if (parsed.value === 'reset') {
      this.alarms.resetTimers(Date.now());
      this.device.resetSequence();
      this.pipeline.restart();
      this.pipeline.queue.resetCounters();
    }
    this.device.setMeasuring(this.status.state === 'measuring' && this.status.link === 'connected');
    this.tickAlarms();
    // Operator actions are journaled; a start belongs to the session it opens, anything else to the one it ends.
    const action = { t: Date.now(), kind: 'operator', data: { command: parsed.value, state: this.status.state } } as const;
    if (parsed.value !== 'start') this.recorder?.record(action);
    this.syncSession();
    if (parsed.value === 'start') this.recorder?.record(action);
    if (tr.changed) {
      this.log.info({ command: parsed.value, state: this.status.state, link: this.status.link }, 'device state');
      this.hub.emit('device', this.status);
    }
    return ok(this.status);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    return this.hub.on(event, listener);
  }

  // ---- recording, history, export -------------------------------------------

  async getRecordingStatus(): Promise<ApiResult<RecordingStatus>> {
    return ok(this.recordingStatus());
  }

  async listSessions(): Promise<ApiResult<SessionInfo[]>> {
    return this.ask<SessionInfo[]>({ op: 'list' });
  }

  async renameSession(input: RenameSessionInput): Promise<ApiResult<SessionInfo>> {
    const p = parseWith(RenameSessionSchema, input);
    if (!p.ok) return p;
    return this.ask<SessionInfo>({ op: 'rename', sessionId: p.value.sessionId, name: p.value.name });
  }

  async deleteSession(input: SessionIdInput): Promise<ApiResult<SessionIdInput>> {
    const p = parseWith(SessionIdSchema, input);
    if (!p.ok) return p;
    return this.ask<SessionIdInput>({ op: 'delete', sessionId: p.value.sessionId });
  }

  async historyQuery(input: HistoryQueryInput): Promise<ApiResult<HistorySeries>> {
    const p = parseWith(HistoryQuerySchema, input);
    if (!p.ok) return p;
    return this.ask<HistorySeries>({ op: 'history', query: p.value });
  }

  async startExport(input: ExportRequestInput): Promise<ApiResult<ExportStarted>> {
    const p = parseWith(ExportRequestSchema, input);
    if (!p.ok) return p;
    const exportId = randomUUID();
    const r = await this.ask<ExportStarted>({ op: 'export', exportId, request: p.value });
    if (r.ok) this.exportNames.set(exportId, r.value.fileName);
    return r;
  }

  async cancelExport(input: ExportIdInput): Promise<ApiResult<ExportIdInput>> {
    const p = parseWith(ExportIdSchema, input);
    if (!p.ok) return p;
    return this.ask<ExportIdInput>({ op: 'cancelExport', exportId: p.value.exportId });
  }

  async resumeRecording(): Promise<ApiResult<RecordingStatus>> {
    const r = await this.ask({ op: 'resume', folder: this.recordingFolder() });
    this.syncSession();
    this.emitRecording();
    return r.ok ? ok(this.recordingStatus()) : r;
  }

  async exportFile(exportId: string, part: 'data' | 'events' = 'data'): Promise<{ path: string; fileName: string } | undefined> {
    if (!this.recorder || !ExportIdSchema.safeParse({ exportId }).success) return undefined;
    try {
      const path = await this.recorder.request<string>({ op: 'exportFile', exportId, part });
      const name = this.exportNames.get(exportId) ?? exportId;
      return { path, fileName: part === 'events' ? name.replace(/\.csv$/, '') + '.events.csv' : name };
    } catch {
      return undefined;
    }
  }

  /** Journal for alarms, breaker transitions, faults, operator actions and link errors (later issues). */
  get events(): EventSink | undefined {
    return this.recorder;
  }

  // ---- internals -----------------------------------------------------------

  private recordingFolder(): string {
    return this.config.recording.folder || this.opts.dataDir;
  }

  private async startRecorder(): Promise<void> {
    if (!this.opts.recorderWorkerFile) return;
    const rec = this.config.recording;
    this.recorder = new Recorder({
      workerFile: this.opts.recorderWorkerFile,
      ...(this.opts.recorderExecArgv ? { execArgv: this.opts.recorderExecArgv } : {}),
      folder: this.recordingFolder(),
      exportsDir: join(this.opts.dataDir, 'exports'),
      flushMs: rec.flushMs,
      memoryLimit: '256MB',
      threads: 2,
      onStatus: () => this.emitRecording(),
      onExport: (p) => this.onExportProgress(p),
      onBackpressure: (active) => {
        this.recorderBehind = active;
        this.applyThrottle();
      },
    });
    this.recorder.setEnabled(rec.enabled);
    const st = await this.recorder.ready();
    if (st.lastError) this.log.error({ error: st.lastError }, 'recording unavailable');
    if (st.recovered.length) this.log.warn({ sessions: st.recovered }, 'recovered interrupted sessions');
  }

  private onExportProgress(p: ExportProgress): void {
    if (p.state === 'failed') this.log.error({ exportId: p.exportId, error: p.error }, 'export failed');
    this.hub.emit('exportProgress', p);
  }

  private async ask<T>(req: RecorderRequest): Promise<ApiResult<T>> {
    if (!this.recorder) return fail('invalid-state', 'recording is not available in this build (no recorder worker)');
    try {
      return ok(await this.recorder.request<T>(req));
    } catch (err) {
      if (err instanceof RecorderError && err.notFound) return fail('not-found', err.message);
      return fail('invalid-state', err instanceof Error ? err.message : String(err));
    }
  }

  private recordingStatus(): RecordingStatus {
    return this.recorder?.status ?? emptyRecordingStatus();
  }

  /** A session runs while the device is measuring and connected; full-resolution output only then. */
  private syncSession(): void {
    const rec = this.recorder;
    if (!rec) return;
    const measuring = this.status.state === 'measuring' && this.status.link === 'connected';
    if (measuring && !rec.sessionOpen) {
      rec.beginSession({
        source: this.status.source,
        startedAt: Date.now(),
        channels: channelInfos(this.config.device).map((c) => ({ index: c.index, name: c.name, unit: c.unit })),
      });
    } else if (!measuring && rec.sessionOpen && !this.endingSession) {
      // Batches still in the pool belong to this session: end it once the pipeline has drained.
      this.endingSession = true;
      const endedAt = Date.now();
      const pipeline = this.pipeline;
      void pipeline.idle().then(() => {
        this.endingSession = false;
        const again = this.status.state === 'measuring' && this.status.link === 'connected';
        if (!again) rec.endSession(endedAt); // a stop/start within the drain continues the session
        this.updateFullResolution();
        this.emitRecording();
      });
      return;
    }
    this.updateFullResolution();
    this.emitRecording();
  }

  private emitRecording(): void {
    if (!this.recorder) return;
    const st = this.recorder.status;
    const json = JSON.stringify(st);
    if (json === this.lastRecordingJson) return;
    if (st.lastError && !this.lastRecordingJson.includes(st.lastError)) this.log.error({ error: st.lastError }, 'recording stopped');
    this.lastRecordingJson = json;
    this.hub.emit('recording', st);
  }

  private createPipeline(): Pipeline {
    const { device, pipeline, chart } = this.config;
    const p = new Pipeline({
      pool: this.pool,
      channels: device.channels,
      periodMs: 1000 / device.rateHz,
      bucketMs: bucketMsFor(chart.windowSec),
      queueCapacity: pipeline.queueCapacity,
      overflowPolicy: pipeline.overflowPolicy,
      publishHz: pipeline.publishHz,
      onPublish: (batch) => this.hub.emit('samples', batch),
      onBackpressure: (active) => this.setThrottled(active),
      // Alarms read the frames in place first (their state lives here on the main side and sees
      // every batch in release order, see alarms/alarm-manager.ts); the recorder then takes the buffer.
      onFull: (frames) => {
        if (this.alarms.needsFrames) {
          const { data, frames: n, channels } = frames;
          this.alarms.onFrames(data.subarray(0, n), data.subarray(n, n + n * channels), n, channels);
          this.emitAlarms();
        }
        this.recorder?.pushFrames(frames);
      },
    });
    return p;
  }

  private tickAlarms(): void {
    if (!this.started || this.closed) return;
    const now = Date.now();
    this.alarms.setMeasuring(this.status.state === 'measuring' && this.status.link === 'connected', now);
    this.alarms.tick(now);
    this.emitAlarms();
  }

  /**
   * Alarm changes go out as their own events: they never wait for, or get dropped with, samples.
   * At most one pair per ALARM_EVENT_MIN_MS; later changes are held (not lost) until then.
   */
  private emitAlarms(): void {
    if (this.alarmEmitTimer || !this.alarms.pending) return;
    const wait = this.lastAlarmEmit + ALARM_EVENT_MIN_MS - performance.now();
    if (wait > 0) {
      this.alarmEmitTimer = setTimeout(() => {
        this.alarmEmitTimer = undefined;
        this.emitAlarmsNow();
      }, wait);
      return;
    }
    this.emitAlarmsNow();
  }

  private emitAlarmsNow(): void {
    if (this.closed) return;
    this.lastAlarmEmit = performance.now();
    const { alarms, journal } = this.alarms.flush();
    if (alarms) this.hub.emit('alarms', alarms);
    if (journal.length > 0) this.hub.emit('alarmJournal', journal);
  }

  private setThrottled(active: boolean): void {
    this.queueBehind = active;
    this.applyThrottle();
  }

  /** The device slows down while the queue or the recorder is behind. */
  private applyThrottle(): void {
    const active = this.queueBehind || this.recorderBehind;
    if (active === this.status.throttled) return;
    this.device.setThrottled(active);
    this.status = { ...this.status, throttled: active };
    this.hub.emit('device', this.status);
  }

  /** Applies a validated configuration live, persists it, and tells every UI. */
  private async applyConfig(next: AppConfig): Promise<void> {
    const prev = this.config;
    this.config = next;
    if (JSON.stringify(prev.device) !== JSON.stringify(next.device)) {
      this.device.configure(next.device);
      this.pipeline.setLayout(next.device.channels, 1000 / next.device.rateHz);
      if (prev.device.channels !== next.device.channels) {
        this.hub.emit('channels', channelInfos(next.device));
        // A session has one channel layout: a new layout starts a new session.
        this.recorder?.endSession(Date.now());
      }
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
    if (JSON.stringify(prev.alarms.rules) !== JSON.stringify(next.alarms.rules) || prev.device.channels !== next.device.channels) {
      this.alarms.configure(next.alarms.rules, next.device.channels, Date.now());
      this.updateFullResolution();
      this.emitAlarms();
    }
    await this.applyRecording(prev, next);
    try {
      await this.store.save(next);
    } catch (err) {
      // The running configuration applies; the operator learns it was not saved.
      this.log.error({ err }, 'could not save configuration');
    }
    this.hub.emit('config', next);
  }

  private async applyRecording(prev: AppConfig, next: AppConfig): Promise<void> {
    const rec = this.recorder;
    if (!rec) return;
    const a = prev.recording;
    const b = next.recording;
    if (a.flushMs !== b.flushMs) await rec.request({ op: 'setFlushMs', flushMs: b.flushMs }).catch(() => undefined);
    if (a.folder !== b.folder) {
      await rec.request({ op: 'resume', folder: this.recordingFolder() }).catch((err: unknown) => this.log.error({ err }, 'recording folder change failed'));
    }
    if (a.enabled !== b.enabled) {
      if (!b.enabled) rec.endSession(Date.now());
      rec.setEnabled(b.enabled);
    }
    this.syncSession();
  }

  /** A new thread count needs a new pool; the old one finishes its batches first. */
  private async replacePool(): Promise<void> {
    const oldPool = this.pool;
    const oldPipeline = this.pipeline;
    this.pool = new WorkerPool({ workerFile: this.opts.workerFile, threads: this.config.pipeline.workers, execArgv: this.opts.workerExecArgv });
    this.pipeline = this.createPipeline();
    this.updateFullResolution();
    await oldPipeline.idle();
    oldPipeline.close();
    await oldPool.close();
  }

  /** Workers return every frame only while someone needs them: alarm rules or an open recording. */
  private updateFullResolution(): void {
    this.pipeline.setFullResolution(this.alarms.needsFrames || (this.recorder?.wantsFrames ?? false));
  }

  private statsSnapshot(): ChannelStats[] {
    return this.pipeline.stats.snapshot();
  }

  private totals(): Record<string, number> {
    const c = this.pipeline?.counters;
    const q = this.pipeline?.queue.stats();
    return {
      frames: c?.frames ?? 0,
      samples: (c?.frames ?? 0) * (this.config?.device.channels ?? 0),
      bytes: c?.bytesIn ?? 0,
      decodeErrors: c?.decodeErrors ?? 0,
      publishes: c?.publishes ?? 0,
      dropped: q?.dropped ?? 0,
      rejected: q?.rejected ?? 0,
    };
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
    };
    this.hub.emit('metrics', this.metrics);
  }
}

export async function createEngine(opts: EngineOptions): Promise<Engine> {
  return new TelemetryEngine(opts);
}
