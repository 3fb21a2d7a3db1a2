// A TelemetryApi double for shell/bridge tests: records every request it receives
// and lets the test emit events as the engine would.
import type { CsvPreview, CsvPreviewRequestInput } from '@shared/domain/csv-preview.js';
import { ReplayControlSchema, type ReplayControlInput, type ReplayStatus } from '@shared/domain/replay.js';
import { ScriptTrySchema, type ScriptTryInput, type ScriptTryResult } from '@shared/domain/script-try.js';
import { tryParserScript } from '../../src-main/engine/protocol/script/script-try.js';
import { REQUEST_NAMES, requestProxy, type RequestName, type Snapshot, type TelemetryApi } from '@shared/api/contract.js';
import type { AlarmAction } from '@shared/alarms/actions.js';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import { EventHub } from '@shared/api/event-hub.js';
import type { TelemetryShell } from '@shared/api/shell.js';
import type { ViewCommand } from '@shared/ui/menu.js';
import type { EventName, Listener, TelemetryEvents, Unsubscribe } from '@shared/api/events.js';
import type { SampleBatch } from '@shared/api/samples.js';
import { defaultConfig, type AppConfig, type ConfigPatch } from '@shared/config/app-config.js';
import { channelInfos, type DeviceCommand, type DeviceSettingsInput, type DeviceStatus } from '@shared/domain/device.js';
import { emptyIntegrityReport } from '@shared/domain/integrity.js';
import type { PortInfo, SendToDeviceInput } from '@shared/domain/link.js';
import { emptyMetrics, type Metrics } from '@shared/domain/metrics.js';
import { fail, ok, parseWith, type ApiResult } from '@shared/domain/result.js';
import { initialBreakerStatus, type BreakerAction, type BreakerStatus } from '@shared/domain/breaker.js';
import {
  FaultRequestSchema,
  faultParams,
  faultScope,
  type ActiveFault,
  type FaultJournalEntry,
  type FaultRequestInput,
  type StopFaultInput,
} from '@shared/domain/faults.js';
import {
  AnnotationSchema,
  emptyRecordingStatus,
  type Annotation,
  type AnnotationInput,
  type ExportIdInput,
  type ExportRequestInput,
  type ExportStarted,
  type HistoryQueryInput,
  type HistorySeries,
  type RecordingStatus,
  type RenameSessionInput,
  type SessionIdInput,
  type SessionInfo,
} from '@shared/domain/recording.js';

export const idleStatus: DeviceStatus = { source: 'simulated', link: 'connected', state: 'idle', reason: 'test', since: 0, throttled: false };

export function fakeMetrics(): Metrics {
  const m = emptyMetrics({ capacity: 10 });
  return { ...m, t: 0, pool: { ...m.pool, threads: 1 } };
}

export function sampleBatch(seq: number, points = 4, channels = 2): SampleBatch {
  const t = Float64Array.from({ length: points }, (_, i) => 1_700_000_000_000 + i);
  const y = Float64Array.from({ length: points * channels }, (_, i) => i * 0.5 + seq);
  return { seq, channels, t, y, reset: seq === 0 };
}

export class FakeApi implements TelemetryApi {
  readonly calls: { method: RequestName; input: unknown }[] = [];
  status: DeviceStatus = { ...idleStatus };
  config: AppConfig = defaultConfig();
  alarms: Alarm[] = [];
  alarmJournal: JournalEntry[] = [];
  /** When set, requests never answer (to exercise timeouts). */
  hang = false;
  private readonly hub = new EventHub((_event, err) => {
    throw err;
  });

  private record<T>(method: RequestName, input: unknown, value: () => T): Promise<ApiResult<T>> {
    this.calls.push({ method, input });
    if (this.hang) return new Promise(() => undefined);
    return Promise.resolve(ok(value()));
  }

  getSnapshot(): Promise<ApiResult<Snapshot>> {
    return this.record('getSnapshot', undefined, () => ({
      config: this.config,
      device: this.status,
      channels: channelInfos(this.config.device),
      queue: fakeMetrics().queue,
      metrics: fakeMetrics(),
      stats: [],
      alarms: this.alarms,
      alarmJournal: this.alarmJournal,
      integrity: emptyIntegrityReport(),
      breaker: this.breaker,
      faults: this.faults,
      faultJournal: this.faultJournal,
      replay: this.replay,
      mqttOut: null,
    }));
  }

  alarmAction(action: AlarmAction): Promise<ApiResult<Alarm[]>> {
    return this.record('alarmAction', action, () => this.alarms);
  }

  updateConfig(patch: ConfigPatch): Promise<ApiResult<AppConfig>> {
    return this.record('updateConfig', patch, () => this.config);
  }

  configureDevice(settings: DeviceSettingsInput): Promise<ApiResult<DeviceStatus>> {
    return this.record('configureDevice', settings, () => this.status);
  }

  deviceCommand(command: DeviceCommand): Promise<ApiResult<DeviceStatus>> {
    return this.record('deviceCommand', command, () => {
      if (command === 'start') this.status = { ...this.status, state: 'measuring' };
      if (command === 'stop') this.status = { ...this.status, state: 'idle' };
      return this.status;
    });
  }

  sessions: SessionInfo[] = [];
  recording: RecordingStatus = emptyRecordingStatus();

  getRecordingStatus(): Promise<ApiResult<RecordingStatus>> {
    return this.record('getRecordingStatus', undefined, () => this.recording);
  }

  listSessions(): Promise<ApiResult<SessionInfo[]>> {
    return this.record('listSessions', undefined, () => this.sessions);
  }

  renameSession(input: RenameSessionInput): Promise<ApiResult<SessionInfo>> {
    this.calls.push({ method: 'renameSession', input });
    const s = this.sessions.find((x) => x.id === input.sessionId);
    if (!s) return Promise.resolve(fail('not-found', `session ${input.sessionId} does not exist`));
    s.name = input.name;
    return Promise.resolve(ok(s));
  }

  deleteSession(input: SessionIdInput): Promise<ApiResult<SessionIdInput>> {
    return this.record('deleteSession', input, () => {
      this.sessions = this.sessions.filter((x) => x.id !== input.sessionId);
      return input;
    });
  }

  historyQuery(input: HistoryQueryInput): Promise<ApiResult<HistorySeries>> {
    return this.record('historyQuery', input, () => ({ sessionId: input.sessionId, fromMs: input.fromMs ?? 0, toMs: input.toMs ?? 0, channels: 0, t: [], y: [], frames: 0 }));
  }

  startExport(input: ExportRequestInput): Promise<ApiResult<ExportStarted>> {
    return this.record('startExport', input, () => ({ exportId: 'fake-export', fileName: 'fake.csv' }));
  }

  cancelExport(input: ExportIdInput): Promise<ApiResult<ExportIdInput>> {
    return this.record('cancelExport', input, () => input);
  }

  resumeRecording(): Promise<ApiResult<RecordingStatus>> {
    return this.record('resumeRecording', undefined, () => this.recording);
  }

  /** Notes added, in order (the fake keeps them instead of a session). */
  annotations: Annotation[] = [];
  addAnnotation(input: AnnotationInput): Promise<ApiResult<Annotation>> {
    return this.record('addAnnotation', input, () => {
      const note = AnnotationSchema.parse(input);
      this.annotations.push(note);
      return note;
    });
  }

  ports: PortInfo[] = [];

  listPorts(): Promise<ApiResult<PortInfo[]>> {
    return this.record('listPorts', undefined, () => this.ports);
  }

  sendToDevice(request: SendToDeviceInput): Promise<ApiResult<{ bytes: number }>> {
    return this.record('sendToDevice', request, () => ({ bytes: request.data.length }));
  }

  breaker: BreakerStatus = initialBreakerStatus(0);
  faults: ActiveFault[] = [];
  faultJournal: FaultJournalEntry[] = [];
  private faultSeq = 0;

  breakerAction(action: BreakerAction): Promise<ApiResult<BreakerStatus>> {
    return this.record('breakerAction', action, () => {
      const to = action.action === 'isolate' ? 'isolated' : 'closed';
      const t = this.breaker.t + 1;
      this.breaker = {
        ...this.breaker,
        state: to,
        since: t,
        t,
        reason: action.action === 'isolate' ? 'Isolated by the operator' : 'Reset by the operator',
        stale: to !== 'closed',
        transitions: [...this.breaker.transitions, { t, from: this.breaker.state, to, reason: action.action }],
      };
      return this.breaker;
    });
  }

  /** Validates like the engine, so tests get issues that name the field. */
  injectFault(request: FaultRequestInput): Promise<ApiResult<ActiveFault>> {
    this.calls.push({ method: 'injectFault', input: request });
    if (this.hang) return new Promise(() => undefined);
    const parsed = parseWith(FaultRequestSchema, request);
    if (!parsed.ok) return Promise.resolve(parsed);
    const req = parsed.value;
    this.faultSeq += 1;
    const fault: ActiveFault = {
      id: `fault-${this.faultSeq}`,
      kind: req.kind,
      scope: faultScope(req.kind),
      request: req,
      createdAt: 0,
      startsAt: req.delayMs,
      endsAt: req.durationMs === null ? null : req.delayMs + req.durationMs,
      state: req.delayMs > 0 ? 'scheduled' : 'active',
      affected: 0,
    };
    this.faults = [...this.faults, fault];
    this.faultJournal = [...this.faultJournal, { t: 0, faultId: fault.id, kind: fault.kind, params: faultParams(req), action: 'injected', operator: 'test', message: 'injected' }];
    return Promise.resolve(ok(fault));
  }

  replay: ReplayStatus | null = null;

  replayControl(control: ReplayControlInput): Promise<ApiResult<ReplayStatus>> {
    this.calls.push({ method: 'replayControl', input: control });
    const r = this.replay;
    if (!r) return Promise.resolve(fail('invalid-state', 'No replay to control'));
    const c = ReplayControlSchema.parse(control);
    const next: ReplayStatus =
      c.action === 'pause' ? { ...r, state: 'paused' }
      : c.action === 'resume' ? { ...r, state: 'playing' }
      : c.action === 'seek' ? { ...r, positionMs: c.timeMs }
      : c.action === 'speed' ? { ...r, speed: c.speed, asFastAsPossible: c.asFastAsPossible }
      : { ...r, loop: c.loop };
    this.replay = next;
    this.hub.emit('replay', next);
    return Promise.resolve(ok(next));
  }

  stopFault(request: StopFaultInput): Promise<ApiResult<ActiveFault[]>> {
    return this.record('stopFault', request, () => {
      this.faults = 'all' in request ? [] : this.faults.filter((f) => f.id !== request.faultId);
      return this.faults;
    });
  }

  /** The saved workbench file (null until saved). */
  workbenchText: string | null = null;

  loadWorkbench(): Promise<ApiResult<{ text: string | null }>> {
    return this.record('loadWorkbench', undefined, () => ({ text: this.workbenchText }));
  }

  saveWorkbench(input: { text: string }): Promise<ApiResult<{ bytes: number }>> {
    return this.record('saveWorkbench', input, () => {
      this.workbenchText = input.text;
      return { bytes: input.text.length };
    });
  }

  /** What previewCsv answers (a test sets it); null: the file cannot be read. */
  csvPreview: CsvPreview | null = null;

  previewCsv(input: CsvPreviewRequestInput): Promise<ApiResult<CsvPreview>> {
    this.calls.push({ method: 'previewCsv', input });
    const p = this.csvPreview;
    return Promise.resolve(p ? ok(p) : fail('io', `Cannot read ${input.path}: no such file`));
  }

  /** Tries the script for real (the pool's worker-side function, in this thread's QuickJS sandbox). */
  tryParserScript(input: ScriptTryInput): Promise<ApiResult<ScriptTryResult>> {
    this.calls.push({ method: 'tryParserScript', input });
    const parsed = parseWith(ScriptTrySchema, input);
    if (!parsed.ok) return Promise.resolve(parsed);
    return tryParserScript(parsed.value).then(ok);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe {
    return this.hub.on(event, listener);
  }

  emit<E extends EventName>(event: E, payload: TelemetryEvents[E]): void {
    this.hub.emit(event, payload);
  }

  listenerCount(event: EventName): number {
    return this.hub.listenerCount(event);
  }
}

/** Requests of the contract table that answer one fixed failure (derived from the table: a renamed request fails to compile). */
export function unavailable<K extends RequestName>(names: readonly K[], message: string): Pick<TelemetryApi, K> {
  for (const n of names) if (!REQUEST_NAMES.includes(n)) throw new Error(`${n} is not a request of the contract`);
  const all = requestProxy(() => Promise.resolve(fail('invalid-state', message)));
  return Object.fromEntries(names.map((n) => [n, all[n]])) as Pick<TelemetryApi, K>;
}

/** The resilience requests of an API without a breaker or fault injector (for hand-rolled fakes). */
export function noResilienceApi(): Pick<TelemetryApi, 'breakerAction' | 'injectFault' | 'stopFault'> {
  return unavailable(['breakerAction', 'injectFault', 'stopFault'], 'fault injection is not available');
}

/** The replay request of an API without a replay (for hand-rolled fakes). */
export function noReplayApi(): Pick<TelemetryApi, 'replayControl' | 'previewCsv'> {
  return unavailable(['replayControl', 'previewCsv'], 'No replay to control');
}

/** The parser-script request of an API with no worker pool (for hand-rolled fakes). */
export function noParserScriptApi(): Pick<TelemetryApi, 'tryParserScript'> {
  return unavailable(['tryParserScript'], 'no worker pool to try the script in');
}

/** The workbench-file requests of an API that keeps no window state (for hand-rolled fakes). */
export function noWorkbenchApi(): Pick<TelemetryApi, 'loadWorkbench' | 'saveWorkbench'> {
  return {
    loadWorkbench: () => Promise.resolve(ok({ text: null })),
    saveWorkbench: () => Promise.resolve(fail('invalid-state', 'this API keeps no workbench file')),
  };
}

/** The recording requests of an API without a recorder (for hand-rolled fakes). */
export function noRecordingApi(): Pick<
  TelemetryApi,
  'getRecordingStatus' | 'listSessions' | 'renameSession' | 'deleteSession' | 'historyQuery' | 'startExport' | 'cancelExport' | 'resumeRecording' | 'addAnnotation'
> {
  const off = (): Promise<ApiResult<never>> => Promise.resolve(fail('invalid-state', 'recording is not available'));
  return {
    getRecordingStatus: () => Promise.resolve(ok(emptyRecordingStatus())),
    listSessions: () => Promise.resolve(ok([])),
    renameSession: off,
    deleteSession: off,
    historyQuery: off,
    startExport: off,
    cancelExport: off,
    resumeRecording: off,
    addAnnotation: off,
  };
}

/** The Electron shell's menu channel, as the preload exposes it: `menu(c)` is a native-menu click. */
export class FakeShell implements TelemetryShell {
  private readonly listeners = new Set<(command: ViewCommand) => void>();

  onMenu(listener: (command: ViewCommand) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  menu(command: ViewCommand): void {
    for (const l of this.listeners) l(command);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
