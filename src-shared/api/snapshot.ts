// What a freshly connected UI loads first: the union of the engine services' snapshots.
import type { Alarm, JournalEntry } from '../alarms/alarm.js';
import type { AppConfig } from '../config/app-config.js';
import type { ChannelInfo, DeviceStatus } from '../domain/device.js';
import type { IntegrityReport } from '../domain/integrity.js';
import type { ChannelStats, Metrics, QueueStats } from '../domain/metrics.js';
import type { BreakerStatus } from '../domain/breaker.js';
import type { ActiveFault, FaultJournalEntry } from '../domain/faults.js';

/** Every field is also an event of the same name, so a bridge can replay a snapshot as events. */
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

export type SnapshotKey = keyof Snapshot;

const KEYS = {
  config: true,
  device: true,
  channels: true,
  queue: true,
  metrics: true,
  stats: true,
  alarms: true,
  alarmJournal: true,
  integrity: true,
  breaker: true,
  faults: true,
  faultJournal: true,
} as const satisfies Record<SnapshotKey, true>;

/** Every snapshot field, complete by construction (a missing key does not compile). */
export const SNAPSHOT_KEYS = Object.keys(KEYS) as SnapshotKey[];
