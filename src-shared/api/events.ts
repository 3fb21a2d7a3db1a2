import type { AppConfig } from '../config/app-config.js';
import type { ChannelInfo, DeviceStatus } from '../domain/device.js';
import type { ConsoleBatch, PortInfo } from '../domain/link.js';
import type { IntegrityReport } from '../domain/integrity.js';
import type { ChannelStats, Metrics, QueueStats } from '../domain/metrics.js';
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
  /** Raw bytes received from / sent to the link, coalesced to ≤ 30 messages a second. */
  console: ConsoleBatch;
  /** Serial ports present, whenever discovery sees a change. */
  ports: PortInfo[];
  /** Per-link data-integrity counters and rates; change-driven, ≤ 4 Hz. */
  integrity: IntegrityReport;
}
export type EventName = keyof TelemetryEvents;
export const EVENT_NAMES = ['samples', 'device', 'channels', 'queue', 'metrics', 'stats', 'config', 'menu', 'console', 'ports', 'integrity'] as const satisfies readonly EventName[];

export type Listener<E extends EventName> = (payload: TelemetryEvents[E]) => void;
export type Unsubscribe = () => void;
