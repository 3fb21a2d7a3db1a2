// Property tests per binary framing, run the way the pipeline runs them: the main-thread
// framer cuts (and for sync framings hunts) frames, the pool's decoder reads them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameFormat, FrameFormatInput } from '@shared/domain/frame-format.js';
import { DecodeScratch } from '../../../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder } from '../../../../src-main/engine/protocol/frame-decoder.js';
import { concatBytes, encodeFrame } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { SyncFramer } from '../../../../src-main/engine/protocol/sync-framer.js';
import { createFramer } from '../../../../src-main/engine/pipeline/framer-factory.js';
import { fmt } from './helpers.js';

const RUNS = 60;

const layout = [
  { name: 'n', type: 'u16' as const, endian: 'be' as const },
  { name: 'a', type: 'i16' as const, scale: 0.5 },
  { name: 'b', type: 'f32' as const, endian: 'be' as const },
  { name: 'c', type: 'u8' as const },
];

const FRAMINGS: [string, FrameFormatInput][] = [
  ['slip + crc16-ccitt-false (be)', { kind: 'binary', framing: 'slip', crc: 'crc16-ccitt-false', crcEndian: 'be', layout, seqField: 'n' }],
  ['cobs + crc32', { kind: 'binary', framing: 'cobs', crc: 'crc32', layout, seqField: 'n' }],
  ['sync AA55 + u8 payload length + crc16-ccitt-false (be)', { kind: 'binary', framing: 'sync-length', sync: 'AA55', length: { type: 'u8' }, crc: 'crc16-ccitt-false', crcEndian: 'be', layout, seqField: 'n' }],
  [
    'sync A5 + u16 be frame length + crc16-modbus from the sync',
    { kind: 'binary', framing: 'sync-length', sync: 'A5', length: { type: 'u16', endian: 'be', counts: 'frame' }, crc: 'crc16-modbus', crcFrom: 'sync', layout, seqField: 'n' },
  ],
  ['sync 7E7E7E + u8 length + xor8', { kind: 'binary', framing: 'sync-length', sync: '7E7E7E', length: { type: 'u8' }, crc: 'xor8', layout, seqField: 'n' }],
  ['sync EB90 + u16 le length + crc32c', { kind: 'binary', framing: 'sync-length', sync: 'EB90', length: { type: 'u16' }, crc: 'crc32c', layout, seqField: 'n' }],
  ['sync EB90 + fixed length + crc8', { kind: 'binary', framing: 'sync-fixed', sync: 'EB90', crc: 'crc8', layout, seqField: 'n' }],
  ['sync 55 + fixed length + crc16-kermit (be)', { kind: 'binary', framing: 'sync-fixed', sync: '55', crc: 'crc16-kermit', crcEndian: 'be', layout, seqField: 'n' }],
];
// A found frame is "valid" up to its checksum: with a one-byte sync and an 8-bit checksum a
// false candidate in garbage passes 1 time in 256, so the garbage property pairs weak checks
// with longer sync words (the hunting itself is the same for all).

interface Sent {
  seq: number;
  values: number[];
}

const frameArb = fc.record({
  a: fc.integer({ min: -32768, max: 32767 }),
  b: fc.float({ noNaN: true, noDefaultInfinity: true }),
  c: fc.integer({ min: 0, max: 255 }),
});

function sentFrames(seq0: number, raw: { a: number; b: number; c: number }[]): Sent[] {
  return raw.map((r, i) => ({ seq: (seq0 + i) % 65536, values: [r.a * 0.5, Object.is(r.b, -0) ? 0 : r.b, r.c] }));
}

function encode(f: FrameFormat, s: Sent): Uint8Array {
  return encodeFrame(f, { seq: s.seq, values: s.values, names: [] });
}

interface Outcome {
  frames: Sent[];
  /** Wire bytes of the valid frames. */
  good: number;
  discarded: number;
  /** Lone delimiters (SLIP's END END): no frame, nothing lost. */
  empty: number;
  bad: number;
}

/** Pushes the chunks through framer and decoder; ends the stream (sync framings hunt their tail). */
function run(f: FrameFormat, chunks: Uint8Array[]): Outcome {
  const decoder = createFrameDecoder(f, []);
  const scratch = new DecodeScratch();
  const out: Outcome = { frames: [], good: 0, discarded: 0, empty: 0, bad: 0 };
  const framer = createFramer(f, {
    onBatch: (b) => {
      const c = decoder.decode(b.bytes, scratch);
      for (let k = 0; k < c.frames; k++) {
        out.frames.push({ seq: scratch.seqs[k] as number, values: Array.from(scratch.values.subarray(k * c.channels, (k + 1) * c.channels)) });
        out.good += scratch.frameBytes[k] as number;
      }
      out.discarded += c.bytesDiscarded;
      out.empty += c.lines - c.slots;
      out.bad += c.malformed + c.checksumFailures;
    },
  });
  for (const c of chunks) framer.push(c, 0, 0);
  if (framer instanceof SyncFramer) framer.finish();
  else framer.flush();
  const fi = framer.integrity();
  out.discarded += fi.bytesDiscarded ?? 0;
  out.bad += (fi.malformed ?? 0) + (fi.checksumFailures ?? 0) + (fi.overlongLines ?? 0);
  return out;
}

function splitAtAll(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const c of at) {
    parts.push(bytes.slice(prev, c));
    prev = c;
  }
  parts.push(bytes.slice(prev));
  return parts;
}

/** Garbage that likes the bytes framings care about: sync bytes, delimiters, escapes. */
const garbageArb = fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 2, arbitrary: fc.constantFrom(0xaa, 0x55, 0xa5, 0x7e, 0xeb, 0x90, 0xc0, 0xdb, 0x00, 0xff, 0x0d) }), {
  maxLength: 48,
});

describe.each(FRAMINGS)('%s', (_label, input) => {
  const f = fmt(input);

  it('any valid frame sequence split at any chunk boundaries decodes exactly', () => {
    fc.assert(
      fc.property(fc.nat(65535), fc.array(frameArb, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 30 }), (seq0, raw, cuts) => {
        const sent = sentFrames(seq0, raw);
        const bytes = concatBytes(sent.map((s) => encode(f, s)));
        const got = run(f, splitAtAll(bytes, cuts));
        expect(got.frames).toEqual(sent);
        expect(got.bad).toBe(0);
        expect(got.discarded).toBe(0);
        expect(got.good + got.empty).toBe(bytes.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('random garbage between frames never hides a following valid frame; every byte is accounted for', () => {
    fc.assert(
      fc.property(fc.nat(65535), fc.array(fc.tuple(garbageArb, frameArb), { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 20 }), (seq0, items, cuts) => {
        const sent = sentFrames(
          seq0,
          items.map(([, r]) => r),
        );
        const bytes = concatBytes(items.flatMap(([g], i) => [Uint8Array.from(g), encode(f, sent[i] as Sent)]));
        const got = run(f, splitAtAll(bytes, cuts));
        // Every sent frame is there, in order (garbage may at most add a frame of its own).
        const key = (s: Sent) => JSON.stringify(s);
        const sentKeys = new Set(sent.map(key));
        expect(got.frames.filter((s) => sentKeys.has(key(s)))).toEqual(sent);
        expect(got.good + got.discarded + got.empty).toBe(bytes.length);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('sync framing: a false sync inside garbage', () => {
  const f = fmt(FRAMINGS[2]?.[1] as FrameFormatInput);
  it('a sync word with a length that runs into the next frame gives up one byte, and the frame is found', () => {
    const frame = encode(f, { seq: 7, values: [1.5, 2.25, 3] });
    // AA 55 then a length of 5: the false candidate would swallow the real frame's start.
    const garbage = Uint8Array.of(0x01, 0xaa, 0x55, 0x05, 0x02);
    const got = run(f, [concatBytes([garbage, frame])]);
    expect(got.frames).toEqual([{ seq: 7, values: [1.5, 2.25, 3] }]);
    expect(got.discarded).toBe(garbage.length);
  });

  it('an impossible length (over maxFrameBytes) is counted over-long and hunted past', () => {
    const g = fmt({ ...(FRAMINGS[3]?.[1] as FrameFormatInput), maxFrameBytes: 64 } as FrameFormatInput);
    const frame = encode(g, { seq: 9, values: [-4, 0.5, 255] });
    const framer = createFramer(g, { onBatch: () => undefined }) as SyncFramer;
    framer.push(concatBytes([Uint8Array.of(0xa5, 0x10, 0x00), frame]), 0, 0);
    framer.finish();
    expect(framer.integrity()).toMatchObject({ overlongLines: 1, bytesDiscarded: 3, resyncs: 1 });
  });
});
