import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSampleBatch, encodeSampleBatch, type SampleBatch } from '@shared/api/samples.js';

function batch(seq: number, channels: number, n: number, reset = false): SampleBatch {
  return {
    seq,
    channels,
    t: Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 1.5),
    y: Float64Array.from({ length: n * channels }, (_, i) => Math.sin(i) * 1e3 - i),
    reset,
  };
}

function plain(b: SampleBatch): unknown {
  return { ...b, t: Array.from(b.t), y: Array.from(b.y) };
}

describe('sample batch codec', () => {
  it('round-trips exactly', () => {
    const b = batch(42, 3, 5, true);
    const buf = encodeSampleBatch(b);
    expect(buf.byteLength).toBe(24 + 8 * 5 * 4);
    expect(plain(decodeSampleBatch(buf))).toEqual(plain(b));
  });

  it('carries gap markers after the values; a batch without gaps is laid out as before', () => {
    const b = { ...batch(7, 2, 3), gaps: Float64Array.from([1_700_000_000_001.5, 1_700_000_000_003]) };
    const buf = encodeSampleBatch(b);
    expect(buf.byteLength).toBe(24 + 8 * 3 * 3 + 8 * 2);
    const d = decodeSampleBatch(buf);
    expect(Array.from(d.gaps ?? [])).toEqual([1_700_000_000_001.5, 1_700_000_000_003]);
    expect(Array.from(d.y)).toEqual(Array.from(b.y));
    expect(decodeSampleBatch(encodeSampleBatch({ ...b, gaps: new Float64Array(0) })).gaps).toBeUndefined();
    // A buffer claiming more gap markers than it holds is rejected.
    new Uint32Array(buf, 0, 6)[5] = 3;
    expect(() => decodeSampleBatch(buf)).toThrow(RangeError);
  });

  it('round-trips an empty batch', () => {
    const b = batch(0, 8, 0);
    const buf = encodeSampleBatch(b);
    expect(buf.byteLength).toBe(24);
    expect(plain(decodeSampleBatch(buf))).toEqual(plain(b));
  });

  it('keeps special float values bit-exact', () => {
    const b: SampleBatch = { seq: 1, channels: 1, t: Float64Array.from([0, 1, 2, 3]), y: Float64Array.from([Number.NaN, -0, Infinity, -Infinity]), reset: false };
    const d = decodeSampleBatch(encodeSampleBatch(b));
    expect(d.y[0]).toBeNaN();
    expect(Object.is(d.y[1], -0)).toBe(true);
    expect(d.y[2]).toBe(Infinity);
    expect(d.y[3]).toBe(-Infinity);
  });

  it('the seq is stored as u32', () => {
    expect(decodeSampleBatch(encodeSampleBatch(batch(2 ** 32 + 5, 1, 1))).seq).toBe(5);
    expect(decodeSampleBatch(encodeSampleBatch(batch(-1, 1, 1))).seq).toBe(2 ** 32 - 1);
  });

  it('decodes without copying: t and y are views on the buffer, 8-byte aligned', () => {
    const buf = encodeSampleBatch(batch(1, 2, 3));
    const d = decodeSampleBatch(buf);
    expect(d.t.buffer).toBe(buf);
    expect(d.y.buffer).toBe(buf);
    expect(d.t.byteOffset).toBe(24);
    expect(d.y.byteOffset).toBe(24 + 8 * 3);
  });

  it('survives structured cloning / transfer of the buffer', () => {
    const b = batch(9, 2, 4, true);
    const cloned = structuredClone(encodeSampleBatch(b));
    expect(plain(decodeSampleBatch(cloned))).toEqual(plain(b));
  });

  it('encode refuses y of the wrong length', () => {
    expect(() => encodeSampleBatch({ seq: 0, channels: 2, t: new Float64Array(3), y: new Float64Array(5), reset: false })).toThrow(RangeError);
    expect(() => encodeSampleBatch({ seq: 0, channels: 2, t: new Float64Array(3), y: new Float64Array(7), reset: false })).toThrow(/expected 3 points × 2 channels/);
  });

  it('rejects a buffer shorter than the header', () => {
    expect(() => decodeSampleBatch(new ArrayBuffer(0))).toThrow(RangeError);
    expect(() => decodeSampleBatch(new ArrayBuffer(23))).toThrow(/shorter than the header/);
  });

  it('rejects a bad magic number', () => {
    const buf = encodeSampleBatch(batch(1, 1, 2));
    new Uint32Array(buf, 0, 1)[0] = 0xdeadbeef;
    expect(() => decodeSampleBatch(buf)).toThrow(RangeError);
    expect(() => decodeSampleBatch(buf)).toThrow(/bad magic/);
    expect(() => decodeSampleBatch(new ArrayBuffer(24))).toThrow(/bad magic/);
  });

  it('rejects a length that does not match the header', () => {
    const good = encodeSampleBatch(batch(1, 2, 3));
    const longer = new Uint8Array(good.byteLength + 8);
    longer.set(new Uint8Array(good));
    expect(() => decodeSampleBatch(longer.buffer)).toThrow(RangeError);
    expect(() => decodeSampleBatch(good.slice(0, good.byteLength - 8))).toThrow(/expected 96/);
    // a header claiming more points than present
    const lying = good.slice(0);
    new Uint32Array(lying, 0, 6)[3] = 1000;
    expect(() => decodeSampleBatch(lying)).toThrow(RangeError);
    // a header claiming a huge channel count
    const huge = good.slice(0);
    new Uint32Array(huge, 0, 6)[2] = 0xffffffff;
    expect(() => decodeSampleBatch(huge)).toThrow(RangeError);
  });

  it('property: any batch round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }).chain((channels) =>
          fc.integer({ min: 0, max: 50 }).chain((n) =>
            fc.record({
              seq: fc.nat({ max: 0xffffffff }),
              channels: fc.constant(channels),
              t: fc.array(fc.double({ noNaN: true }), { minLength: n, maxLength: n }),
              y: fc.array(fc.double({ noNaN: true }), { minLength: n * channels, maxLength: n * channels }),
              reset: fc.boolean(),
            }),
          ),
        ),
        (r) => {
          const b: SampleBatch = { ...r, t: Float64Array.from(r.t), y: Float64Array.from(r.y) };
          expect(plain(decodeSampleBatch(encodeSampleBatch(b)))).toEqual(plain(b));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: random bytes are decoded or rejected with a RangeError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, withMagic) => {
        const copy = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
        copy.set(bytes);
        if (withMagic && copy.length >= 4) new Uint32Array(copy.buffer, 0, 1)[0] = 0x54485342;
        try {
          const d = decodeSampleBatch(copy.buffer);
          expect(d.y.length).toBe(d.t.length * d.channels);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
