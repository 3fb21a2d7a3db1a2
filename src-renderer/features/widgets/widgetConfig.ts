// Widget settings as plain data with a zod schema (layouts and project files store them).
import { z } from 'zod';

export const WIDGET_KINDS = ['readout', 'gauge', 'bar', 'led', 'table'] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

export const widgetConfigSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(WIDGET_KINDS),
    /** Readout, gauge, bar, LED: one channel by name. Table: every channel listed. */
    channels: z.array(z.string().min(1).max(64)).max(32).default([]),
    min: z.number().finite().default(0),
    max: z.number().finite().default(10),
    /** LED: lit at or above this value. */
    threshold: z.number().finite().default(0),
    decimals: z.number().int().min(0).max(6).default(2),
  })
  .refine((w) => w.min < w.max, { message: 'min must be below max', path: ['max'] });

export type WidgetConfig = z.infer<typeof widgetConfigSchema>;
export const widgetListSchema = z.array(widgetConfigSchema).max(64);
