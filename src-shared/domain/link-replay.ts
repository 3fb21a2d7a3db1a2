// A replay source: a recorded session or a CSV file becomes the device. Its frames
// go through the whole pipeline with their own sample times, paced by `speed`.
import { z } from 'zod';
import { MAX_FORMAT_CHANNELS } from './frame-limits.js';

export const REPLAY_MIN_SPEED = 0.1;
export const REPLAY_MAX_SPEED = 100;
/** Columns a CSV mapping may name (a wider file is still read; extra columns are ignored). */
export const MAX_CSV_COLUMNS = 1024;

export const ReplayChannelSchema = z.object({
  name: z.string().trim().min(1, 'a channel needs a name').max(64),
  unit: z.string().max(16).default(''),
});
export type ReplayChannel = z.infer<typeof ReplayChannelSchema>;

/**
 * How the time column is written: ISO 8601 (`2026-12-07T18:00:00.123Z`, a zone-less time is UTC),
 * epoch milliseconds or seconds, or seconds since the first row (then `startAt` says when that was).
 */
export const CSV_TIME_FORMATS = ['iso', 'epoch-ms', 'epoch-s', 'seconds'] as const;
export const CsvTimeFormatSchema = z.enum(CSV_TIME_FORMATS);
export type CsvTimeFormat = z.infer<typeof CsvTimeFormatSchema>;

export const CSV_REPLAY_SEPARATORS = [',', ';', 'tab'] as const;

export const CsvColumnMapSchema = z.object({
  /** 0-based column of the file. */
  column: z.number().int().min(0).max(MAX_CSV_COLUMNS - 1),
  name: z.string().trim().min(1, 'a channel needs a name').max(64),
  unit: z.string().max(16).default(''),
});
export type CsvColumnMap = z.infer<typeof CsvColumnMapSchema>;

export const CsvMappingSchema = z
  .object({
    separator: z.enum(CSV_REPLAY_SEPARATORS).default(','),
    decimal: z.enum(['point', 'comma']).default('point'),
    /** Lines before the data (the header); they are not data rows. */
    headerRows: z.number().int().min(0).max(20).default(1),
    timeColumn: z.number().int().min(0).max(MAX_CSV_COLUMNS - 1),
    timeFormat: CsvTimeFormatSchema.default('iso'),
    /** Epoch ms of "0 seconds" for the `seconds` time format; default: when the replay opens. */
    startAt: z.number().finite().optional(),
    columns: z.array(CsvColumnMapSchema).min(1, 'map at least one column to a channel').max(MAX_FORMAT_CHANNELS),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<number>([m.timeColumn]);
    m.columns.forEach((c, i) => {
      if (seen.has(c.column)) {
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'column'], message: `column ${c.column + 1} is used twice (or is the time column)` });
      }
      seen.add(c.column);
    });
    if (m.decimal === 'comma' && m.separator === ',') {
      ctx.addIssue({ code: 'custom', path: ['decimal'], message: 'decimal comma needs the semicolon or tab separator' });
    }
  });
export type CsvMapping = z.infer<typeof CsvMappingSchema>;
export type CsvMappingInput = z.input<typeof CsvMappingSchema>;

export const SessionReplaySchema = z.object({
  type: z.literal('session'),
  sessionId: z.number().int().min(1),
  /** The session's channels (names and units), as the session list shows them. */
  channels: z.array(ReplayChannelSchema).min(1).max(MAX_FORMAT_CHANNELS),
});

export const CsvReplaySchema = z.object({
  type: z.literal('csv'),
  path: z.string().trim().min(1, 'choose a CSV file').max(4096),
  mapping: CsvMappingSchema,
});

export const ReplaySourceSchema = z.discriminatedUnion('type', [SessionReplaySchema, CsvReplaySchema]);
export type ReplaySource = z.infer<typeof ReplaySourceSchema>;

export const ReplayLinkSchema = z.object({
  kind: z.literal('replay'),
  source: ReplaySourceSchema,
  /** Playback speed relative to the recorded time (1 = real time). */
  speed: z.number().finite().min(REPLAY_MIN_SPEED, `speed is at least ${REPLAY_MIN_SPEED}×`).max(REPLAY_MAX_SPEED, `speed is at most ${REPLAY_MAX_SPEED}×`).default(1),
  /** Ignore `speed`: as fast as the pipeline takes the frames (backpressure paces it). */
  asFastAsPossible: z.boolean().default(false),
  /** Start again from the beginning at the end. */
  loop: z.boolean().default(false),
});
export type ReplayLinkSettings = z.infer<typeof ReplayLinkSchema>;

/** The channels a replay delivers, in order. */
export function replayChannels(s: Pick<ReplayLinkSettings, 'source'>): ReplayChannel[] {
  return s.source.type === 'session' ? s.source.channels : s.source.mapping.columns.map((c) => ({ name: c.name, unit: c.unit }));
}

export function describeReplay(s: Pick<ReplayLinkSettings, 'source'>): string {
  if (s.source.type === 'session') return `replay of session ${s.source.sessionId}`;
  const file = s.source.path.split(/[\\/]/).pop() ?? s.source.path;
  return `replay of ${file}`;
}
