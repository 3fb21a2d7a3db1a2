// The contract's requests as data: one row per request (input schema, answer type, role needed).
// TelemetryApi, dispatch, the preload proxy, the WebSocket client proxy and the test fake derive from it,
// so a new request is one row here plus one handler in the engine service that owns it.
import { z } from 'zod';
import { AlarmActionSchema } from '../alarms/actions.js';
import type { Alarm } from '../alarms/alarm.js';
import { ConfigPatchSchema, type AppConfig } from '../config/app-config.js';
import { DeviceCommandSchema, DeviceSettingsSchema, type DeviceStatus } from '../domain/device.js';
import { SendToDeviceSchema, type PortInfo } from '../domain/link.js';
import {
  AnnotationSchema,
  ExportIdSchema,
  ExportRequestSchema,
  HistoryQuerySchema,
  RenameSessionSchema,
  SessionIdSchema,
  type Annotation,
  type ExportIdInput,
  type ExportStarted,
  type HistorySeries,
  type RecordingStatus,
  type SessionIdInput,
  type SessionInfo,
} from '../domain/recording.js';
import { BreakerActionSchema, type BreakerStatus } from '../domain/breaker.js';
import { FaultRequestSchema, StopFaultSchema, type ActiveFault } from '../domain/faults.js';
import { ReplayControlSchema, type ReplayStatus } from '../domain/replay.js';
import { CsvPreviewRequestSchema, type CsvPreview } from '../domain/csv-preview.js';
import { ScriptTrySchema, type ScriptTryResult } from '../domain/script-try.js';
import type { Snapshot } from './snapshot.js';

/** `observe` only reads; `operate` changes the device, the configuration or stored data. */
export type RequestRole = 'observe' | 'operate';

export interface RequestSpec<S extends z.ZodType, Out> {
  input: S;
  role: RequestRole;
  /** Type-only: what the request answers with (never read at run time). */
  readonly output?: Out;
}

const req = <Out>() => <S extends z.ZodType>(input: S, role: RequestRole): RequestSpec<S, Out> => ({ input, role });
const none = z.undefined();

export const REQUESTS = {
  /** Everything a freshly connected UI needs to draw its first frame. */
  getSnapshot: req<Snapshot>()(none, 'observe'),
  /** Merges the patch into the configuration; an invalid result is rejected whole. */
  updateConfig: req<AppConfig>()(ConfigPatchSchema, 'operate'),
  /** Applies device settings live (the device keeps its state) and persists them. */
  configureDevice: req<DeviceStatus>()(DeviceSettingsSchema, 'operate'),
  deviceCommand: req<DeviceStatus>()(DeviceCommandSchema, 'operate'),
  /** Acknowledge, shelve, suppress… an alarm as the OS user running the engine; answers the alarm list. */
  alarmAction: req<Alarm[]>()(AlarmActionSchema, 'operate'),
  getRecordingStatus: req<RecordingStatus>()(none, 'observe'),
  /** Newest first; the one being recorded has `recording: true`. */
  listSessions: req<SessionInfo[]>()(none, 'observe'),
  renameSession: req<SessionInfo>()(RenameSessionSchema, 'operate'),
  /** Irreversible: the UI asks for confirmation first. */
  deleteSession: req<SessionIdInput>()(SessionIdSchema, 'operate'),
  /** Min/max per time bucket over [fromMs, toMs] (default: the whole session), computed in the database. */
  historyQuery: req<HistorySeries>()(HistoryQuerySchema, 'observe'),
  /** Starts a background export; follow it with the `exportProgress` event. */
  // Exports write files on the engine's disk (capped by the host): an operator's, not a viewer's.
  startExport: req<ExportStarted>()(ExportRequestSchema, 'operate'),
  cancelExport: req<ExportIdInput>()(ExportIdSchema, 'operate'),
  /** Puts a note on the time axis of the session being recorded (a session event, exported with the events sidecar). */
  addAnnotation: req<Annotation>()(AnnotationSchema, 'operate'),
  /** Retries recording after an error (disk full, unwritable folder) once the operator fixed it. */
  resumeRecording: req<RecordingStatus>()(none, 'operate'),
  /** Serial ports present now (path, manufacturer, VID:PID, serial number). */
  listPorts: req<PortInfo[]>()(none, 'observe'),
  /** Writes text or hex bytes (+ line ending) to the connected link; answers with the bytes sent. */
  sendToDevice: req<{ bytes: number }>()(SendToDeviceSchema, 'operate'),
  /** Isolate (hold the breaker open: SafeState) or Reset (close it and resume). */
  breakerAction: req<BreakerStatus>()(BreakerActionSchema, 'operate'),
  /** Schedules a fault on the live link or the simulated device; refused while disconnected. */
  injectFault: req<ActiveFault>()(FaultRequestSchema, 'operate'),
  /** Stops one fault (or all); answers the faults still active. */
  stopFault: req<ActiveFault[]>()(StopFaultSchema, 'operate'),
  /** Pause, resume, seek, speed or loop of the running replay; answers its status. */
  replayControl: req<ReplayStatus>()(ReplayControlSchema, 'operate'),
  /** The first rows of a CSV file on the engine's disk parsed with a replay mapping (header, values, bad rows by line).
   *  'operate': it reads a local file, which a read-only viewer (possibly from the network) may never do. */
  previewCsv: req<CsvPreview>()(CsvPreviewRequestSchema, 'operate'),
  /** Compiles a parser script (syntax errors at their line) and decodes a pasted sample with it, in the pool's
   *  sandbox; nothing is applied. 'operate': it runs operator code on the engine's machine (sandboxed). */
  tryParserScript: req<ScriptTryResult>()(ScriptTrySchema, 'operate'),
  /** The desktop window's saved workspaces, theme and recent projects (text the renderer validates); null before the first save.
   *  'operate': it names the operator's project files, which a read-only viewer has no need to see. */
  loadWorkbench: req<{ text: string | null }>()(none, 'operate'),
  /** Replaces that file in the data folder (atomically). */
  saveWorkbench: req<{ bytes: number }>()(z.object({ text: z.string().max(2_000_000, 'the workbench file is at most 2 MB') }).strict(), 'operate'),
} as const;

export type Requests = typeof REQUESTS;
export type RequestName = keyof Requests;
/** What a caller may send (defaults not yet filled in). */
export type RequestInput<K extends RequestName> = z.input<Requests[K]['input']>;
/** What a handler receives: the validated, defaulted value. */
export type RequestValue<K extends RequestName> = z.output<Requests[K]['input']>;
export type RequestOutput<K extends RequestName> = NonNullable<Requests[K]['output']>;

export const REQUEST_NAMES = Object.keys(REQUESTS) as RequestName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(REQUESTS, name);
}
