// Test helpers: decode a whole stream, or push it through the main-thread framer
// in chunks and decode each batch, the way the pipeline does.
import { FrameFormatSchema, type FrameFormat, type FrameFormatInput } from '@shared/domain/frame-format.js';
import { DecodeScratch, type DecodeCounts } from '../../../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder, frameDelimiter, maxFrameBytes } from '../../../../src-main/engine/protocol/frame-decoder.js';
import { LineFramer } from '../../../../src-main/engine/protocol/line-framer.js';

export const enc = new TextEncoder();

export function fmt(input: FrameFormatInput): FrameFormat {
  return FrameFormatSchema.parse(input);
}

export interface Decoded {
  counts: DecodeCounts;
  rows: number[][];
  seqs: number[];
  names: string[];
}

export type Decoder = ReturnType<typeof createFrameDecoder>;

export function decodeWith(decoder: Decoder, bytes: Uint8Array, scratch = new DecodeScratch()): Decoded {
  const counts = decoder.decode(bytes, scratch);
  const ch = counts.channels;
  const rows: number[][] = [];
  for (let f = 0; f < counts.frames; f++) rows.push(Array.from(scratch.values.subarray(f * ch, (f + 1) * ch)));
  return { counts, rows, seqs: Array.from(scratch.seqs.subarray(0, counts.frames)), names: [...decoder.names()] };
}

export function decode(format: FrameFormat, bytes: Uint8Array | string, names: readonly string[] = []): Decoded {
  return decodeWith(createFrameDecoder(format, names), typeof bytes === 'string' ? enc.encode(bytes) : bytes);
}

/** Rows keyed by channel name so batches with different column counts compare. */
export interface Streamed {
  rows: Record<string, number>[];
  seqs: number[];
  counts: Omit<DecodeCounts, 'channels' | 'slots' | 'lines' | 'lastError'>;
  overlong: number;
  framerDiscarded: number;
}

/** Pushes `chunks` through the framer (cutting at the format's delimiter) and decodes each batch. */
export function streamDecode(format: FrameFormat, chunks: Uint8Array[], names: readonly string[] = []): Streamed {
  const decoder = createFrameDecoder(format, names);
  const scratch = new DecodeScratch();
  const out: Streamed = {
    rows: [],
    seqs: [],
    counts: { frames: 0, malformed: 0, nonNumeric: 0, checksumFailures: 0, resyncs: 0, bytesDiscarded: 0, unknownFields: 0, ignored: 0, scriptErrors: 0 },
    overlong: 0,
    framerDiscarded: 0,
  };
  const framer = new LineFramer({
    delimiter: frameDelimiter(format),
    maxLineBytes: maxFrameBytes(format),
    maxBatchBytes: 1 << 30,
    maxDelayMs: 1e9,
    onBatch: (b) => {
      const d = decodeWith(decoder, b.bytes, scratch);
      for (const k of Object.keys(out.counts) as (keyof Streamed['counts'])[]) out.counts[k] += d.counts[k];
      for (const r of d.rows) out.rows.push(Object.fromEntries(r.map((v, c) => [d.names[c] as string, v])));
      out.seqs.push(...d.seqs);
    },
  });
  for (const c of chunks) framer.push(c);
  framer.flush();
  out.overlong = framer.overlongLines;
  out.framerDiscarded = framer.discardedBytes;
  return out;
}

/** The stream cut in two at `at`. */
export function splitAt(bytes: Uint8Array, at: number): Uint8Array[] {
  return [bytes.slice(0, at), bytes.slice(at)];
}
