import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RunningStats, STATS_FIELDS, computeBatchStats } from '../../../src-main/engine/pipeline/batch-stats.js';

function batchStats(rows: number[][], channels: number): Float64Array {
  const out = new Float64Array(STATS_FIELDS * channels);
  computeBatchStats(Float64Array.from(rows.flat()), rows.length, channels, out);
  return out;
}

describe('computeBatchStats', () => {
  it('packs count, min, max, sum, last per channel', () => {
    const out = batchStats(
      [
        [1, -2, 0.5],
        [4, 8, 0.25],
        [-3, 6, 0.75],
      ],
      3,
    );
    expect(STATS_FIELDS).toBe(5);
    expect(Array.from(out)).toEqual([3, -3, 4, 2, -3, 3, -2, 8, 12, 6, 3, 0.25, 0.75, 1.5, 0.75]);
  });

  it('reads only `frames` frames of a larger scratch buffer', () => {
    const values = Float64Array.from([1, 2, 3, 4, 1000, 1000]);
    const out = new Float64Array(STATS_FIELDS * 2);
    computeBatchStats(values, 2, 2, out);
    expect(Array.from(out)).toEqual([2, 1, 3, 4, 3, 2, 2, 4, 6, 4]);
  });

  it('an empty batch has count 0, infinite min/max, sum 0 and last NaN', () => {
    const out = new Float64Array(STATS_FIELDS);
    computeBatchStats(new Float64Array(0), 0, 1, out);
    expect(Array.from(out)).toEqual([0, Infinity, -Infinity, 0, Number.NaN]);
  });
});

describe('RunningStats', () => {
  it('starts empty: count 0, NaN min/max/mean/last', () => {
    expect(new RunningStats(2).snapshot()).toEqual([
      { index: 0, count: 0, min: Number.NaN, max: Number.NaN, mean: Number.NaN, last: Number.NaN },
      { index: 1, count: 0, min: Number.NaN, max: Number.NaN, mean: Number.NaN, last: Number.NaN },
    ]);
  });

  it('merges batches in arrival order', () => {
    const rs = new RunningStats(2);
    rs.merge(batchStats([[1, 10], [2, 20]], 2));
    rs.merge(batchStats([], 2)); // empty batch changes nothing (not even last)
    rs.merge(batchStats([[-1, 30]], 2));
    expect(rs.snapshot()).toEqual([
      { index: 0, count: 3, min: -1, max: 2, mean: 2 / 3, last: -1 },
      { index: 1, count: 3, min: 10, max: 30, mean: 20, last: 30 },
    ]);
  });

  it('property: merged batches equal a direct computation over all frames', () => {
    // Quarter-integers keep every sum exact, so the mean can be compared exactly.
    const value = fc.integer({ min: -4000, max: 4000 }).map((k) => k / 4);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((channels) =>
          fc.record({
            channels: fc.constant(channels),
            batches: fc.array(fc.array(fc.array(value, { minLength: channels, maxLength: channels }), { maxLength: 12 }), { maxLength: 8 }),
          }),
        ),
        ({ channels, batches }) => {
          const rs = new RunningStats(channels);
          for (const b of batches) rs.merge(batchStats(b, channels));
          const all = batches.flat();
          const want = Array.from({ length: channels }, (_, c) => {
            const vs = all.map((row) => row[c] as number);
            return vs.length === 0
              ? { index: c, count: 0, min: Number.NaN, max: Number.NaN, mean: Number.NaN, last: Number.NaN }
              : {
                  index: c,
                  count: vs.length,
                  min: Math.min(...vs),
                  max: Math.max(...vs),
                  mean: vs.reduce((a, v) => a + v, 0) / vs.length,
                  last: vs.at(-1) as number,
                };
          });
          expect(rs.snapshot()).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
