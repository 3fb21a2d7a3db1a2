// One decoder per frame format, built from the format and the channel names the
// main thread knows. Dynamic formats (kv, jsonl) sync their name table per batch.
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { isTextFormat, lineEndByte } from '@shared/domain/frame-layout.js';
import { BinaryDecoder } from './binary-decoder.js';
import { CsvDecoder, separatorByte } from './csv-decoder.js';
import type { FrameDecoder } from './decode-types.js';
import { JsonlDecoder } from './jsonl-decoder.js';
import { KvDecoder } from './kv-decoder.js';

export interface DynamicNames {
  sync(names: readonly string[]): void;
}

/**
 * `names`: for csv the column names (their count is the channel count); for kv and
 * jsonl the names seen so far; ignored for binary (the layout names the channels).
 */
export function createFrameDecoder(format: FrameFormat, names: readonly string[]): FrameDecoder & Partial<DynamicNames> {
  switch (format.kind) {
    case 'csv':
      return new CsvDecoder({ channels: names.length, seqField: format.seqField, separator: separatorByte(format.separator), eol: lineEndByte(format), names });
    case 'kv':
      return new KvDecoder({ eol: lineEndByte(format), names, ...(format.seqName === undefined ? {} : { seqName: format.seqName }) });
    case 'jsonl':
      return new JsonlDecoder({ eol: lineEndByte(format), names, ...(format.seqPath === undefined ? {} : { seqPath: format.seqPath }) });
    case 'binary':
      return new BinaryDecoder(format);
  }
}

/** The byte the main-thread framer cuts frames at. */
export function frameDelimiter(format: FrameFormat): number {
  if (isTextFormat(format)) return lineEndByte(format);
  return format.framing === 'slip' ? 0xc0 : 0x00;
}

/** Longest frame the framer passes on. */
export function maxFrameBytes(format: FrameFormat): number {
  // A SLIP frame may double in size through escaping; COBS adds one byte per 254.
  if (format.kind === 'binary') return format.framing === 'slip' ? 2 * format.maxFrameBytes : format.maxFrameBytes + 8;
  return format.maxLineBytes;
}
