// Every frame format through the real pipeline (worker threads decode): 8 channels
// arrive exactly, names are learnt, and integrity counters and gap markers add up.
import type { SampleBatch } from '@shared/api/samples.js';
import { FrameFormatSchema, type FrameFormat, type FrameFormatInput } from '@shared/domain/frame-format.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { concatBytes, encodeFrame } from '../../src-main/engine/protocol/frame-encoder.js';
import { testWorker } from '../helpers/worker.js';

const NAMES = ['temp', 'hum', 'press', 'imu.ax', 'imu.ay', 'imu.az', 'volt', 'amp'];
const FRAMES = 6000;

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const binaryLayout = [{ name: 'n', type: 'u16' as const }, ...NAMES.map((name, i) => ({ name, type: i % 2 ? ('f32' as const) : ('f64' as const), endian: i % 3 ? ('le' as const) : ('be' as const) }))];

const FORMATS: [string, FrameFormatInput, string[]][] = [
  ['csv', { kind: 'csv' }, NAMES.map((_, i) => `ch${i + 1}`)],
  ['csv with header, ; and CRLF', { kind: 'csv', separator: ';', header: true, delimiter: 'crlf' }, NAMES],
  ['kv', { kind: 'kv', seqName: 'n' }, NAMES],
  ['jsonl', { kind: 'jsonl', seqPath: 'n' }, NAMES],
  ['binary slip crc32', { kind: 'binary', framing: 'slip', crc: 'crc32', layout: binaryLayout, seqField: 'n' }, NAMES],
  ['binary cobs crc16', { kind: 'binary', framing: 'cobs', crc: 'crc16-ccitt-false', layout: binaryLayout, seqField: 'n' }, NAMES],
];

/** Exactly representable in f32 and in short decimals. */
const value = (s: number, c: number) => (s * 8 + c) / 16 - 100;

function stream(format: FrameFormat, seqs: number[]): Uint8Array {
  const parts = seqs.map((s) => encodeFrame(format, { seq: s, values: NAMES.map((_, c) => value(s, c)), names: NAMES }));
  if (format.kind === 'csv' && format.header) parts.unshift(new TextEncoder().encode(`n;${NAMES.join(';')}\r\n`));
  return concatBytes(parts);
}

/** Cuts the stream into uneven chunks, like a serial port delivers it. */
function chunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  let k = 1;
  while (i < bytes.length) {
    const n = 1 + ((k * 7919) % 4096);
    out.push(bytes.slice(i, i + n));
    i += n;
    k++;
  }
  return out;
}

function run(format: FrameFormat, threads = 2) {
  const pool = new WorkerPool({ workerFile: testWorker.workerFile, execArgv: testWorker.workerExecArgv, threads });
  pools.push(pool);
  const published: SampleBatch[] = [];
  const channelEvents: string[][] = [];
  const pipeline = new Pipeline({
    pool,
    channels: 8,
    periodMs: 1,
    bucketMs: 0,
    queueCapacity: 1000,
    overflowPolicy: 'reject',
    publishHz: 60,
    format,
    onPublish: (b) => published.push(b),
    onChannels: (names) => channelEvents.push([...names]),
  });
  return { pipeline, published, channelEvents };
}

/** Published rows (per point, by channel index) after the last reset. */
function rows(published: SampleBatch[]): number[][] {
  const out: number[][] = [];
  for (const b of published) {
    if (b.reset) out.length = 0;
    const n = b.t.length;
    for (let i = 0; i < n; i++) out.push(Array.from({ length: b.channels }, (_, c) => b.y[c * n + i] as number));
  }
  return out;
}

describe.each(FORMATS)('format %s through worker threads', (_label, input, expectedNames) => {
  const format = FrameFormatSchema.parse(input);

  it('delivers 8 channels exactly, with names and clean integrity counters', async () => {
    const seqs = Array.from({ length: FRAMES }, (_, i) => i);
    const { pipeline, published, channelEvents } = run(format);
    for (const c of chunks(stream(format, seqs))) pipeline.ingest(c);
    await pipeline.idle();
    expect([...pipeline.channelNames()]).toEqual(expectedNames);
    if (format.kind !== 'binary' && !(format.kind === 'csv' && !format.header)) expect(channelEvents.at(-1)).toEqual(expectedNames);
    const got = rows(published);
    expect(got).toHaveLength(FRAMES);
    for (const s of [0, 1, 777, FRAMES - 1]) expect(got[s]).toEqual(NAMES.map((_, c) => value(s, c)));
    expect(got.every((r, s) => r.every((v, c) => v === value(s, c)))).toBe(true);
    expect(pipeline.integrity()).toMatchObject({ framesOk: FRAMES, malformed: 0, nonNumeric: 0, checksumFailures: 0, seqGaps: 0, framesLost: 0, bytesDiscarded: 0 });
  });

  it('counts garbage and lost frames, recovers, and marks the gaps', async () => {
    // Frames 100…104 and 3000 are lost; garbage sits between two frames.
    const seqs = Array.from({ length: FRAMES }, (_, i) => i).filter((s) => (s < 100 || s > 104) && s !== 3000);
    const { pipeline, published } = run(format);
    const clean = stream(format, seqs);
    // Noise that ends in the delimiter (a device that reboots mid-line ends it with its next frame's delimiter).
    const garbage =
      format.kind === 'binary'
        ? format.framing === 'slip'
          ? Uint8Array.of(1, 2, 3, 0xc0, 9, 0xdb, 9, 0xc0)
          : Uint8Array.of(1, 2, 3, 0, 9, 9, 0)
        : new TextEncoder().encode('\u0001#noise#\r\n');
    const cut = clean.length >> 1;
    // Cut at a frame boundary: after the delimiter nearest the middle.
    const delim = format.kind === 'binary' ? (format.framing === 'slip' ? 0xc0 : 0) : 10;
    const at = clean.indexOf(delim, cut) + 1;
    for (const c of chunks(concatBytes([clean.subarray(0, at), garbage, clean.subarray(at)]))) pipeline.ingest(c);
    await pipeline.idle();
    const i = pipeline.integrity();
    expect(i.framesOk).toBe(seqs.length);
    expect(i.seqGaps).toBe(2);
    expect(i.framesLost).toBe(6);
    expect(i.bytesDiscarded).toBeGreaterThan(0);
    expect(i.malformed + i.nonNumeric + i.checksumFailures).toBeGreaterThanOrEqual(1);
    expect(i.resyncs).toBeGreaterThanOrEqual(1);
    const gaps = published.flatMap((b) => Array.from(b.gaps ?? []));
    expect(gaps).toHaveLength(2);
    const got = rows(published);
    expect(got).toHaveLength(seqs.length);
    expect(got.at(-1)).toEqual(NAMES.map((_, c) => value(FRAMES - 1, c)));
  });
});

describe('dynamic channels', () => {
  it('a name first seen later grows the channel set and restarts the series with reset', async () => {
    const format = FrameFormatSchema.parse({ kind: 'kv' });
    const { pipeline, published, channelEvents } = run(format, 1);
    pipeline.ingest(new TextEncoder().encode('a:1 b:2\na:3 b:4\n'));
    await pipeline.idle();
    pipeline.ingest(new TextEncoder().encode('a:5 b:6 c:7\n'));
    await pipeline.idle();
    expect(channelEvents).toEqual([
      ['a', 'b'],
      ['a', 'b', 'c'],
    ]);
    const last = published.at(-1) as SampleBatch;
    expect(last.reset).toBe(true);
    expect(last.channels).toBe(3);
    expect(Array.from(last.y)).toEqual([5, 6, 7]);
    expect(pipeline.stats.snapshot().map((s) => s.count)).toEqual([3, 3, 1]);
  });
});
