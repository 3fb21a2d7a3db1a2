// The one contract between the engine and any UI. The Electron preload, the
// WebSocket client and the engine's own implementation all satisfy TelemetryApi.
import { z } from 'zod';
import { AlarmActionSchema, type AlarmAction } from '../alarms/actions.js';
import type { Alarm, JournalEntry } from '../alarms/alarm.js';
import { AppConfigSchema, ConfigPatchSchema, type AppConfig, type ConfigPatch } from '../config/app-config.js';
import {
  DeviceCommandSchema,
  DeviceSettingsSchema,
  type ChannelInfo,
  type DeviceCommand,
  type DeviceSettingsInput,
  type DeviceStatus,
} from '../domain/device.js';
import { SendToDeviceSchema, type PortInfo, type SendToDeviceInput } from '../domain/link.js';
import type { IntegrityReport } from '../domain/integrity.js';
import type { ChannelStats, Metrics, QueueStats } from '../domain/metrics.js';
import { fail, parseWith, type ApiResult } from '../domain/result.js';
import {
  ExportIdSchema,
  ExportRequestSchema,
  HistoryQuerySchema,
  RenameSessionSchema,
  SessionIdSchema,
  type ExportIdInput,
  type ExportRequestInput,
  type ExportStarted,
  type HistoryQueryInput,
  type HistorySeries,
  type RecordingStatus,
  type RenameSessionInput,
  type SessionIdInput,
  type SessionInfo,
} from '../domain/recording.js';
import { BreakerActionSchema, type BreakerAction, type BreakerStatus } from '../domain/breaker.js';
import { FaultRequestSchema, StopFaultSchema, type ActiveFault, type FaultJournalEntry, type FaultRequestInput, type StopFaultInput } from '../domain/faults.js';
import type { EventName, Listener, Unsubscribe } from './events.js';

/** Everything a freshly connected UI needs to draw its first frame. */
export interface Snapshot {
  config: AppConfig;
  device: DeviceStatus;
  channels: ChannelInfo[];
  queue: QueueStats;
  metrics: Metrics;
  stats: ChannelStats[];
  /** Alarms not in Normal, sorted for the panel. */
  alarms: Alarm[];
  /** The newest journal entries, oldest first. */
  alarmJournal: JournalEntry[];
  integrity: IntegrityReport;
  breaker: BreakerStatus;
  /** Faults scheduled or active now. */
  faults: ActiveFault[];
  /** The newest fault journal entries, oldest first. */
  faultJournal: FaultJournalEntry[];
}

export interface TelemetryApi {
  getSnapshot(): Promise<ApiResult<Snapshot>>;
  /** Merges the patch into the configuration; an invalid result is rejected whole. */
  updateConfig(patch: ConfigPatch): Promise<ApiResult<AppConfig>>;
  /** Applies device settings live (the device keeps its state) and persists them. */
  configureDevice(settings: DeviceSettingsInput): Promise<ApiResult<DeviceStatus>>;
  deviceCommand(command: DeviceCommand): Promise<ApiResult<DeviceStatus>>;
  /** Acknowledge, shelve, suppress… an alarm as the OS user running the engine; answers the alarm list. Rules live in config (`updateConfig({ alarms })`). */
  alarmAction(action: AlarmAction): Promise<ApiResult<Alarm[]>>;
  // ---- recording, history, export --------------------------------------
  getRecordingStatus(): Promise<ApiResult<RecordingStatus>>;
  /** Newest first; the one being recorded has `recording: true`. */
  listSessions(): Promise<ApiResult<SessionInfo[]>>;
  renameSession(input: RenameSessionInput): Promise<ApiResult<SessionInfo>>;
  /** Irreversible: the UI asks for confirmation first. */
  deleteSession(input: SessionIdInput): Promise<ApiResult<SessionIdInput>>;
  /** Min/max per time bucket over [fromMs, toMs] (default: the whole session), computed in the database. */
  historyQuery(input: HistoryQueryInput): Promise<ApiResult<HistorySeries>>;
  /** Starts a background export; follow it with the `exportProgress` event. */
  startExport(input: ExportRequestInput): Promise<ApiResult<ExportStarted>>;
  cancelExport(input: ExportIdInput): Promise<ApiResult<ExportIdInput>>;
  /** Retries recording after an error (disk full, unwritable folder) once the operator fixed it. */
  resumeRecording(): Promise<ApiResult<RecordingStatus>>;
  /** Serial ports present now (path, manufacturer, VID:PID, serial number). */
  listPorts(): Promise<ApiResult<PortInfo[]>>;
  /** Writes text or hex bytes (+ line ending) to the connected link; answers with the bytes sent. */
  sendToDevice(request: SendToDeviceInput): Promise<ApiResult<{ bytes: number }>>;
  // ---- resilience ---------------------------------------------------------
  /** Isolate (hold the breaker open: SafeState) or Reset (close it and resume). */
  breakerAction(action: BreakerAction): Promise<ApiResult<BreakerStatus>>;
  /** Schedules a fault on the live link or the simulated device; refused while disconnected. */
  injectFault(request: FaultRequestInput): Promise<ApiResult<ActiveFault>>;
  /** Stops one fault (or all); answers the faults still active. */
  stopFault(request: StopFaultInput): Promise<ApiResult<ActiveFault[]>>;
  on<E extends EventName>(event: E, listener: Listener<E>): Unsubscribe;
}

export type RequestName = Exclude<keyof TelemetryApi, 'on'>;

/** Input schema of every request: each bridge validates with these before the engine sees a payload. */
export const REQUEST_SCHEMAS = {
  getSnapshot: z.undefined(),
  updateConfig: ConfigPatchSchema,
  configureDevice: DeviceSettingsSchema,
  deviceCommand: DeviceCommandSchema,
  alarmAction: AlarmActionSchema,
  getRecordingStatus: z.undefined(),
  listSessions: z.undefined(),
  renameSession: RenameSessionSchema,
  deleteSession: SessionIdSchema,
  historyQuery: HistoryQuerySchema,
  startExport: ExportRequestSchema,
  cancelExport: ExportIdSchema,
  resumeRecording: z.undefined(),
  listPorts: z.undefined(),
  sendToDevice: SendToDeviceSchema,
  breakerAction: BreakerActionSchema,
  injectFault: FaultRequestSchema,
  stopFault: StopFaultSchema,
} as const satisfies Record<RequestName, z.ZodType>;

export const REQUEST_NAMES = Object.keys(REQUEST_SCHEMAS) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(REQUEST_SCHEMAS, name);
}

/**
 * Validates an untrusted request (name + payload) and calls the implementation.
 * Never throws: a bad name, a bad payload or a throwing handler all become an ApiResult error.
 */
export async function dispatchRequest(impl: TelemetryApi, name: unknown, payload: unknown): Promise<ApiResult<unknown>> {
  if (!isRequestName(name)) return fail('not-found', `unknown request ${JSON.stringify(name)}`);
  const parsed = parseWith(REQUEST_SCHEMAS[name], payload);
  if (!parsed.ok) return parsed;
  try {
    switch (name) {
      case 'getSnapshot':
        return await impl.getSnapshot();
      case 'updateConfig':
        return await impl.updateConfig(parsed.value as ConfigPatch);
      case 'configureDevice':
        return await impl.configureDevice(parsed.value as DeviceSettingsInput);
      case 'deviceCommand':
        return await impl.deviceCommand(parsed.value as DeviceCommand);
      case 'alarmAction':
        return await impl.alarmAction(parsed.value as AlarmAction);
      case 'getRecordingStatus':
        return await impl.getRecordingStatus();
      case 'listSessions':
        return await impl.listSessions();
      case 'renameSession':
        return await impl.renameSession(parsed.value as RenameSessionInput);
      case 'deleteSession':
        return await impl.deleteSession(parsed.value as SessionIdInput);
      case 'historyQuery':
        return await impl.historyQuery(parsed.value as HistoryQueryInput);
      case 'startExport':
        return await impl.startExport(parsed.value as ExportRequestInput);
      case 'cancelExport':
        return await impl.cancelExport(parsed.value as ExportIdInput);
      case 'resumeRecording':
        return await impl.resumeRecording();
      case 'listPorts':
        return await impl.listPorts();
      case 'sendToDevice':
        return await impl.sendToDevice(parsed.value as SendToDeviceInput);
      case 'breakerAction':
        return await impl.breakerAction(parsed.value as BreakerAction);
      case 'injectFault':
        return await impl.injectFault(parsed.value as FaultRequestInput);
      case 'stopFault':
        return await impl.stopFault(parsed.value as StopFaultInput);
    }
  } catch (err) {
    return fail('internal', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export { AppConfigSchema };
