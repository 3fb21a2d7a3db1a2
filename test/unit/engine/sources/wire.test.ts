// The internal wire format sources speak: every value and every sample time arrives bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameFormatSchema } from '@shared/domain/frame-format.js';
import { BatchProcessor } from '../../../../src-main/engine/pipeline/process-batch.js';
import { WireEncoder } from '../../../../src-main/engine/link/wire/wire-encoder.js';
import { wireFormat } from '../../../../src-main/engine/link/wire/wire-format.js';
import { cobsEncode } from '../../../../src-main/engine/protocol/cobs.js';
import { crc16CcittFalse } from '../../../../src-main/engine/protocol/crc.js';

const channels = [
  { name: 'temp', unit: '°C' },
  { name: 'p', unit: 'bar' },
  { name: 'flow', unit: '' },
];

describe('wire format', () => {
  it('is a valid binary frame format whose channels are the named ones (seq and time are not channels)', () => {
    const f = FrameFormatSchema.parse(wireFormat(channels, true));
    expect(f.kind).toBe('binary');
    const r = new BatchProcessor().process({ bytes: new Uint8Array(0), channels: 0, periodMs: 0, arrivedAt: 0, bucketMs: 0, format: f });
    expect(r.channels).toBe(3);
  });

  it('timed frames decode to exactly the values and times encoded, whatever the doubles', () => {
    const format = wireFormat(channels, true);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ noNaN: true }), fc.array(fc.double(), { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 50 }),
        (rows) => {
          const enc = new WireEncoder(3, true);
          const times = Float64Array.from(rows.map((r) => r[0]));
          const values = Float64Array.from(rows.flatMap((r) => r[1]));
          const bytes = enc.encode(values, times, 0, rows.length);
          const r = new BatchProcessor().process({ bytes, channels: 3, periodMs: 1, arrivedAt: 5, bucketMs: 0, format, full: true });
          expect(r.frames).toBe(rows.length);
          expect(r.malformed + r.checksumFailures).toBe(0);
          const full = r.full as Float64Array;
          expect(Array.from(full.subarray(0, rows.length), (v) => v + 0)).toEqual(Array.from(times, (v) => v + 0));
          // The decoder applies scale 1 and offset 0 (raw * 1 + 0), which turns -0 into 0: the same number.
          expect(Array.from(full.subarray(rows.length))).toEqual(Array.from(values, (v) => v + 0));
          expect(r.firstSeq).toBe(0);
          expect(r.lastSeq).toBe(rows.length - 1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('encodes each frame exactly as the reference COBS encoder does', () => {
    const enc = new WireEncoder(2, false);
    const values = Float64Array.from([1.5, -2.25, 1e300, Number.MIN_VALUE]);
    const bytes = enc.encode(values, undefined, 0, 2);
    const payload = (seq: number, a: number, b: number): Uint8Array => {
      const p = new Uint8Array(4 + 16 + 2);
      const v = new DataView(p.buffer);
      v.setUint32(0, seq, true);
      v.setFloat64(4, a, true);
      v.setFloat64(12, b, true);
      v.setUint16(20, crc16CcittFalse(p, 0, 20), true);
      return p;
    };
    const r = new BatchProcessor().process({ bytes, channels: 2, periodMs: 0, arrivedAt: 0, bucketMs: 0, format: wireFormat([channels[0]!, channels[1]!], false), full: true });
    expect(Array.from((r.full as Float64Array).subarray(2))).toEqual([1.5, -2.25, 1e300, Number.MIN_VALUE]);
    const ref = [...cobsEncode(payload(0, 1.5, -2.25)), ...cobsEncode(payload(1, 1e300, Number.MIN_VALUE))];
    expect(Array.from(bytes)).toEqual(ref);
  });

  it('a corrupted byte is a checksum failure, not a wrong value', () => {
    const enc = new WireEncoder(1, true);
    const bytes = enc.encode(Float64Array.from([1, 2, 3]), Float64Array.from([10, 20, 30]), 0, 3);
    const second = bytes.indexOf(0) + 1;
    bytes[second + 7] = (bytes[second + 7] as number) ^ 0x10;
    const r = new BatchProcessor().process({ bytes, channels: 1, periodMs: 0, arrivedAt: 0, bucketMs: 0, format: wireFormat([channels[0]!], true), full: true });
    expect(r.frames).toBe(2);
    expect(r.checksumFailures + r.malformed).toBe(1);
    expect(Array.from(r.full as Float64Array)).toEqual([10, 30, 1, 3]);
  });
});
