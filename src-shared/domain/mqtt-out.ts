// MQTT out: this station publishes its decoded samples (batched per channel group), alarm
// changes and breaker state to a broker, under one topic tree per station:
//   <root>/<station>/status            "online" / "offline" (retained, last will)
//   <root>/<station>/samples/<group>   samples of one channel group every intervalMs
//   <root>/<station>/alarms/events     each alarm journal entry
//   <root>/<station>/alarms/active     the active alarm list (retained: last state)
//   <root>/<station>/breaker           breaker state (retained: last state)
import { z } from 'zod';
import { MqttConnectionSchema, MqttQosSchema } from './link-mqtt.js';

const TopicLevelSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((s) => !/[+#/]/.test(s) && !s.startsWith('$'), 'one topic level: no "/", "+", "#", and not starting with "$"');

export const MQTT_OUT_PAYLOADS = ['json', 'binary'] as const;

export const MqttOutSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  connection: MqttConnectionSchema.prefault({ url: 'mqtt://localhost:1883' }),
  /** First level of every topic (one tree for the site). */
  root: TopicLevelSchema.default('telemetryhub'),
  /** This station's level: one topic tree per station. */
  station: TopicLevelSchema.default('station-1'),
  /** Samples are batched per group and published this often. */
  intervalMs: z.number().int().min(10).max(60_000).default(100),
  /** Channels per sample message (group g0 = channels 1…n, g1 = the next n…). */
  groupSize: z.number().int().min(1).max(32).default(8),
  payload: z.enum(MQTT_OUT_PAYLOADS).default('json'),
  qos: MqttQosSchema.default(1),
  /** Alarm list and breaker state retained, so a new subscriber gets the last state at once. */
  retainState: z.boolean().default(true),
  /** Messages held while the broker is away; beyond it the oldest are dropped (counted). */
  bufferMessages: z.number().int().min(10).max(1_000_000).default(10_000),
});
export type MqttOutSettings = z.infer<typeof MqttOutSettingsSchema>;
export type MqttOutSettingsInput = z.input<typeof MqttOutSettingsSchema>;

export interface MqttOutStatus {
  enabled: boolean;
  connected: boolean;
  /** Broker and topic tree, e.g. `mqtt://broker:1883 telemetryhub/station-1`. */
  target: string;
  /** Messages waiting for the broker now. */
  queued: number;
  published: number;
  /** Dropped because the buffer was full during an outage (oldest first). */
  dropped: number;
  lastError: string | null;
}

export function stationTopic(s: Pick<MqttOutSettings, 'root' | 'station'>, ...rest: string[]): string {
  return [s.root, s.station, ...rest].join('/');
}

/**
 * The binary sample payload ("compact"): little-endian
 * `u32 magic 0x31425448 ("THB1") | u32 seq | u16 frames | u16 channels | f64 time × frames | f64 value × frames × channels (row-major)`.
 */
export const BINARY_SAMPLES_MAGIC = 0x31425448;

/** The JSON sample payload: sample times (epoch ms) and each channel's values, same length. */
export interface JsonSamples {
  seq: number;
  t: number[];
  channels: Record<string, (number | null)[]>;
}
