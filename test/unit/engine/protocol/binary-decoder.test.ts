import { describe, expect, it } from 'vitest';
import { FrameFormatSchema, type BinaryFormat } from '@shared/domain/frame-format.js';
import { cobsEncode } from '../../../../src-main/engine/protocol/cobs.js';
import { binaryPayload, concatBytes, encodeFrame, frameBinary } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { decode, splitAt, streamDecode } from './helpers.js';

function binary(over: Partial<BinaryFormat> = {}): BinaryFormat {
  return FrameFormatSchema.parse({
    kind: 'binary',
    layout: [
      { name: 'seq', type: 'u16' },
      { name: 'a', type: 'f32' },
      { name: 'b', type: 'i16', endian: 'be', scale: 0.01, offset: -5 },
      { name: 'c', type: 'u8' },
    ],
    seqField: 'seq',
    ...over,
  }) as BinaryFormat;
}

const frame = (seq: number, a: number, b: number, c: number) => ({ seq, values: [a, b, c], names: [] });

describe('binary decoder', () => {
  it.each(['slip', 'cobs'] as const)('%s + CRC-16: fields, endianness, scale and offset', (framing) => {
    const f = binary({ framing });
    const bytes = concatBytes([encodeFrame(f, frame(1, 1.5, 2.5, 200)), encodeFrame(f, frame(2, -0.25, -3, 0))]);
    const d = decode(f, bytes);
    expect(d.names).toEqual(['a', 'b', 'c']);
    expect(d.seqs).toEqual([1, 2]);
    expect(d.rows[0]![0]).toBe(1.5);
    expect(d.rows[0]![1]).toBeCloseTo(2.5, 10);
    expect(d.rows[0]![2]).toBe(200);
    expect(d.rows[1]![1]).toBeCloseTo(-3, 10);
    expect(d.counts).toMatchObject({ frames: 2, malformed: 0, checksumFailures: 0, bytesDiscarded: 0 });
  });

  it('reads every type in both byte orders', () => {
    const types = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'f64'] as const;
    const values = [255, -128, 65535, -32768, 4294967295, -2147483648, 0.5, Math.PI];
    for (const endian of ['le', 'be'] as const) {
      const f = FrameFormatSchema.parse({ kind: 'binary', crc: 'crc32', layout: types.map((type) => ({ name: type, type, endian })) }) as BinaryFormat;
      const d = decode(f, encodeFrame(f, { seq: 0, values, names: [] }));
      expect(d.rows).toEqual([values]);
      expect(d.seqs).toEqual([NaN]);
    }
  });

  it('a CRC mismatch is a checksum failure; a wrong length is malformed; each bad run is one resync', () => {
    const f = binary({ framing: 'cobs' });
    const good = binaryPayload(f, frame(1, 1, 1, 1));
    const corrupt = good.slice();
    corrupt[2] = (corrupt[2] as number) ^ 0x10;
    const bytes = concatBytes([cobsEncode(corrupt), cobsEncode(good.subarray(0, 5)), cobsEncode(good), cobsEncode(corrupt)]);
    const d = decode(f, bytes);
    expect(d.counts).toMatchObject({ frames: 1, checksumFailures: 2, malformed: 1, resyncs: 2 });
    expect(d.counts.bytesDiscarded).toBe(bytes.length - cobsEncode(good).length);
  });

  it('CRC-32 and no-CRC layouts', () => {
    for (const crc of ['crc32', 'none'] as const) {
      const f = binary({ crc });
      const d = decode(f, encodeFrame(f, frame(3, 2, 1, 9)));
      expect(d.counts.frames).toBe(1);
      expect(d.rows[0]![2]).toBe(9);
    }
    const f32 = binary({ crc: 'crc32' });
    const p = binaryPayload(f32, frame(3, 2, 1, 9));
    p[p.length - 1] = (p[p.length - 1] as number) ^ 1;
    expect(decode(f32, frameBinary(f32, p)).counts.checksumFailures).toBe(1);
  });

  it('a SLIP frame with a bad escape is malformed; back-to-back END bytes are no frames', () => {
    const f = binary({ framing: 'slip' });
    const good = encodeFrame(f, frame(1, 1, 1, 1));
    const d = decode(f, concatBytes([Uint8Array.of(0xc0, 0xc0, 0x01, 0xdb, 0x05, 0xc0), good]));
    expect(d.counts).toMatchObject({ frames: 1, malformed: 1, checksumFailures: 0 });
    expect(d.counts.bytesDiscarded).toBe(4);
  });

  it('a payload that contains END, ESC and zero bytes survives both framings', () => {
    const f = FrameFormatSchema.parse({ kind: 'binary', crc: 'none', layout: [{ name: 'x', type: 'u32', endian: 'be' }] }) as BinaryFormat;
    const raw = 0xc0db0000;
    for (const framing of ['slip', 'cobs'] as const) {
      const g = { ...f, framing };
      expect(decode(g, encodeFrame(g, { seq: 0, values: [raw], names: [] })).rows).toEqual([[raw]]);
    }
  });

  it.each(['slip', 'cobs'] as const)('%s: split at every offset decodes identically, with garbage between frames', (framing) => {
    const f = binary({ framing });
    const garbage = framing === 'slip' ? Uint8Array.of(0x13, 0x37, 0xc0) : Uint8Array.of(0x13, 0x37, 0x00);
    const stream = concatBytes([garbage, encodeFrame(f, frame(1, 1.5, 2, 3)), garbage, encodeFrame(f, frame(2, 4.5, 5, 6)), encodeFrame(f, frame(3, 7.5, 8, 9))]);
    const whole = streamDecode(f, [stream]);
    expect(whole.rows.map((r) => r.a)).toEqual([1.5, 4.5, 7.5]);
    expect(whole.seqs).toEqual([1, 2, 3]);
    expect(whole.counts.resyncs).toBe(2);
    for (let at = 0; at <= stream.length; at++) expect(streamDecode(f, splitAt(stream, at))).toEqual(whole);
  });

  it('an over-long frame is dropped by the framer and counted', () => {
    const f = binary({ framing: 'cobs', maxFrameBytes: 16 });
    const long = cobsEncode(new Uint8Array(100).fill(1));
    const s = streamDecode(f, [concatBytes([long, encodeFrame(f, frame(1, 1, 1, 1))])]);
    expect(s.overlong).toBe(1);
    expect(s.framerDiscarded).toBe(long.length);
    expect(s.rows).toHaveLength(1);
  });

  it('the sequence field wraps modulo its type', () => {
    const f = binary();
    const d = decode(f, concatBytes([65534, 65535, 65536, 65537].map((s) => encodeFrame(f, frame(s, 0, 0, 0)))));
    expect(d.seqs).toEqual([65534, 65535, 0, 1]);
  });
});

describe('binary format schema', () => {
  it('names the failing field', () => {
    const r = FrameFormatSchema.safeParse({ kind: 'binary', layout: [{ name: 'a', type: 'u8' }, { name: 'b', type: 'u8' }, { name: 'c', type: 'u64' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['layout', 2, 'type']);
  });
  it('rejects duplicate names and an unknown sequence field', () => {
    const r = FrameFormatSchema.safeParse({ kind: 'binary', layout: [{ name: 'a', type: 'u8' }, { name: 'a', type: 'u8' }], seqField: 'n' });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['layout.1.name', 'seqField']);
  });
});

describe('default frame format', () => {
  it('is what the schema fills in for { kind: "csv" } and what the simulator emits', async () => {
    const { DEFAULT_FRAME_FORMAT } = await import('@shared/domain/frame-layout.js');
    const { DeviceSettingsSchema } = await import('@shared/domain/device.js');
    expect(FrameFormatSchema.parse({ kind: 'csv' })).toEqual(DEFAULT_FRAME_FORMAT);
    expect(DeviceSettingsSchema.parse({}).format).toEqual(DEFAULT_FRAME_FORMAT);
  });
  it('device settings name the failing format field', async () => {
    const { DeviceSettingsSchema } = await import('@shared/domain/device.js');
    const { issuesFromZod } = await import('@shared/domain/result.js');
    const r = DeviceSettingsSchema.safeParse({ format: { kind: 'binary', layout: [{ name: 'a', type: 'u8' }, { name: 'b', type: 'u8' }, { name: 'c', type: 'x' }] } });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesFromZod(r.error).map((i) => i.path)).toContain('format.layout.2.type');
  });
});
