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
  type ChannelInfo,
  type DeviceCommand,
  type DeviceSettingsInput,
  type DeviceStatus,
} from '@shared/domain/device.js';
import { emptyMetrics, type ChannelStats, type Metrics, type QueueStats } from '@shared/domain/metrics.js';
import { SendToDeviceSchema, encodeSend, type PortInfo, type SendToDeviceInput } from '@shared/domain/link.js';
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
import type { Engine, EngineDiagnostics, EngineOptions } from './engine-types.js';
import { ConsoleTap } from './console/console-tap.js';
import type { DeviceLink, LinkStatusEvent, WritableLink } from './link/device-link.js';
import { createLink, linkKey } from './link/create-link.js';
import { defaultPortSignature, PortDiscovery } from './link/port-discovery.js';
import { defaultPortLister } from './link/serial-link.js';
import { SimulatedDevice } from './link/simulated-device.js';
import { SimulatorReconnect } from './link/simulator-reconnect.js';
import { IntegrityReporter } from './metrics/integrity-reporter.js';
import { createRegistry } from './metrics/prometheus.js';
import { RateMeter } from './metrics/rate-meter.js';
import { Pipeline } from './pipeline/pipeline.js';
import { WorkerPool } from './pipeline/worker-pool.js';
import { channelInfosFor, formatFor } from './protocol/channel-infos.js';
import { countByte } from './protocol/decode-types.js';
import { frameDelimiter } from './protocol/frame-decoder.js';
import { BreakerActionSchema, type BreakerAction, type BreakerStatus } from '@shared/domain/breaker.js';
import { FaultRequestSchema, StopFaultSchema, linkTakesFaults, type ActiveFault, type FaultRequestInput, type StopFaultInput } from '@shared/domain/faults.js';
import { LinkBreaker } from './breaker/link-breaker.js';
import { DeviceFaultModel, isDeviceFault, type DeviceFault } from './faults/device-faults.js';
import { FaultManager } from './faults/fault-manager.js';
import { isLinkFault, LinkFaultInjector, type LinkFault } from './faults/link-faults.js';

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

/** What the operator had running when the breaker took the link: restored when it closes. */
type Resume = 'measuring' | 'connected' | 'none';

/** Operator actions carry the OS user running the engine (the renderer never needs Node). */
function osUserName(): string {
  try {
    return userInfo().username || 'operator';
  } catch {
    return 'operator';
  }
}
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
  private breaker!: LinkBreaker;
  private faults!: FaultManager;
  private injector!: LinkFaultInjector;
  private readonly deviceFaults = new DeviceFaultModel();
  /** The breaker holds the link (open, half-open or isolated): it owns link and state until it closes. */
  private breakerHolding = false;
  private resume: Resume = 'none';
  /** The probe reopened the link (so a close after it needs no new open). */
  private probeOpened = false;
  private probes = 0;
  /** A "disconnect" fault is running: every open attempt fails. */
  private disconnectActive = false;
  private simReconnect!: SimulatorReconnect;
  private linkFrames = 0;
  private ignoredFrames = 0;

  constructor(private readonly opts: EngineOptions) {
    this.log = opts.logger ?? pino({ level: 'info' });
    this.store = new ConfigStore(opts.dataDir);
    this.hub = new EventHub((event, err) => this.log.error({ err, event }, 'event listener threw'));
    this.metrics = emptyMetrics();
    this.alarms = new AlarmManager({ onSinkError: (err) => this.log.error({ err }, 'alarm journal sink failed') });
    this.registry = createRegistry(() => ({ metrics: this.metrics, totals: this.totals(), breaker: this.breaker?.status() }));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const loaded = await this.store.load();
    if (loaded.problem) this.log.warn(loaded.problem);
    this.config = loaded.config;
    const { device, pipeline } = this.config;
    this.device = new SimulatedDevice(device);
    this.pool = new WorkerPool({ workerFile: this.opts.workerFile, threads: pipeline.workers, execArgv: this.opts.workerExecArgv, onError: (err) => this.log.warn({ err }, 'worker pool error') });
    this.alarms.configure(this.config.alarms.rules, device.channels, Date.now());
    this.pipeline = this.createPipeline();
    this.updateFullResolution();
    this.injector = new LinkFaultInjector({ emit: (chunk) => this.deliver(chunk), ...this.framing() });
    this.simReconnect = new SimulatorReconnect({
      open: async () => {
        this.faultGate();
        await this.device.open();
      },
      onStatus: (s) => this.onLinkStatus(s),
      ...(this.opts.reconnectBackoff ? { backoff: this.opts.reconnectBackoff } : {}),
    });
    this.device.setFaultModel(this.deviceFaults);
    this.device.onData((chunk) => {
      if (!this.link) this.injector.push(chunk);
    });
    this.device.onError((err) => this.log.error({ err }, 'device link error'));
    this.faults = new FaultManager({
      operator: this.operator,
      onApply: (running) => this.applyFaults(running),
      onChange: (list) => this.hub.emit('faults', list),
      onJournal: (entries) => {
        this.hub.emit('faultJournal', entries);
        for (const e of entries) this.recorder?.record({ t: e.t, kind: 'fault', data: e });
      },
      affected: (id) => this.injector.affected(id) + this.deviceFaults.affected(id),
      onCallbackError: (err) => this.log.error({ err }, 'applying a fault failed'),
    });
    this.breaker = new LinkBreaker({
      settings: this.config.resilience.breaker,
      readTotals: () => {
        const i = this.pipeline.integrity();
        return { valid: i.framesOk, bad: i.checksumFailures + i.malformed + i.nonNumeric + i.overlongLines };
      },
      onOpen: (reason, kind) => void this.breakerOpened(reason, kind),
      onHalfOpen: () => this.breakerHalfOpen(),
      reopen: () => this.probeReopen(),
      onClose: (reason) => void this.breakerClosed(reason),
      onStatus: (st) => this.hub.emit('breaker', st),
      probeNeedsFrames: () => this.resume === 'measuring',
    });
    this.consoleTap = new ConsoleTap({ emit: (batch) => this.hub.emit('console', batch) });
    this.discovery = new PortDiscovery(this.opts.listPorts ?? defaultPortLister(), {
      onError: (err) => this.log.warn({ err }, 'listing serial ports failed'),
      signature: this.opts.listPorts ? undefined : defaultPortSignature(),
    });
    this.discovery.onChange((ports) => this.hub.emit('ports', ports));
    this.discovery.start();
    this.status = { ...this.status, source: device.source };
    this.link = this.buildLink();
    await this.startRecorder();
    this.timers.push(
      setInterval(() => this.emitQueue(), QUEUE_EVENT_MS),
      setInterval(() => this.emitStats(), STATS_EVENT_MS),
      setInterval(() => this.emitMetrics(), METRICS_EVENT_MS),
      setInterval(() => this.tickAlarms(), ALARM_TICK_MS),
      setInterval(() => this.emitRecording(), QUEUE_EVENT_MS),
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
    if (this.alarmEmitTimer) clearTimeout(this.alarmEmitTimer);
    this.simReconnect.cancel();
    this.faults.close();
    this.breaker.close();
    this.injector.close();
    this.discovery.stop();
    this.consoleTap.close();
    this.device.setMeasuring(false);
    await this.device.close();
    await this.link?.close().catch((err: unknown) => this.log.warn({ err }, 'closing the link failed'));
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
      channels: this.channelInfos(),
      queue: this.pipeline.queueStats(),
      metrics: this.metrics,
      stats: this.statsSnapshot(),
      alarms: this.alarms.active(),
      alarmJournal: this.alarms.journal.recent(SNAPSHOT_JOURNAL),
      integrity: this.integrity.current(),
      breaker: this.breaker.status(),
      faults: this.faults.list(),
      faultJournal: this.faults.recentJournal(SNAPSHOT_JOURNAL),
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
    if (this.breakerHolding) return this.commandWhileHeld(parsed.value);
    // The operator's disconnect ends the faults on the link (a fault needs a live link).
    if (parsed.value === 'disconnect') this.faults.clear('the operator disconnected the link');
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
        this.simReconnect.cancel();
        await link.close();
        delete this.status.reconnect;
      }
    }
    if (parsed.value === 'reset') {
      this.alarms.resetTimers(Date.now());
      this.resetCounting();
    }
    // Real links: name the endpoint in the status so the operator sees what is connected.
    if (this.link && this.status.link === 'connected' && (this.status.reason === 'Connected' || this.status.reason === 'Measuring')) {
      this.status = { ...this.status, reason: `${this.status.state === 'measuring' ? 'Measuring from' : 'Connected to'} ${this.link.description}` };
    }
    this.device.setMeasuring(!this.link && this.status.state === 'measuring' && this.status.link === 'connected');
    this.syncBreaker();
    this.tickAlarms();
    // Operator actions are journaled; a start belongs to the session it opens, anything else to the one it ends.
    const action = { t: Date.now(), kind: 'operator', data: { command: parsed.value, state: this.status.state } } as const;
    if (parsed.value !== 'start') this.recorder?.record(action);
    this.syncSession();
    if (parsed.value === 'start') this.recorder?.record(action);
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
    const what = link?.description ?? 'the simulated device';
    // SafeState: nothing is sent to a device the breaker has taken off the line.
    if (this.breakerHolding) return fail('invalid-state', `Not sent: the circuit breaker is ${this.breaker.current} (${this.breaker.status().reason}); SafeState sends no commands`);
    if (this.status.link !== 'connected') return fail('invalid-state', `Cannot send: ${what} is ${this.status.link}`);
    const bytes = encodeSend(parsed.value);
    const timeoutMs = this.config.resilience.breaker.commandTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    let reply: string | undefined;
    try {
      const write = link
        ? link.write(bytes)
        : this.device.command(new TextDecoder().decode(bytes).replace(/[\r\n]+$/, '')).then((r) => {
            reply = r;
          });
      const outcome = await Promise.race([write.then(() => 'done' as const), timeout]);
      if (outcome === 'timeout') {
        // The write may still complete; the operator and the breaker learn it was too slow.
        write.catch(() => undefined);
        const message = `No answer from ${what} within ${timeoutMs} ms`;
        this.breaker.failure('command-timeout', message);
        return fail('io', message);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.breaker.failure('command-error', message);
      if (!link) {
        // The simulated instrument's error reply shows in the console like a real device's would.
        this.consoleTap.tx(bytes);
        this.consoleTap.rx(new TextEncoder().encode(`ERR ${message}\n`));
      }
      return fail('io', message);
    } finally {
      clearTimeout(timer);
    }
    this.consoleTap.tx(bytes);
    if (reply !== undefined) this.consoleTap.rx(new TextEncoder().encode(`${reply}\n`));
    return ok({ bytes: bytes.length });
  }

  // ---- resilience: breaker and fault injection --------------------------------

  async breakerAction(action: BreakerAction): Promise<ApiResult<BreakerStatus>> {
    const parsed = parseWith(BreakerActionSchema, action);
    if (!parsed.ok) return parsed;
    const t = Date.now();
    if (parsed.value.action === 'isolate') {
      if (this.status.link === 'disconnected' && !this.breakerHolding) return fail('invalid-state', 'Nothing to isolate: the device is disconnected');
      this.breaker.isolate();
    } else {
      if (this.breaker.current === 'closed') return fail('invalid-state', 'The circuit breaker is already closed');
      this.breaker.reset();
    }
    this.recorder?.record({ t, kind: 'operator', data: { breaker: parsed.value.action, operator: this.operator } });
    return ok(this.breaker.status());
  }

  async injectFault(request: FaultRequestInput): Promise<ApiResult<ActiveFault>> {
    const parsed = parseWith(FaultRequestSchema, request);
    if (!parsed.ok) return parsed;
    return this.faults.inject(parsed.value, { source: this.status.source, connected: linkTakesFaults(this.status.link) });
  }

  async stopFault(request: StopFaultInput): Promise<ApiResult<ActiveFault[]>> {
    const parsed = parseWith(StopFaultSchema, request);
    if (!parsed.ok) return parsed;
    return this.faults.stop(parsed.value);
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

  // ---- links ---------------------------------------------------------------

  private activeLink(): DeviceLink {
    return this.link ?? this.device;
  }

  /** Real links deliver whatever arrives; "measuring" decides whether it enters the pipeline. */
  private buildLink(): WritableLink | undefined {
    const link = createLink(this.config.device.link, { listPorts: this.opts.listPorts, backoff: this.opts.reconnectBackoff, gate: () => this.faultGate() });
    if (!link) return undefined;
    link.onData((chunk) => {
      if (link !== this.link) return;
      this.linkFrames += countByte(chunk, this.injectorDelimiter);
      this.injector.push(chunk);
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
    // Health signals for the breaker: the first "reconnecting" is the loss, later ones are failed reopens.
    if (s.phase === 'reconnecting') this.breaker.failure((s.attempt ?? 1) <= 1 ? 'link-lost' : 'open-error', s.reason);
    else if (s.phase === 'connected' && cur === 'reconnecting') this.breaker.success();
    // While the breaker holds the link it owns the status (its probe opens and closes the link).
    if (this.breakerHolding) return;
    if (s.phase === 'reconnecting' && (cur === 'connected' || cur === 'reconnecting')) {
      this.status = { ...this.status, link: 'reconnecting', reason: s.reason, since: Date.now(), reconnect: { attempt: s.attempt ?? 0, nextAt: s.nextAt ?? 0 } };
    } else if (s.phase === 'connected' && cur === 'reconnecting') {
      this.status = { ...this.status, link: 'connected', reason: s.reason, since: Date.now() };
      delete this.status.reconnect;
      // The simulator (back after a "disconnect" fault) measures again if it was.
      if (!this.link) this.device.setMeasuring(this.status.state === 'measuring');
    } else {
      return;
    }
    this.log.info({ link: this.status.link, reason: s.reason }, 'link state');
    this.hub.emit('device', this.status);
    // A lost link ends the recording session; alarms see the device stop measuring.
    this.syncSession();
    this.tickAlarms();
  }

  /** New link settings: the old link closes; the operator connects the new one. */
  private async replaceLink(): Promise<void> {
    const wasOpen = this.status.link !== 'disconnected';
    this.faults.clear('the device source changed');
    this.simReconnect.cancel();
    if (this.breakerHolding) {
      this.resume = 'none';
      this.breaker.reset();
    }
    this.device.setMeasuring(false);
    await this.activeLink().close();
    this.link = this.buildLink();
    const source = this.config.device.source;
    const what = this.link?.description ?? 'the simulated device';
    const state = this.status.state === 'safe' ? 'safe' : 'idle';
    this.status = { ...this.status, source, link: 'disconnected', state, reason: wasOpen ? `Source changed to ${what}: connect to open it` : `Source: ${what}`, since: Date.now() };
    delete this.status.reconnect;
    this.hub.emit('device', this.status);
    this.syncSession();
    this.syncBreaker();
  }

  /** Device reset: the sequence, the pipeline's partial data, the queue counters and integrity start over. */
  private resetCounting(): void {
    this.device.resetSequence();
    this.pipeline.restart();
    this.pipeline.queue.resetCounters();
    this.pipeline.resetIntegrity();
  }

  /** Bytes after the link faults: the console shows what arrived, the pipeline gets it while measuring. */
  private deliver(chunk: Uint8Array): void {
    const probing = this.breaker.current === 'half-open' && this.resume === 'measuring';
    if (!this.link) {
      this.pipeline.ingest(chunk);
      return;
    }
    this.consoleTap.rx(chunk);
    if (this.status.state === 'measuring' || probing) this.pipeline.ingest(chunk);
    else this.ignoredFrames += countByte(chunk, this.injectorDelimiter);
  }

  private injectorDelimiter = 10;
  private framing(): { delimiter: number; binary: boolean } {
    const format = formatFor(this.config.device);
    this.injectorDelimiter = frameDelimiter(format);
    return { delimiter: this.injectorDelimiter, binary: format.kind === 'binary' };
  }

  async diagnostics(): Promise<EngineDiagnostics> {
    // Delayed chunks (latency fault) land in the pipeline first; then everything in flight settles.
    for (let i = 0; i < 2000 && this.injector.pending > 0; i++) await new Promise((r) => setTimeout(r, 10));
    await this.pipeline.idle();
    return {
      simulatorFrames: this.device.framesProduced,
      linkFrames: this.linkFrames,
      ignoredFrames: this.ignoredFrames,
      faults: { ...this.injector.counters },
      pipeline: { ...this.pipeline.counters },
    };
  }

  /** The breaker watches the link only while the operator wants data from it. */
  private syncBreaker(): void {
    if (this.breakerHolding) return;
    this.breaker.setMeasuring(this.status.state === 'measuring' && this.status.link === 'connected');
  }

  /** Link faults to the injector, device faults to the simulator, a disconnect to the link itself. */
  private applyFaults(running: readonly ActiveFault[]): void {
    const linkFaults: { id: string; fault: LinkFault }[] = [];
    const deviceFaults: { id: string; fault: DeviceFault; startedAt: number }[] = [];
    let disconnect = false;
    for (const f of running) {
      const r = f.request;
      if (r.kind === 'disconnect') {
        disconnect = true;
      } else if (r.kind === 'reboot') {
        // Instantaneous: the fault manager puts a reboot in exactly one running list.
        if (!this.link) this.device.reboot(r.silentMs);
      } else if (isLinkFault(r)) {
        linkFaults.push({ id: f.id, fault: r });
      } else if (isDeviceFault(r)) {
        deviceFaults.push({ id: f.id, fault: r, startedAt: f.startsAt });
      }
    }
    this.injector.setFaults(linkFaults);
    this.deviceFaults.setFaults(deviceFaults);
    const wasDisconnected = this.disconnectActive;
    this.disconnectActive = disconnect;
    if (disconnect && !wasDisconnected) this.dropLink();
  }

  /** Throws while a "disconnect" fault keeps the endpoint away; every open (reconnect, probe) checks it. */
  private faultGate(): void {
    if (this.disconnectActive) throw new Error(`${this.link?.description ?? 'simulated device'} is unreachable (disconnect fault injected)`);
  }

  /** "Disconnect now": a real link loses its connection as if unplugged; the simulator vanishes the same way. */
  private dropLink(): void {
    const err = new Error('disconnected by fault injection');
    if (this.breakerHolding) return; // already off the line; the gate keeps probes failing
    if (this.link) {
      this.link.drop?.(err);
      return;
    }
    if (this.status.link !== 'connected') return;
    this.device.setMeasuring(false);
    void this.device.close();
    this.simReconnect.lost(err.message);
  }

  private async breakerOpened(reason: string, kind: 'open' | 'isolated'): Promise<void> {
    if (this.closed) return;
    const t = Date.now();
    if (!this.breakerHolding) {
      const active = this.status.link !== 'disconnected';
      this.resume = this.status.state === 'measuring' ? 'measuring' : active ? 'connected' : 'none';
      this.breakerHolding = true;
      this.probes = 0;
    }
    this.recorder?.record({ t, kind: 'breaker', data: { to: kind, reason } });
    this.simReconnect.cancel();
    this.probeOpened = false;
    // SafeState: stop reading and writing; a failing port is not hammered with reopen attempts.
    this.device.setMeasuring(false);
    await this.activeLink()
      .close()
      .catch((err: unknown) => this.log.warn({ err }, 'closing the link for SafeState failed'));
    if (!this.breakerHolding) return; // reset while closing
    const st = this.breaker.status();
    const probing = kind === 'open' && this.resume !== 'none';
    const why = kind === 'open' ? `Circuit breaker open (${reason.replace(/^Open: /, '')}): SafeState, data stale, no commands` : 'Circuit breaker isolated by operator: SafeState until Reset';
    this.status = { ...this.status, state: 'safe', link: probing ? 'reconnecting' : 'disconnected', reason: why, since: t };
    if (probing && st.nextProbeAt !== undefined) this.status.reconnect = { attempt: this.probes + 1, nextAt: st.nextProbeAt };
    else delete this.status.reconnect;
    this.log.warn({ breaker: kind, reason }, 'SafeState');
    this.hub.emit('device', this.status);
    this.breaker.setMeasuring(false);
    this.syncSession();
    this.tickAlarms();
  }

  private breakerHalfOpen(): void {
    this.probes++;
    this.recorder?.record({ t: Date.now(), kind: 'breaker', data: { to: 'half-open' } });
    const what = this.link?.description ?? 'the simulated device';
    this.status = { ...this.status, link: 'connecting', reason: `Circuit breaker half-open: probing ${what} (probe ${this.probes})`, since: Date.now() };
    delete this.status.reconnect;
    this.hub.emit('device', this.status);
  }

  /** The half-open test: reopen the link (through the fault gate) and, if it was measuring, let data flow. */
  private async probeReopen(): Promise<void> {
    if (this.resume === 'none') throw new Error('the operator closed the link');
    this.faultGate();
    if (this.link) {
      await this.link.open();
    } else {
      await this.device.open();
      this.device.setMeasuring(this.resume === 'measuring');
    }
    this.probeOpened = true;
  }

  private async breakerClosed(reason: string): Promise<void> {
    if (this.closed) return;
    const t = Date.now();
    this.recorder?.record({ t, kind: 'breaker', data: { to: 'closed', reason } });
    const resume = this.resume;
    this.resume = 'none';
    this.breakerHolding = false;
    const link = this.activeLink();
    if (resume === 'none') {
      const opened = this.probeOpened;
      this.probeOpened = false;
      this.status = { ...this.status, link: 'disconnected', state: 'idle', reason: `Circuit breaker closed (${reason}); the link stays closed`, since: t };
      delete this.status.reconnect;
      this.hub.emit('device', this.status);
      this.syncBreaker();
      // Closed after the status goes out: a Disconnect or source change that reset the breaker
      // sends its own status next, and that one must be the last word.
      if (opened) await link.close().catch(() => undefined);
      return;
    }
    if (!this.probeOpened) {
      try {
        this.faultGate();
        await link.open();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.status = { ...this.status, link: 'disconnected', state: 'idle', reason: message, since: t };
        delete this.status.reconnect;
        this.hub.emit('device', this.status);
        return;
      }
    }
    this.probeOpened = false;
    const measuring = resume === 'measuring';
    const what = this.link?.description ?? 'the simulated device';
    const why = reason.replace(/^Closed: /, '');
    this.status = { ...this.status, link: 'connected', state: measuring ? 'measuring' : 'idle', reason: `Reconnected to ${what}: circuit breaker closed (${why})`, since: Date.now() };
    delete this.status.reconnect;
    this.device.setMeasuring(!this.link && measuring);
    this.log.info({ reason }, 'breaker closed, resuming');
    this.hub.emit('device', this.status);
    this.syncSession();
    this.syncBreaker();
    this.tickAlarms();
  }

  /** Device commands while the breaker holds the link: nothing reopens it behind the breaker's back. */
  private async commandWhileHeld(command: DeviceCommand): Promise<ApiResult<DeviceStatus>> {
    const why = `the circuit breaker is ${this.breaker.current} (${this.breaker.status().reason})`;
    switch (command) {
      case 'connect':
      case 'start':
        return fail('invalid-state', `Cannot ${command}: ${why}. Reset the breaker to resume now, or wait for its probe.`);
      case 'safe':
        return ok(this.status);
      case 'stop':
        if (this.resume === 'measuring') this.resume = 'connected';
        this.recorder?.record({ t: Date.now(), kind: 'operator', data: { command, state: this.status.state } });
        return ok(this.status);
      case 'disconnect':
      case 'reset': {
        // The operator gives the link up: the breaker closes with nothing to resume.
        this.resume = 'none';
        this.faults.clear(`the operator chose ${command}`);
        this.breaker.reset();
        await this.pipeline.idle().catch(() => undefined);
        this.status = { ...this.status, link: 'disconnected', state: 'idle', reason: command === 'reset' ? 'Reset by operator' : 'Disconnected by operator', since: Date.now() };
        delete this.status.reconnect;
        if (command === 'reset') this.resetCounting();
        this.recorder?.record({ t: Date.now(), kind: 'operator', data: { command, state: this.status.state } });
        this.hub.emit('device', this.status);
        return ok(this.status);
      }
    }
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
    // Alarm journal entries are recorded next to the samples of the session they happened in.
    this.alarms.journal.addSink({
      append: (entries) => {
        for (const e of entries) this.recorder?.record({ t: e.t, kind: 'alarm', data: e });
      },
    });
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
        channels: this.channelInfos().map((c) => ({ index: c.index, name: c.name, unit: c.unit })),
      });
    } else if (!measuring && rec.sessionOpen && !this.endingSession) {
      // Batches still in the pool belong to this session: it ends right after the last of them is
      // released, before any batch of a Start that follows at once (which then begins a new session).
      this.endingSession = true;
      const endedAt = Date.now();
      this.pipeline.afterReleased(() => {
        this.endingSession = false;
        rec.endSession(endedAt);
        this.syncSession();
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
      format: formatFor(device),
      onChannels: () => this.emitChannels(),
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

  /** The link slows down while the queue or the recorder is behind. */
  private applyThrottle(): void {
    const active = this.queueBehind || this.recorderBehind;
    if (active === this.status.throttled) return;
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
      if (JSON.stringify(format) !== JSON.stringify(formatFor(prev.device))) {
        this.pipeline.setFormat(format, next.device.channels);
        const f = this.framing();
        this.injector.setDelimiter(f.delimiter, f.binary);
      }
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
    if (JSON.stringify(prev.alarms.rules) !== JSON.stringify(next.alarms.rules) || prev.device.channels !== next.device.channels) {
      this.alarms.configure(next.alarms.rules, next.device.channels, Date.now());
      this.updateFullResolution();
      this.emitAlarms();
    }
    if (JSON.stringify(prev.resilience) !== JSON.stringify(next.resilience)) this.breaker.configure(next.resilience.breaker);
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
    this.pool = new WorkerPool({
      workerFile: this.opts.workerFile,
      threads: this.config.pipeline.workers,
      execArgv: this.opts.workerExecArgv,
      onError: (err) => this.log.warn({ err }, 'worker pool error'),
    });
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
    const changed = this.lastChannelsJson !== '';
    this.lastChannelsJson = json;
    this.hub.emit('channels', infos);
    // A session has one channel layout: a new layout (settings, CSV header, names first seen) starts a new session.
    if (changed && this.recorder?.sessionOpen) {
      this.recorder.endSession(Date.now());
      this.syncSession();
    }
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
    const stats: QueueStats = this.pipeline.queueStats();
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
      queue: this.pipeline.queueStats(),
      pool: {
        threads: this.pool.threads,
        utilization: this.pool.sampleUtilization(),
        ...this.pool.stats(),
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
