// Plain helpers over frame formats, free of zod: the pool workers import these and
// start faster without the schema library. The schemas live in frame-format.ts.
import type {
  BinaryField,
  BinaryFieldType,
  BinaryFormat,
  ChecksumKind,
  CsvFormat,
  FrameFormat,
  JsonlFormat,
  KvFormat,
  ScriptFormat,
  SentenceFormat,
} from './frame-format.js';

export { MAX_FORMAT_CHANNELS } from './frame-limits.js';

export const BINARY_FIELD_BYTES: Record<BinaryFieldType, number> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8 };

export const CHECKSUM_BYTES: Record<ChecksumKind, number> = {
  none: 0,
  sum8: 1,
  xor8: 1,
  crc8: 1,
  'crc16-ccitt-false': 2,
  'crc16-xmodem': 2,
  'crc16-modbus': 2,
  'crc16-kermit': 2,
  crc32: 4,
  crc32c: 4,
};

/** What the built-in simulator emits: `seq,ch1,…,chN\n` (equals CsvFormatSchema.parse({ kind: 'csv' })). */
export const DEFAULT_FRAME_FORMAT: FrameFormat = Object.freeze({
  kind: 'csv',
  delimiter: 'lf',
  maxLineBytes: 4096,
  channels: [],
  separator: ',',
  header: false,
  seqField: true,
}) as FrameFormat;

export type LineFormat = CsvFormat | KvFormat | JsonlFormat | SentenceFormat;

/** Text formats are cut into lines; binary ones into SLIP/COBS/sync frames. */
export function isTextFormat(f: FrameFormat): f is LineFormat {
  return f.kind !== 'binary' && f.kind !== 'script';
}

/** Cut into lines at a delimiter byte (text formats and line scripts). */
export function isLineFramed(f: FrameFormat): f is LineFormat | ScriptFormat {
  return isTextFormat(f) || (f.kind === 'script' && f.framing === 'line');
}

/** The byte that ends a line of a text format. */
export function lineEndByte(f: Pick<LineFormat, 'delimiter'>): number {
  return f.delimiter === 'lf' || f.delimiter === 'crlf' ? 10 : f.delimiter.charCodeAt(0);
}

/** Layout fields that are neither the sequence number nor the device time. */
function isChannelField(f: BinaryFormat, field: BinaryField): boolean {
  return field.name !== f.seqField && field.name !== f.timeField?.name;
}

/** Channel fields of a binary layout, in order (the sequence and time fields excluded). */
export function binaryChannelFields(f: BinaryFormat): BinaryField[] {
  return f.layout.filter((field) => isChannelField(f, field));
}

/** Bytes of the layout's fields (the payload without checksum). */
export function binaryLayoutBytes(f: BinaryFormat): number {
  return f.layout.reduce((n, field) => n + BINARY_FIELD_BYTES[field.type], 0);
}

/** Bytes of one SLIP/COBS binary payload: the fields plus the checksum. */
export function binaryFrameBytes(f: BinaryFormat): number {
  return binaryLayoutBytes(f) + CHECKSUM_BYTES[f.crc];
}

/** Channel names a sentence format decodes, in layout order. */
export function sentenceChannelNames(f: SentenceFormat): string[] {
  return f.sentences.flatMap((s) => s.fields.map((field) => field.name));
}

/** Bytes of a sync word ("AA55" → [0xAA, 0x55]). */
export function syncBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const TIME_UNIT_MS = { us: 1e-3, ms: 1, s: 1000 } as const;

/** A binary format whose time field is the sample time itself (epoch): ms per raw unit. */
export function epochClockOf(f: FrameFormat): number | undefined {
  if (f.kind !== 'binary' || f.timeField?.base !== 'epoch') return undefined;
  return TIME_UNIT_MS[f.timeField.unit];
}

/** A binary format's device clock: ms per raw unit and where the raw value wraps (0: never). */
export function deviceClockOf(f: FrameFormat): { unitMs: number; modulo: number } | undefined {
  if (f.kind !== 'binary' || f.timeField === undefined || f.timeField.base === 'epoch') return undefined;
  const name = f.timeField.name;
  const field = f.layout.find((x) => x.name === name);
  if (!field) return undefined;
  const wraps = field.type.startsWith('u');
  return { unitMs: TIME_UNIT_MS[f.timeField.unit], modulo: wraps ? 2 ** (8 * BINARY_FIELD_BYTES[field.type]) : 0 };
}
