// Property / fuzz tests for every decoder: random bytes, mutated valid streams and
// garbage followed by valid frames. Nothing throws, every byte is accounted for,
// memory stays bounded, valid frames after garbage are recovered. Each decoder sees
// well over 1,000,000 bytes in total (checked at the end).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BinaryFieldInput, FrameFormat } from '@shared/domain/frame-format.js';
import { MAX_FORMAT_CHANNELS } from '@shared/domain/frame-layout.js';
import { DecodeScratch } from '../../../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder, frameDelimiter, maxFrameBytes } from '../../../../src-main/engine/protocol/frame-decoder.js';
import { concatBytes, encodeFrame } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { LineFramer } from '../../../../src-main/engine/protocol/line-framer.js';
import { fmt } from './helpers.js';

const NAMES = ['a', 'b', 'c.d', 'e', 'f', 'g', 'h', 'i'];
const TYPES = ['f32', 'i16', 'u8', 'f64'] as const;
const layout: BinaryFieldInput[] = [{ name: 'n', type: 'u16' }, ...NAMES.map((name, i) => ({ name, type: TYPES[i % 4] ?? 'f32' }))];

const FORMATS: [string, FrameFormat][] = [
  ['csv', fmt({ kind: 'csv', maxLineBytes: 512 })],
  ['kv', fmt({ kind: 'kv', seqName: 'n', maxLineBytes: 512 })],
  ['jsonl', fmt({ kind: 'jsonl', seqPath: 'n', maxLineBytes: 512 })],
  ['binary-slip', fmt({ kind: 'binary', framing: 'slip', crc: 'crc16-ccitt-false', layout, seqField: 'n', maxFrameBytes: 128 })],
  ['binary-cobs', fmt({ kind: 'binary', framing: 'cobs', crc: 'crc32', layout, seqField: 'n', maxFrameBytes: 128 })],
];

const bytesSeen = new Map<string, number>();
const RUNS = 120;

function namesFor(f: FrameFormat): string[] {
  return f.kind === 'csv' ? NAMES : [];
}

/** Integer values: exact in every field type of the layout (u8 ≥ 0). */
function validFrames(f: FrameFormat, count: number, seq0: number): Uint8Array[] {
  return Array.from({ length: count }, (_, k) =>
    encodeFrame(f, { seq: seq0 + k, values: NAMES.map((_, c) => (seq0 + k + c) % 100), names: NAMES }),
  );
}

/**
 * Decodes `bytes` in one batch and checks the byte accounting exactly: every byte
 * is in a good frame, in bytesDiscarded, or is a lone delimiter (empty binary frame).
 */
function decodeAndAccount(label: string, f: FrameFormat, bytes: Uint8Array): { rows: number[][]; seqs: number[] } {
  bytesSeen.set(label, (bytesSeen.get(label) ?? 0) + bytes.length);
  const decoder = createFrameDecoder(f, namesFor(f));
  const scratch = new DecodeScratch();
  const c = decoder.decode(bytes, scratch);
  const delim = frameDelimiter(f);
  // Reference split (slow path, test only).
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === delim) {
      if (i > start || i < bytes.length) pieces.push(bytes.subarray(start, Math.min(i + 1, bytes.length)));
      start = i + 1;
    }
  }
  expect(c.lines).toBe(pieces.length);
  const slots = f.kind === 'binary' ? pieces.filter((p) => !(p.length === 1 && p[0] === delim)) : pieces;
  expect(c.slots).toBe(slots.length);
  expect(c.frames + c.malformed + c.nonNumeric + c.checksumFailures).toBe(slots.length);
  let good = 0;
  // Binary frames carry their own length: one found at the tail of a bad candidate (garbage ran into it) is shorter than its slot.
  for (let k = 0; k < c.frames; k++) good += f.kind === 'binary' ? (scratch.frameBytes[k] as number) : (slots[scratch.lineIndex[k] as number] as Uint8Array).length;
  const empty = pieces.length - slots.length;
  expect(good + c.bytesDiscarded + empty).toBe(bytes.length);
  // Bounded: at most 32 channels, scratch sized by frames of this batch.
  expect(c.channels).toBeLessThanOrEqual(MAX_FORMAT_CHANNELS);
  expect(decoder.names().length).toBeLessThanOrEqual(MAX_FORMAT_CHANNELS);
  expect(scratch.values.length).toBeLessThanOrEqual(Math.max(1024, 2 * (pieces.length + 1)) * MAX_FORMAT_CHANNELS);
  if (c.malformed + c.nonNumeric + c.checksumFailures > 0) expect(c.resyncs).toBeGreaterThan(0);
  const rows: number[][] = [];
  for (let k = 0; k < c.frames; k++) rows.push(Array.from(scratch.values.subarray(k * c.channels, (k + 1) * c.channels)));
  return { rows, seqs: Array.from(scratch.seqs.subarray(0, c.frames)) };
}

/** Random bytes biased towards the characters the decoders care about. */
const noisyBytes = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 255 }) },
    { weight: 3, arbitrary: fc.constantFrom(...Array.from('0123456789.-+eE,;: \t\r\n{}[]"\\abcn', (ch) => ch.charCodeAt(0))) },
    { weight: 1, arbitrary: fc.constantFrom(0x00, 0xc0, 0xdb, 0xdc, 0xdd) },
  ),
  { minLength: 3000, maxLength: 9000 },
).map((a) => Uint8Array.from(a));

describe.each(FORMATS)('%s decoder under fuzz', (label, f) => {
  it('random bytes: never throws, every byte and frame accounted for', () => {
    fc.assert(
      fc.property(noisyBytes, (bytes) => {
        decodeAndAccount(label, f, bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutated valid streams: never throws, accounting exact, untouched frames decode', () => {
    const clean = concatBytes(validFrames(f, 120, 0));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete')), { minLength: 1, maxLength: 40 }),
        (mutations) => {
          const a = Array.from(clean);
          for (const [pos, b, op] of mutations) {
            const i = pos % (a.length + 1);
            if (op === 'flip') a[i % a.length] = b;
            else if (op === 'insert') a.splice(i, 0, b);
            else a.splice(i % a.length, 1);
          }
          const { rows } = decodeAndAccount(label, f, Uint8Array.from(a));
          expect(rows.length).toBeLessThanOrEqual(120 + 40);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('valid frames after garbage are all recovered, through the framer in random chunks', () => {
    const delim = frameDelimiter(f);
    fc.assert(
      fc.property(noisyBytes, fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 30 }), (garbage, cuts) => {
        const valid = validFrames(f, 50, 1000);
        // The garbage ends with a delimiter (a frame boundary) so the first valid frame starts clean.
        const stream = concatBytes([garbage, Uint8Array.of(delim), ...valid]);
        bytesSeen.set(label, (bytesSeen.get(label) ?? 0) + stream.length);
        const decoder = createFrameDecoder(f, namesFor(f));
        const scratch = new DecodeScratch();
        const rows: Record<string, number>[] = [];
        const seqs: number[] = [];
        let framed = 0;
        const framer = new LineFramer({
          delimiter: delim,
          maxLineBytes: maxFrameBytes(f),
          maxBatchBytes: 1 << 30,
          maxDelayMs: 1e9,
          onBatch: (b) => {
            framed += b.bytes.length;
            const c = decoder.decode(b.bytes, scratch);
            const names = decoder.names();
            for (let k = 0; k < c.frames; k++) {
              rows.push(Object.fromEntries(Array.from({ length: c.channels }, (_, ch) => [names[ch] as string, scratch.values[k * c.channels + ch] as number])));
              seqs.push(scratch.seqs[k] as number);
            }
          },
        });
        let i = 0;
        for (let k = 0; i < stream.length; k++) {
          const n = cuts[k % cuts.length] as number;
          framer.push(stream.subarray(i, i + n));
          i += n;
        }
        framer.flush();
        // Every byte: passed on in a batch or discarded by the framer as over-long.
        expect(framed + framer.discardedBytes).toBe(stream.length);
        const tail = seqs.slice(-50);
        expect(tail).toEqual(Array.from({ length: 50 }, (_, k) => 1000 + k));
        const lastRows = rows.slice(-50);
        lastRows.forEach((r, k) => NAMES.forEach((name, c) => expect(r[name]).toBe((1000 + k + c) % 100)));
      }),
      { numRuns: RUNS },
    );
  });
});

afterAll(() => {
  for (const [label] of FORMATS) expect(bytesSeen.get(label) ?? 0, label).toBeGreaterThanOrEqual(1_000_000);
});
