import type { Alarm, JournalEntry } from '../alarms/alarm.js';
import type { AppConfig } from '../config/app-config.js';
import type { ChannelInfo, DeviceStatus } from '../domain/device.js';
import type { ConsoleBatch, PortInfo } from '../domain/link.js';
import type { IntegrityReport } from '../domain/integrity.js';
import type { ChannelStats, Metrics, QueueStats } from '../domain/metrics.js';
import type { ExportProgress, RecordingStatus } from '../domain/recording.js';
import type { BreakerStatus } from '../domain/breaker.js';
import type { ActiveFault, FaultJournalEntry } from '../domain/faults.js';
import type { ReplayStatus } from '../domain/replay.js';
import type { MqttOutStatus } from '../domain/mqtt-out.js';
import type { SampleBatch } from './samples.js';
import type { Snapshot } from './snapshot.js';

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
  /** Every alarm not in Normal (shelved and suppressed too), sorted; sent when any changes. Never dropped. */
  alarms: Alarm[];
  /** Journal entries appended since the previous event, oldest first. */
  alarmJournal: JournalEntry[];
  /** Recording on/off, session, rows written, lag, drops, last error (change-driven). */
  recording: RecordingStatus;
  /** Progress of a running export (≤ 10 a second) and its final state. */
  exportProgress: ExportProgress;
  /** Raw bytes received from / sent to the link, coalesced to ≤ 30 messages a second. */
  console: ConsoleBatch;
  /** Serial ports present, whenever discovery sees a change. */
  ports: PortInfo[];
  /** Per-link data-integrity counters and rates; change-driven, ≤ 4 Hz. */
  integrity: IntegrityReport;
  /** Breaker state, timeline and counters on every transition (and ≤ 1 Hz while not closed). Never dropped. */
  breaker: BreakerStatus;
  /** Faults scheduled or active, whenever the list changes. */
  faults: ActiveFault[];
  /** Fault journal entries appended since the previous event, oldest first. */
  faultJournal: FaultJournalEntry[];
  /** The running replay's position and state (≤ 4 Hz while playing, at once on changes); null when the source is not a replay. */
  replay: ReplayStatus | null;
  /** MQTT out: connection, queue, published and dropped messages (change-driven); null when off. */
  mqttOut: MqttOutStatus | null;
  /**
   * Client side only: the bridge reconnected to a server that may have restarted and loaded its whole
   * snapshot; the UI replaces its state with it (journals included).
   */
  resync: Snapshot;
}
export type EventName = keyof TelemetryEvents;
/** One key per event: a new event in TelemetryEvents does not compile until it is listed here. */
const EVENTS = {
  samples: true,
  device: true,
  channels: true,
  queue: true,
  metrics: true,
  stats: true,
  config: true,
  alarms: true,
  alarmJournal: true,
  recording: true,
  exportProgress: true,
  console: true,
  ports: true,
  integrity: true,
  breaker: true,
  faults: true,
  faultJournal: true,
  replay: true,
  mqttOut: true,
  resync: true,
} as const satisfies Record<EventName, true>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** Events a bridge produces on the client side; a server never sends them. */
export const CLIENT_EVENTS: readonly EventName[] = ['resync'];

export type Listener<E extends EventName> = (payload: TelemetryEvents[E]) => void;
export type Unsubscribe = () => void;
