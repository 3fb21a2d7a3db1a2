// One plot panel's settings as plain data with a zod schema: they are the plot's dock panel params,
// so layouts, workspaces and project files carry them, and anything read back is validated whole
// (a bad one is refused with the field named).
import { z } from 'zod';

/** FFT window lengths a plot may use (powers of two up to 16384). */
export const FFT_SIZES = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

export const MAX_AXES = 4;
export const PLOT_MODES = ['time', 'xy', 'fft', 'trigger'] as const;
export type PlotMode = (typeof PLOT_MODES)[number];

const channelName = z.string().min(1).max(64);

export const axisSchema = z
  .object({
    unit: z.string().max(16).default(''),
    auto: z.boolean().default(true),
    min: z.number().finite().default(-1),
    max: z.number().finite().default(1),
  })
  .refine((a) => a.auto || a.min < a.max, { message: 'fixed scale: min must be below max', path: ['max'] });

export const plotSeriesSchema = z.object({
  /** By name, not index: a channel that disappears (format changed) shows as gone. */
  channel: channelName,
  axis: z.number().int().min(0).max(MAX_AXES - 1).default(0),
});

export const fftSettingsSchema = z.object({
  size: z.union(FFT_SIZES.map((n) => z.literal(n))).default(1024),
  window: z.enum(['hann', 'hamming', 'none']).default('hann'),
  scale: z.enum(['linear', 'db']).default('db'),
});

export const triggerSettingsSchema = z.object({
  channel: channelName.optional(),
  level: z.number().finite().default(0),
  edge: z.enum(['rising', 'falling']).default('rising'),
  prePct: z.number().min(0).max(100).default(25),
  mode: z.enum(['auto', 'normal', 'single']).default('auto'),
  holdoffMs: z.number().min(0).max(60_000).default(0),
});

export const xySettingsSchema = z.object({
  x: channelName.optional(),
  y: channelName.optional(),
  /** Points of history drawn. */
  trail: z.number().int().min(10).max(100_000).default(2000),
});

export const plotConfigSchema = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().max(80).default('Plot'),
    mode: z.enum(PLOT_MODES).default('time'),
    windowSec: z.number().min(0.01).max(600).default(10),
    series: z.array(plotSeriesSchema).max(32).default([]),
    axes: z.array(axisSchema).min(1).max(MAX_AXES).default([{ unit: '', auto: true, min: -1, max: 1 }]),
    fft: fftSettingsSchema.default({ size: 1024, window: 'hann', scale: 'db' }),
    trigger: triggerSettingsSchema.default({ level: 0, edge: 'rising', prePct: 25, mode: 'auto', holdoffMs: 0 }),
    xy: xySettingsSchema.default({ trail: 2000 }),
  })
  .refine((p) => p.series.every((s) => s.axis < p.axes.length), { message: 'a series uses an axis the plot does not have', path: ['series'] });

export type PlotConfig = z.infer<typeof plotConfigSchema>;
export type PlotAxis = z.infer<typeof axisSchema>;
export type PlotSeries = z.infer<typeof plotSeriesSchema>;

export const plotListSchema = z.array(plotConfigSchema).max(32);

/** A new plot with defaults; `channels` are the names to show first. */
export function newPlot(id: string, mode: PlotMode, channels: readonly string[]): PlotConfig {
  return plotConfigSchema.parse({
    id,
    title: mode === 'time' ? 'Plot' : mode === 'xy' ? 'XY' : mode === 'fft' ? 'Spectrum' : 'Scope',
    mode,
    series: channels.map((channel) => ({ channel, axis: 0 })),
    trigger: { channel: channels[0] },
    xy: { x: channels[0], y: channels[1] ?? channels[0], trail: 2000 },
  });
}

/** "series.0.axis: …" for the first problem: the field is named, the whole edit is refused. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid plot settings';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
