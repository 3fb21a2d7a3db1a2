import type { Alarm, JournalEntry } from '../alarms/alarm.js';
import type { AppConfig } from '../config/app-config.js';
import type { ChannelInfo, DeviceStatus } from '../domain/device.js';
import type { ChannelStats, Metrics, QueueStats } from '../domain/metrics.js';
import type { ExportProgress, RecordingStatus } from '../domain/recording.js';
import type { ViewCommand } from '../ui/menu.js';
import type { SampleBatch } from './samples.js';

/** Every event stream of the contract, by name. All but `samples` are change-driven and low rate. */
export interface TelemetryEvents {
  /** Coalesced, decimated samples at ≤ publishHz. */
  samples: SampleBatch;
  device: DeviceStatus;
  channels: ChannelInfo[];
  queue: QueueStats;
  /** Once a second. */
  metrics: Metrics;
  stats: ChannelStats[];
  config: AppConfig;
  /** A native-menu view command forwarded to the renderer (Electron only). */
  menu: ViewCommand;
  /** Every alarm not in Normal (shelved and suppressed too), sorted; sent when any changes. Never dropped. */
  alarms: Alarm[];
  /** Journal entries appended since the previous event, oldest first. */
  alarmJournal: JournalEntry[];
  /** Recording on/off, session, rows written, lag, drops, last error (change-driven). */
  recording: RecordingStatus;
  /** Progress of a running export (≤ 10 a second) and its final state. */
  exportProgress: ExportProgress;
}
export type EventName = keyof TelemetryEvents;
export const EVENT_NAMES = [
  'samples',
  'device',
  'channels',
  'queue',
  'metrics',
  'stats',
  'config',
  'menu',
  'alarms',
  'alarmJournal',
  'recording',
  'exportProgress',
] as const satisfies readonly EventName[];

export type Listener<E extends EventName> = (payload: TelemetryEvents[E]) => void;
export type Unsubscribe = () => void;
