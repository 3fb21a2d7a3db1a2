import { z } from 'zod';
import { MqttOutSettingsSchema } from '../domain/mqtt-out.js';
import { DeviceSettingsSchema } from '../domain/device.js';
import { OverflowPolicySchema } from '../domain/metrics.js';
import { AlarmSettingsSchema } from '../alarms/rules.js';
import { BreakerSettingsSchema } from '../domain/breaker.js';
import { recordingFolderProblem } from './folder-path.js';

/** Bump when a field changes meaning; `migrateConfig` lifts older files. */
export const CONFIG_VERSION = 1;

export const PipelineSettingsSchema = z.object({
  queueCapacity: z.number().int().min(1).max(100_000).default(1000),
  overflowPolicy: OverflowPolicySchema.default('drop-oldest'),
  /** Worker threads; 0 means cores − 1 (at least 1). */
  workers: z.number().int().min(0).max(64).default(0),
  /** Results are coalesced and published at most this often. */
  publishHz: z.number().int().min(1).max(60).default(60),
});
export type PipelineSettings = z.infer<typeof PipelineSettingsSchema>;

export const HexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1f77b4');

export const ChartChannelSchema = z.object({
  visible: z.boolean().default(true),
  color: HexColorSchema.optional(),
});

export const ChartSettingsSchema = z.object({
  windowSec: z.number().int().min(10).max(600).default(30),
  autoScale: z.boolean().default(true),
  /** Per channel view options, by channel index. */
  channels: z.array(ChartChannelSchema).max(32).default([]),
});
export type ChartSettings = z.infer<typeof ChartSettingsSchema>;

export const RecordingSettingsSchema = z.object({
  /** Record every measuring session to the database. */
  enabled: z.boolean().default(true),
  /** Folder of the recording database; empty means the data folder. Absolute and local (no UNC, no relative path). */
  folder: z
    .string()
    .max(1000)
    .default('')
    .superRefine((folder, ctx) => {
      const problem = recordingFolderProblem(folder);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Appended rows are committed at least this often (at most this much is lost on a crash). */
  flushMs: z.number().int().min(50).max(1000).default(250),
  /** Sessions older than this many days may be deleted (0 keeps them). */
  retentionDays: z.number().int().min(0).max(3650).default(0),
  /** Oldest sessions may be deleted above this database size in MB (0: no limit). */
  retentionMaxMb: z.number().int().min(0).max(10_000_000).default(0),
});
export type RecordingSettings = z.infer<typeof RecordingSettingsSchema>;

export const ResilienceSettingsSchema = z.object({
  breaker: BreakerSettingsSchema.prefault({}),
});
export type ResilienceSettings = z.infer<typeof ResilienceSettingsSchema>;

export const AppConfigSchema = z.object({
  version: z.literal(CONFIG_VERSION).default(CONFIG_VERSION),
  device: DeviceSettingsSchema.prefault({}),
  pipeline: PipelineSettingsSchema.prefault({}),
  chart: ChartSettingsSchema.prefault({}),
  alarms: AlarmSettingsSchema.prefault({}),
  recording: RecordingSettingsSchema.prefault({}),
  resilience: ResilienceSettingsSchema.prefault({}),
  /** Publishing samples, alarms and breaker state to an MQTT broker (off by default). */
  mqttOut: MqttOutSettingsSchema.prefault({}),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

/** A patch replaces the fields it names, one section deep; the merged whole is validated again. */
export const ConfigPatchSchema = z
  .object({
    device: z.record(z.string(), z.unknown()).optional(),
    pipeline: z.record(z.string(), z.unknown()).optional(),
    chart: z.record(z.string(), z.unknown()).optional(),
    alarms: z.record(z.string(), z.unknown()).optional(),
    recording: z.record(z.string(), z.unknown()).optional(),
    resilience: z.record(z.string(), z.unknown()).optional(),
    mqttOut: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ConfigPatch = z.infer<typeof ConfigPatchSchema>;

export function defaultConfig(): AppConfig {
  return AppConfigSchema.parse({});
}

export function mergeConfig(base: AppConfig, patch: ConfigPatch): unknown {
  return {
    ...base,
    device: { ...base.device, ...patch.device },
    pipeline: { ...base.pipeline, ...patch.pipeline },
    chart: { ...base.chart, ...patch.chart },
    alarms: { ...base.alarms, ...patch.alarms },
    recording: { ...base.recording, ...patch.recording },
    resilience: { ...base.resilience, ...patch.resilience },
    mqttOut: { ...base.mqttOut, ...patch.mqttOut },
  };
}

/** Lifts a stored file of an older version to the current shape (before validation). */
export function migrateConfig(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return raw;
  const obj = raw as Record<string, unknown>;
  if (obj.version === undefined) return { ...obj, version: CONFIG_VERSION };
  return obj;
}
