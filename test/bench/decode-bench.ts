// Decoder throughput, single thread, no pool: one line per frame format, 8 channels.
// Input is realistic (simulator-like values with 4 decimals) and pre-encoded in
// 64 KiB batches, so only decoding is timed.
import { FrameFormatSchema, type FrameFormat, type FrameFormatKind } from '@shared/domain/frame-format.js';
import { DecodeScratch } from '../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder } from '../../src-main/engine/protocol/frame-decoder.js';
import { concatBytes, encodeFrame } from '../../src-main/engine/protocol/frame-encoder.js';

const CHANNELS = 8;
const NAMES = Array.from({ length: CHANNELS }, (_, i) => `ch${i + 1}`);

export const DECODE_BENCH_FORMATS: Record<FrameFormatKind, FrameFormat> = {
  csv: FrameFormatSchema.parse({ kind: 'csv' }),
  kv: FrameFormatSchema.parse({ kind: 'kv' }),
  jsonl: FrameFormatSchema.parse({ kind: 'jsonl', seqPath: 'seq' }),
  binary: FrameFormatSchema.parse({
    kind: 'binary',
    framing: 'cobs',
    crc: 'crc16-ccitt-false',
    layout: [{ name: 'seq', type: 'u32' }, ...NAMES.map((name) => ({ name, type: 'f32' as const }))],
    seqField: 'seq',
  }),
};

export interface DecodeBenchResult {
  bench: 'decode';
  format: FrameFormatKind;
  channels: number;
  framesPerSec: number;
}

function batches(format: FrameFormat, frames: number): { batches: Uint8Array[]; framesPerBatch: number } {
  const encoded: Uint8Array[] = [];
  for (let s = 0; s < frames; s++) {
    const values = NAMES.map((_, c) => Math.round((Math.sin(s / 100 + c) * (c + 1) * 3 + c) * 1e4) / 1e4);
    encoded.push(encodeFrame(format, { seq: s, values, names: NAMES }));
  }
  const framesPerBatch = Math.max(1, Math.floor(65536 / (encoded[0] as Uint8Array).length));
  const out: Uint8Array[] = [];
  for (let i = 0; i + framesPerBatch <= encoded.length; i += framesPerBatch) out.push(concatBytes(encoded.slice(i, i + framesPerBatch)));
  return { batches: out, framesPerBatch };
}

export function runDecodeBench(kind: FrameFormatKind, seconds = 3): DecodeBenchResult {
  const format = DECODE_BENCH_FORMATS[kind];
  const { batches: input } = batches(format, 50_000);
  const decoder = createFrameDecoder(format, format.kind === 'csv' ? NAMES : []);
  const scratch = new DecodeScratch();
  const run = (ms: number): { frames: number; ms: number } => {
    let frames = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (const b of input) {
        const c = decoder.decode(b, scratch);
        if (c.frames !== c.lines && format.kind !== 'binary') throw new Error(`${kind}: ${c.lines - c.frames} frames failed to decode`);
        frames += c.frames;
      }
      now = performance.now();
    }
    return { frames, ms: now - start };
  };
  run(500); // warm-up: JIT
  const r = run(seconds * 1000);
  return { bench: 'decode', format: kind, channels: CHANNELS, framesPerSec: Math.round((r.frames / r.ms) * 1000) };
}
