// The new frame formats through the real pipeline (worker threads decode): sync-word
// frames hunted on the main thread, NMEA-style sentences with per-type layouts, parser
// scripts (hostile ones included: the pipeline keeps running), and device time fields
// that drive the sample time exactly.
import type { SampleBatch } from '@shared/api/samples.js';
import { FrameFormatSchema, type FrameFormatInput, type SentenceFormat } from '@shared/domain/frame-format.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import type { FullFrames } from '../../src-main/engine/pipeline/task.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { concatBytes, encodeFrame, encodeSentence } from '../../src-main/engine/protocol/frame-encoder.js';
import { testWorker } from '../helpers/worker.js';

const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function run(input: FrameFormatInput, periodMs = 1) {
  const format = FrameFormatSchema.parse(input);
  const pool = new WorkerPool({ workerFile: testWorker.workerFile, execArgv: testWorker.workerExecArgv, threads: 2 });
  pools.push(pool);
  const published: SampleBatch[] = [];
  const full: FullFrames[] = [];
  const pipeline = new Pipeline({
    pool,
    channels: 8,
    periodMs,
    bucketMs: 0,
    queueCapacity: 1000,
    overflowPolicy: 'reject',
    publishHz: 60,
    format,
    onPublish: (b) => published.push(b),
    onFull: (f) => full.push(f),
  });
  pipeline.setFullResolution(true);
  return { format, pipeline, published, full };
}

function rows(published: SampleBatch[]): number[][] {
  const out: number[][] = [];
  for (const b of published) {
    if (b.reset) out.length = 0;
    const n = b.t.length;
    for (let i = 0; i < n; i++) out.push(Array.from({ length: b.channels }, (_, c) => b.y[c * n + i] as number));
  }
  return out;
}

function chunks(bytes: Uint8Array, size = 997): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

const layout = [{ name: 'n', type: 'u16' as const }, { name: 'a', type: 'f32' as const }, { name: 'b', type: 'i16' as const, scale: 0.25, endian: 'be' as const }];

describe('sync + length + CRC-16 (big-endian) through worker threads', () => {
  it('decodes every frame exactly, hunting past garbage with false sync words, and counts it', async () => {
    const { format, pipeline, published } = run({ kind: 'binary', framing: 'sync-length', sync: 'AA55', length: { type: 'u8' }, crc: 'crc16-ccitt-false', crcEndian: 'be', layout, seqField: 'n' });
    const frame = (s: number) => encodeFrame(format, { seq: s, values: [s / 8, -s / 4], names: [] });
    const garbage = Uint8Array.of(0xaa, 0x55, 0x40, 0x01, 0xaa, 0x02);
    const parts: Uint8Array[] = [];
    for (let s = 0; s < 3000; s++) {
      if (s === 1500) parts.push(garbage);
      parts.push(frame(s));
    }
    for (const c of chunks(concatBytes(parts))) pipeline.ingest(c);
    await pipeline.idle();
    const got = rows(published);
    expect(got).toHaveLength(3000);
    expect(got.every((r, s) => r[0] === s / 8 && r[1] === -s / 4)).toBe(true);
    expect(pipeline.integrity()).toMatchObject({ framesOk: 3000, bytesDiscarded: garbage.length, resyncs: 1, seqGaps: 0 });
  });
});

describe('NMEA 0183 sentences with per-type layouts', () => {
  const input: FrameFormatInput = {
    kind: 'sentence',
    sentences: [
      { type: 'GGA', fields: [{ index: 1, name: 'gga.time', type: 'hms' }, { index: 2, name: 'gga.lat', type: 'latlon' }, { index: 4, name: 'gga.lon', type: 'latlon' }, { index: 7, name: 'gga.sats' }, { index: 9, name: 'gga.alt' }] },
      { type: 'RMC', fields: [{ index: 3, name: 'rmc.lat', type: 'latlon' }, { index: 7, name: 'rmc.knots' }, { index: 8, name: 'rmc.course' }] },
    ],
  };

  it('GGA and RMC fill their own channels exactly; bad checksums and unknown types are counted', async () => {
    const { format, pipeline, published } = run(input);
    const f = format as SentenceFormat;
    const lines = [
      // The classic example sentences (their checksums are the real ones).
      '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n',
      '$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n',
      '$GPGGA,123520,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*48\r\n', // bad checksum (should be 4F)
      '$GPGSV,2,1,08,01,40,083,46,02,17,308,41,12,07,344,39,14,22,228,45*75\r\n', // no layout: ignored
    ];
    const built = new TextDecoder().decode(encodeSentence(f, 'GNGGA', ['000001.50', '3345.500', 'S', '15112.250', 'W', '1', '12', '0.6', '-3.5', 'M', '0', 'M', '', '']));
    for (const l of [...lines, built]) pipeline.ingest(new TextEncoder().encode(l));
    await pipeline.idle();
    expect([...pipeline.channelNames()]).toEqual(['gga.time', 'gga.lat', 'gga.lon', 'gga.sats', 'gga.alt', 'rmc.lat', 'rmc.knots', 'rmc.course']);
    const N = Number.NaN;
    expect(rows(published)).toEqual([
      [12 * 3600 + 35 * 60 + 19, 48 + 7.038 / 60, 11 + 31 / 60, 8, 545.4, N, N, N],
      [N, N, N, N, N, 48 + 7.038 / 60, 22.4, 84.4],
      [1.5, -(33 + 45.5 / 60), -(151 + 12.25 / 60), 12, -3.5, N, N, N],
    ]);
    expect(pipeline.integrity()).toMatchObject({ framesOk: 3, checksumFailures: 1, ignored: 1, malformed: 0, nonNumeric: 0 });
  });
});

describe('parser scripts in the pool', () => {
  it('a hostile script never stops the pipeline: its bad frames are counted with the message, good ones flow', async () => {
    const source = `function parse(line) {
      const [kind, v] = line.split(' ');
      if (kind === 'loop') for (;;) {}
      if (kind === 'req') return [require('fs')];
      if (kind === 'proc') return [process.pid];
      if (kind === 'fn') return [Function('return process')().pid];
      if (kind === 'mem') return [new Uint8Array(2e9).length];
      return { v: +v };
    }`;
    const { pipeline, published } = run({ kind: 'script', source, timeBudgetMs: 30 });
    const bad = ['loop 0', 'req 0', 'proc 0', 'fn 0', 'mem 0'];
    let good = 0;
    // Five batches, each with every kind of bad frame in the middle of good ones.
    for (let batch = 0; batch < 5; batch++) {
      const text: string[] = [];
      for (let i = 0; i < 80; i++) {
        text.push(`ok ${good++}`);
        if (i === 40) text.push(...bad);
      }
      for (const c of chunks(new TextEncoder().encode(text.join('\n') + '\n'), 256)) pipeline.ingest(c);
      await pipeline.idle();
    }
    expect(rows(published).map((r) => r[0])).toEqual(Array.from({ length: good }, (_, i) => i));
    const integrity = pipeline.integrity();
    expect(integrity.framesOk).toBe(good);
    expect(integrity.scriptErrors).toBe(5 * bad.length);
    expect(integrity.lastError).toMatch(/^frame \d+ of its batch: /);
    expect(pipeline.counters.linesFailed).toBe(0);
  });
});

describe('device time field drives the sample time', () => {
  it('sample times follow a wrapping u16 millisecond counter exactly (mapped to wall clock once)', async () => {
    const timeLayout = [{ name: 'ms', type: 'u16' as const }, { name: 'v', type: 'i16' as const }];
    const { format, pipeline, full } = run({ kind: 'binary', framing: 'cobs', crc: 'crc16-xmodem', layout: timeLayout, timeField: { name: 'ms', unit: 'ms' } });
    // Irregular device times (3, 7, 1 ms steps…) that wrap past 65535 several times.
    const device: number[] = [];
    let t = 60_000;
    for (let i = 0; i < 5000; i++) {
      device.push(t);
      t += [3, 7, 1, 40][i % 4] as number;
    }
    const frames = device.map((d, i) => encodeFrame(format, { seq: 0, time: d, values: [i], names: [] }));
    // Delivered in bursts that do not match the device's timing at all.
    for (const c of chunks(concatBytes(frames), 333)) pipeline.ingest(c);
    await pipeline.idle();
    const times = full.flatMap((b) => Array.from(b.data.subarray(0, b.frames)));
    const values = full.flatMap((b) => Array.from({ length: b.frames }, (_, f) => b.data[b.frames + f * b.channels] as number));
    expect(values).toEqual(device.map((_, i) => i));
    expect(times).toHaveLength(device.length);
    const t0 = times[0] as number;
    // Exactly the device clock after the first frame, in whole microseconds.
    expect(times.map((x) => Math.round((x - t0) * 1000))).toEqual(device.map((d) => (d - (device[0] as number)) * 1000));
  });
});
