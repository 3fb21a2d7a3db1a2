// One decoder per frame format, built from the format and the channel names the
// main thread knows. Dynamic formats (kv, jsonl, script) sync their name table per batch.
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { isLineFramed, lineEndByte } from '@shared/domain/frame-layout.js';
import { BinaryDecoder } from './binary-decoder.js';
import { CsvDecoder, separatorByte } from './csv-decoder.js';
import type { FrameDecoder } from './decode-types.js';
import { syncCutOf } from './frame-cut.js';
import { JsonlDecoder } from './jsonl-decoder.js';
import { KvDecoder } from './kv-decoder.js';
import { ScriptDecoder } from './script/script-decoder.js';
import { SentenceDecoder } from './sentence-decoder.js';
import { SyncDecoder } from './sync-decoder.js';

export interface DynamicNames {
  sync(names: readonly string[]): void;
}

/** Decoders holding resources outside the JS heap (the script sandbox) free them here. */
export interface Disposable {
  dispose(): void;
}

/**
 * `names`: for csv the column names (their count is the channel count); for kv, jsonl
 * and script the names seen so far; ignored for binary and sentence (the layout names them).
 */
export function createFrameDecoder(format: FrameFormat, names: readonly string[]): FrameDecoder & Partial<DynamicNames> & Partial<Disposable> {
  switch (format.kind) {
    case 'csv':
      return new CsvDecoder({ channels: names.length, seqField: format.seqField, separator: separatorByte(format.separator), eol: lineEndByte(format), names });
    case 'kv':
      return new KvDecoder({ eol: lineEndByte(format), names, ...(format.seqName === undefined ? {} : { seqName: format.seqName }) });
    case 'jsonl':
      return new JsonlDecoder({ eol: lineEndByte(format), names, ...(format.seqPath === undefined ? {} : { seqPath: format.seqPath }) });
    case 'sentence':
      return new SentenceDecoder(format);
    case 'binary': {
      const cut = syncCutOf(format);
      return cut ? new SyncDecoder(format, cut) : new BinaryDecoder(format);
    }
    case 'script': {
      const d = new ScriptDecoder(format);
      d.sync(names);
      return d;
    }
  }
}

/** The byte the main-thread framer cuts frames at; -1 for sync-word framings (no delimiter). */
export function frameDelimiter(format: FrameFormat): number {
  if (isLineFramed(format)) return lineEndByte(format);
  if (format.framing === 'slip') return 0xc0;
  if (format.framing === 'cobs') return 0x00;
  return -1;
}

/** Longest frame the framer passes on. */
export function maxFrameBytes(format: FrameFormat): number {
  if (isLineFramed(format)) return format.maxLineBytes;
  // A SLIP frame may double in size through escaping; COBS adds one byte per 254.
  return format.framing === 'slip' ? 2 * format.maxFrameBytes : format.maxFrameBytes + 8;
}
