// Plain helpers over frame formats, free of zod: the pool workers import these and
// start faster without the schema library. The schemas live in frame-format.ts.
import type { BinaryField, BinaryFieldType, BinaryFormat, CsvFormat, FrameFormat, JsonlFormat, KvFormat } from './frame-format.js';

export { MAX_FORMAT_CHANNELS } from './frame-limits.js';

export const BINARY_FIELD_BYTES: Record<BinaryFieldType, number> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8 };

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

/** Text formats are cut into lines; binary ones into SLIP/COBS frames. */
export function isTextFormat(f: FrameFormat): f is CsvFormat | KvFormat | JsonlFormat {
  return f.kind !== 'binary';
}

/** The byte that ends a line of a text format. */
export function lineEndByte(f: CsvFormat | KvFormat | JsonlFormat): number {
  return f.delimiter === 'lf' || f.delimiter === 'crlf' ? 10 : f.delimiter.charCodeAt(0);
}

/** Channel fields of a binary layout, in order (the sequence and time fields excluded). */
export function binaryChannelFields(f: BinaryFormat): BinaryField[] {
  return f.layout.filter((field) => field.name !== f.seqField && field.name !== f.timeField);
}

/** Bytes of one binary payload: the fields plus the CRC. */
export function binaryFrameBytes(f: BinaryFormat): number {
  const crc = f.crc === 'crc32' ? 4 : f.crc === 'crc16-ccitt-false' ? 2 : 0;
  return f.layout.reduce((n, field) => n + BINARY_FIELD_BYTES[field.type], 0) + crc;
}
