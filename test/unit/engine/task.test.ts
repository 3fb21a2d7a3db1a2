import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATS_FIELDS } from '../../../src-main/engine/pipeline/batch-stats.js';
import { packResult, unpackResult, type DecodeResult } from '../../../src-main/engine/pipeline/task.js';

function result(n: number, channels: number, extra: Partial<DecodeResult> = {}): DecodeResult {
  return {
    lines: 12,
    frames: 10,
    errors: 2,
    channels,
    firstSeq: 100,
    lastSeq: 111,
    seqGaps: 1,
    busyMs: 0.375,
    n,
    t: Float64Array.from({ length: n }, (_, i) => 1_700_000_000_000 + i * 0.5),
    y: Float64Array.from({ length: n * channels }, (_, i) => i * -1.25),
    stats: Float64Array.from({ length: STATS_FIELDS * channels }, (_, i) => i + 0.5),
    malformed: 1,
    nonNumeric: 1,
    checksumFailures: 0,
    resyncs: 1,
    bytesDiscarded: 17,
    unknownFields: 3,
    framesLost: 1,
    gaps: Float64Array.from([1_700_000_000_000.5]),
    seqModulo: 65536,
    ignored: 2,
    scriptErrors: 1,
    deviceFirst: 65530,
    deviceLast: 4,
    deviceSpan: 10,
    ...extra,
  };
}

function plain(r: DecodeResult): Record<string, unknown> {
  return { ...r, t: Array.from(r.t), y: Array.from(r.y), stats: Array.from(r.stats), gaps: Array.from(r.gaps) };
}

describe('packResult / unpackResult', () => {
  it('round-trips every field exactly into one Float64Array', () => {
    const r = result(4, 3);
    const packed = packResult(r);
    expect(packed).toBeInstanceOf(Float64Array);
    expect(packed.length).toBe(24 + 4 + 4 * 3 + STATS_FIELDS * 3 + 1);
    expect(plain(unpackResult(packed))).toEqual(plain(r));
  });

  it('never packs the full-resolution buffer: it travels on by itself, transferred', () => {
    const full = Float64Array.from({ length: 5 * 4 }, (_, i) => i);
    const packed = packResult(result(4, 3, { full }));
    expect(packed.length).toBe(packResult(result(4, 3)).length);
    expect(unpackResult(packed).full).toBeUndefined();
  });

  it('keeps NaN sequence numbers of an empty batch', () => {
    const r = result(0, 2, { frames: 0, firstSeq: Number.NaN, lastSeq: Number.NaN });
    const u = unpackResult(packResult(r));
    expect(u.firstSeq).toBeNaN();
    expect(u.lastSeq).toBeNaN();
    expect(u.n).toBe(0);
    expect(u.t.length).toBe(0);
    expect(u.y.length).toBe(0);
    expect(u.stats.length).toBe(STATS_FIELDS * 2);
  });

  it('packs only the first n points of larger arrays', () => {
    const r = result(2, 1, { t: Float64Array.from([1, 2, 3, 4]), y: Float64Array.from([5, 6, 7, 8]) });
    const u = unpackResult(packResult(r));
    expect(Array.from(u.t)).toEqual([1, 2]);
    expect(Array.from(u.y)).toEqual([5, 6]);
  });

  it('unpacks as views on the packed buffer (no copies)', () => {
    const packed = packResult(result(3, 2));
    const u = unpackResult(packed);
    expect(u.t.buffer).toBe(packed.buffer);
    expect(u.y.buffer).toBe(packed.buffer);
    expect(u.stats.buffer).toBe(packed.buffer);
    expect(u.gaps.byteOffset + u.gaps.byteLength).toBe(packed.byteLength);
  });

  it('carries new channel names (only when present) in the same buffer', () => {
    const names = ['temp', 'imu.ax', 'ünï "q"'];
    const u = unpackResult(packResult(result(2, 3, { names })));
    expect(u.names).toEqual(names);
    expect(Array.from(u.y)).toEqual(Array.from(result(2, 3).y.subarray(0, 6)));
    expect(unpackResult(packResult(result(2, 3))).names).toBeUndefined();
  });

  it('property: any shape round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 32 }), fc.double({ noNaN: true }), (n, channels, busyMs) => {
        const r = result(n, channels, { busyMs });
        expect(plain(unpackResult(packResult(r)))).toEqual(plain(r));
      }),
      { numRuns: 200 },
    );
  });
});
