// How the bytes of a link are cut into frames and decoded into channel values.
// Chosen per link and stored in the configuration (device.format).
import { z } from 'zod';
import { MAX_FORMAT_CHANNELS } from './frame-limits.js';

export { MAX_FORMAT_CHANNELS };

/** Line end: LF or CRLF (a CR before the LF is tolerated either way), or one custom character. */
export const LineDelimiterSchema = z.union([
  z.enum(['lf', 'crlf']),
  z.string().length(1, 'a custom delimiter is exactly one character'),
]);
export type LineDelimiter = z.infer<typeof LineDelimiterSchema>;

export const CsvSeparatorSchema = z.enum([',', ';', 'tab', 'space']);
export type CsvSeparator = z.infer<typeof CsvSeparatorSchema>;

/** Operator overrides for one channel, by channel index (order of appearance). */
export const ChannelOverrideSchema = z.object({
  name: z.string().min(1).max(64).optional(),
  unit: z.string().max(16).default(''),
  scale: z.number().finite().default(1),
  offset: z.number().finite().default(0),
});
export type ChannelOverride = z.infer<typeof ChannelOverrideSchema>;
export type ChannelOverrideInput = z.input<typeof ChannelOverrideSchema>;

const channelOverrides = z.array(ChannelOverrideSchema).max(MAX_FORMAT_CHANNELS).default([]);

const textFraming = {
  delimiter: LineDelimiterSchema.default('lf'),
  /** A longer line is discarded and counted as over-long. */
  maxLineBytes: z.number().int().min(16).max(1 << 20).default(4096),
  channels: channelOverrides,
};

/**
 * `seq,v1,…,vN` (seqField) or `v1,…,vN`. Without a header the channel count is
 * device.channels; with one, the first line after connect/reset names the channels
 * (if it starts with a number there is no header and names stay ch1…chN).
 * A line with fewer or more fields than channels is malformed: counted and dropped whole.
 */
export const CsvFormatSchema = z.object({
  kind: z.literal('csv'),
  ...textFraming,
  separator: CsvSeparatorSchema.default(','),
  header: z.boolean().default(false),
  /** The first field is a frame sequence number (not a channel). */
  seqField: z.boolean().default(true),
});

/**
 * `temp:21.5 hum:40` or `temp:21.5,hum:40` (Arduino Serial Plotter). Channels appear
 * as names are first seen. A non-numeric value makes the whole line malformed.
 */
export const KvFormatSchema = z.object({
  kind: z.literal('kv'),
  ...textFraming,
  /** Name of the pair that carries the frame sequence number (not a channel). */
  seqName: z.string().min(1).max(64).optional(),
});

/**
 * One flat JSON object per line; numeric fields become channels (nested objects as
 * dotted paths like `imu.ax`). Strings, booleans, null and arrays are ignored.
 */
export const JsonlFormatSchema = z.object({
  kind: z.literal('jsonl'),
  ...textFraming,
  /** Dotted path of the field that carries the frame sequence number (not a channel). */
  seqPath: z.string().min(1).max(128).optional(),
});

export const BinaryFieldTypeSchema = z.enum(['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'f64']);
export type BinaryFieldType = z.infer<typeof BinaryFieldTypeSchema>;

export const BinaryFieldSchema = z.object({
  name: z.string().min(1).max(64),
  type: BinaryFieldTypeSchema,
  endian: z.enum(['le', 'be']).default('le'),
  /** value = raw * scale + offset */
  scale: z.number().finite().default(1),
  offset: z.number().finite().default(0),
  unit: z.string().max(16).default(''),
});
export type BinaryField = z.infer<typeof BinaryFieldSchema>;
export type BinaryFieldInput = z.input<typeof BinaryFieldSchema>;

/**
 * SLIP or COBS framed payload = the layout's fields back to back, then the CRC
 * (little-endian, over the fields) when one is chosen. A frame of any other length
 * is malformed; a CRC mismatch is a checksum failure.
 */
export const BinaryFormatSchema = z
  .object({
    kind: z.literal('binary'),
    framing: z.enum(['slip', 'cobs']).default('cobs'),
    crc: z.enum(['none', 'crc16-ccitt-false', 'crc32']).default('crc16-ccitt-false'),
    layout: z.array(BinaryFieldSchema).min(1).max(MAX_FORMAT_CHANNELS + 2),
    /** Name of the layout field that is the frame sequence number (not a channel). */
    seqField: z.string().min(1).max(64).optional(),
    /**
     * Name of the layout field that is the frame's sample time in epoch milliseconds (after
     * scale/offset; not a channel). It replaces the arrival time: a replay keeps its recorded times.
     */
    timeField: z.string().min(1).max(64).optional(),
    /** A longer frame is discarded and counted as over-long. */
    maxFrameBytes: z.number().int().min(8).max(1 << 16).default(1024),
    channels: channelOverrides,
  })
  .superRefine((f, ctx) => {
    const names = new Set<string>();
    f.layout.forEach((field, i) => {
      if (names.has(field.name)) ctx.addIssue({ code: 'custom', path: ['layout', i, 'name'], message: `duplicate field name "${field.name}"` });
      names.add(field.name);
    });
    if (f.seqField !== undefined && !names.has(f.seqField)) {
      ctx.addIssue({ code: 'custom', path: ['seqField'], message: `no layout field is named "${f.seqField}"` });
    }
    if (f.timeField !== undefined && !names.has(f.timeField)) {
      ctx.addIssue({ code: 'custom', path: ['timeField'], message: `no layout field is named "${f.timeField}"` });
    }
    if (f.timeField !== undefined && f.timeField === f.seqField) {
      ctx.addIssue({ code: 'custom', path: ['timeField'], message: 'the time field cannot also be the sequence field' });
    }
    const channels = f.layout.length - (f.seqField === undefined ? 0 : 1) - (f.timeField === undefined ? 0 : 1);
    if (channels < 1 || channels > MAX_FORMAT_CHANNELS) {
      ctx.addIssue({ code: 'custom', path: ['layout'], message: `layout must have 1…${MAX_FORMAT_CHANNELS} channel fields` });
    }
  });

export const FrameFormatSchema = z.discriminatedUnion('kind', [CsvFormatSchema, KvFormatSchema, JsonlFormatSchema, BinaryFormatSchema]);
export type FrameFormat = z.infer<typeof FrameFormatSchema>;
export type FrameFormatInput = z.input<typeof FrameFormatSchema>;
export type CsvFormat = z.infer<typeof CsvFormatSchema>;
export type KvFormat = z.infer<typeof KvFormatSchema>;
export type JsonlFormat = z.infer<typeof JsonlFormatSchema>;
export type BinaryFormat = z.infer<typeof BinaryFormatSchema>;
export type FrameFormatKind = FrameFormat['kind'];
export const FRAME_FORMAT_KINDS = ['csv', 'kv', 'jsonl', 'binary'] as const satisfies readonly FrameFormatKind[];
