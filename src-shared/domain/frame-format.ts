// How the bytes of a link are cut into frames and decoded into channel values.
// Chosen per link and stored in the configuration (device.format).
import { z } from 'zod';
import { MAX_FORMAT_CHANNELS, MAX_SCRIPT_CHARS } from './frame-limits.js';

export { MAX_FORMAT_CHANNELS, MAX_SCRIPT_CHARS };

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

export const ChecksumKindSchema = z.enum([
  'none',
  'sum8',
  'xor8',
  'crc8',
  'crc16-ccitt-false',
  'crc16-xmodem',
  'crc16-modbus',
  'crc16-kermit',
  'crc32',
  'crc32c',
]);
export type ChecksumKind = z.infer<typeof ChecksumKindSchema>;

/** How binary frames are cut: by a delimiter (SLIP, COBS) or by a sync word and a length. */
export const BinaryFramingSchema = z.enum(['slip', 'cobs', 'sync-length', 'sync-fixed']);
export type BinaryFraming = z.infer<typeof BinaryFramingSchema>;

/** 1–4 sync bytes in hex, first byte on the wire first ("AA55"). */
export const SyncWordSchema = z.string().regex(/^(?:[0-9a-fA-F]{2}){1,4}$/, 'the sync word is 1 to 4 bytes in hex, e.g. "AA55"');

/** The length field right after the sync word. */
export const LengthFieldSchema = z.object({
  type: z.enum(['u8', 'u16']).default('u8'),
  endian: z.enum(['le', 'be']).default('le'),
  /** The length counts the payload only, or the whole frame (sync, length, payload and checksum). */
  counts: z.enum(['payload', 'frame']).default('payload'),
});
export type LengthField = z.infer<typeof LengthFieldSchema>;

/** Framing and checksum fields shared by the binary layout and binary parser scripts. */
const binaryFraming = {
  sync: SyncWordSchema.optional(),
  length: LengthFieldSchema.optional(),
  /** Checksum after the payload. */
  crc: ChecksumKindSchema.default('crc16-ccitt-false'),
  /** Byte order of the checksum on the wire (CRC-16/CCITT is usually sent most significant byte first: be). */
  crcEndian: z.enum(['le', 'be']).default('le'),
  /** What the checksum covers: everything after the sync word (length field and payload), or from the sync word on. */
  crcFrom: z.enum(['after-sync', 'sync']).default('after-sync'),
  /** A longer frame is discarded and counted as over-long. */
  maxFrameBytes: z.number().int().min(8).max(1 << 16).default(1024),
};

interface FramingInput {
  framing: BinaryFraming | 'line';
  sync?: string | undefined;
  length?: LengthField | undefined;
}

/** Sync framings need their sync word; sync-length needs its length field. */
function checkFraming(f: FramingInput, ctx: z.RefinementCtx): void {
  if ((f.framing === 'sync-length' || f.framing === 'sync-fixed') && f.sync === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sync'], message: `${f.framing} framing needs a sync word` });
  }
  if (f.framing === 'sync-length' && f.length === undefined) {
    ctx.addIssue({ code: 'custom', path: ['length'], message: 'sync-length framing needs a length field' });
  }
}

/** A layout field that carries the device's own clock; it then drives the sample time (not a channel). */
export const TimeFieldSchema = z.object({
  name: z.string().min(1).max(64),
  /** Unit of the raw value; an unsigned integer field wraps around at its width. */
  unit: z.enum(['us', 'ms', 's']).default('ms'),
  /**
   * `device`: the device's own clock (since boot), mapped to wall clock. `epoch`: the value is
   * the sample time itself (since 1970 in `unit`), taken as is: a replay keeps its recorded times.
   */
  base: z.enum(['device', 'epoch']).default('device'),
});
export type TimeField = z.infer<typeof TimeFieldSchema>;

/**
 * Binary frames: the layout's fields back to back as the payload, then the checksum.
 * SLIP/COBS frames end in their delimiter; sync framings start with the sync word, then
 * (sync-length) the length field. A payload of any other length is malformed; a checksum
 * mismatch is a checksum failure.
 */
export const BinaryFormatSchema = z
  .object({
    kind: z.literal('binary'),
    framing: BinaryFramingSchema.default('cobs'),
    ...binaryFraming,
    layout: z.array(BinaryFieldSchema).min(1).max(MAX_FORMAT_CHANNELS + 2),
    /** Name of the layout field that is the frame sequence number (not a channel). */
    seqField: z.string().min(1).max(64).optional(),
    timeField: TimeFieldSchema.optional(),
    channels: channelOverrides,
  })
  .superRefine((f, ctx) => {
    checkFraming(f, ctx);
    const names = new Set<string>();
    f.layout.forEach((field, i) => {
      if (names.has(field.name)) ctx.addIssue({ code: 'custom', path: ['layout', i, 'name'], message: `duplicate field name "${field.name}"` });
      names.add(field.name);
    });
    if (f.seqField !== undefined && !names.has(f.seqField)) {
      ctx.addIssue({ code: 'custom', path: ['seqField'], message: `no layout field is named "${f.seqField}"` });
    }
    if (f.timeField !== undefined && !names.has(f.timeField.name)) {
      ctx.addIssue({ code: 'custom', path: ['timeField', 'name'], message: `no layout field is named "${f.timeField.name}"` });
    }
    if (f.timeField !== undefined && f.timeField.name === f.seqField) {
      ctx.addIssue({ code: 'custom', path: ['timeField', 'name'], message: 'the time field cannot also be the sequence field' });
    }
    const special = (f.seqField === undefined ? 0 : 1) + (f.timeField === undefined || f.timeField.name === f.seqField ? 0 : 1);
    const channels = f.layout.length - special;
    if (channels < 1 || channels > MAX_FORMAT_CHANNELS) {
      ctx.addIssue({ code: 'custom', path: ['layout'], message: `layout must have 1…${MAX_FORMAT_CHANNELS} channel fields` });
    }
  });

/** One field of a sentence layout. */
export const SentenceFieldSchema = z.object({
  /** Position counted from the sentence type (1 = the first field after it). */
  index: z.number().int().min(1).max(64),
  name: z.string().min(1).max(64),
  /**
   * number; latlon: NMEA (d)ddmm.mmmm with the hemisphere (N/S/E/W) in the next field, as
   * signed degrees; hms: hhmmss.ss as seconds of the day.
   */
  type: z.enum(['number', 'latlon', 'hms']).default('number'),
  scale: z.number().finite().default(1),
  offset: z.number().finite().default(0),
  unit: z.string().max(16).default(''),
});
export type SentenceField = z.infer<typeof SentenceFieldSchema>;

export const SentenceLayoutSchema = z.object({
  /** Sentence type ("GGA" also matches any talker: GPGGA, GNGGA). */
  type: z.string().min(1).max(16),
  fields: z.array(SentenceFieldSchema).min(1).max(MAX_FORMAT_CHANNELS),
});
export type SentenceLayout = z.infer<typeof SentenceLayoutSchema>;

/**
 * Text sentences like NMEA 0183 (`$GPGGA,…*47`): optional start marker, fields by
 * separator, the first field names the sentence type and selects its layout; a hex
 * checksum after the checksum marker covers the bytes between the markers.
 */
export const SentenceFormatSchema = z
  .object({
    kind: z.literal('sentence'),
    ...textFraming,
    delimiter: LineDelimiterSchema.default('crlf'),
    /** Start marker ('' for none). */
    start: z.string().max(1).default('$'),
    checksumMarker: z.string().length(1).default('*'),
    checksum: z.enum(['xor8', 'sum8', 'none']).default('xor8'),
    separator: z.string().length(1).default(','),
    sentences: z.array(SentenceLayoutSchema).min(1).max(16),
  })
  .superRefine((f, ctx) => {
    const names = new Set<string>();
    let count = 0;
    f.sentences.forEach((s, i) => {
      s.fields.forEach((field, k) => {
        count++;
        if (names.has(field.name)) ctx.addIssue({ code: 'custom', path: ['sentences', i, 'fields', k, 'name'], message: `duplicate channel name "${field.name}"` });
        names.add(field.name);
      });
    });
    if (count > MAX_FORMAT_CHANNELS) ctx.addIssue({ code: 'custom', path: ['sentences'], message: `sentences have ${count} fields; at most ${MAX_FORMAT_CHANNELS} channels` });
  });

/**
 * Operator-written `parse(frame)` in JavaScript: gets each frame (the line as text, or a
 * binary payload as a Uint8Array) and returns an array of numbers or `{ name: number }`.
 * Runs sandboxed in the worker pool; a throw, a wrong shape or running out of time is a
 * counted bad frame.
 */
export const ScriptFormatSchema = z
  .object({
    kind: z.literal('script'),
    framing: z.union([z.literal('line'), BinaryFramingSchema]).default('line'),
    ...textFraming,
    ...binaryFraming,
    crc: ChecksumKindSchema.default('none'),
    /** Payload bytes of sync-fixed frames. */
    payloadBytes: z.number().int().min(1).max(1 << 16).optional(),
    source: z.string().min(1, 'the script is empty').max(MAX_SCRIPT_CHARS),
    /** Time one batch of frames may take before the running frame counts as timed out. */
    timeBudgetMs: z.number().int().min(1).max(1000).default(50),
  })
  .superRefine((f, ctx) => {
    checkFraming(f, ctx);
    if (f.framing === 'sync-fixed' && f.payloadBytes === undefined) {
      ctx.addIssue({ code: 'custom', path: ['payloadBytes'], message: 'sync-fixed framing needs the payload length' });
    }
  });

export const FrameFormatSchema = z.discriminatedUnion('kind', [
  CsvFormatSchema,
  KvFormatSchema,
  JsonlFormatSchema,
  BinaryFormatSchema,
  SentenceFormatSchema,
  ScriptFormatSchema,
]);
export type FrameFormat = z.infer<typeof FrameFormatSchema>;
export type FrameFormatInput = z.input<typeof FrameFormatSchema>;
export type CsvFormat = z.infer<typeof CsvFormatSchema>;
export type KvFormat = z.infer<typeof KvFormatSchema>;
export type JsonlFormat = z.infer<typeof JsonlFormatSchema>;
export type BinaryFormat = z.infer<typeof BinaryFormatSchema>;
export type SentenceFormat = z.infer<typeof SentenceFormatSchema>;
export type ScriptFormat = z.infer<typeof ScriptFormatSchema>;
export type FrameFormatKind = FrameFormat['kind'];
export const FRAME_FORMAT_KINDS = ['csv', 'kv', 'jsonl', 'binary', 'sentence', 'script'] as const satisfies readonly FrameFormatKind[];
