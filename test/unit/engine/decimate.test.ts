import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimateMinMax, passThrough, type DecimateInput } from '../../../src-main/engine/pipeline/decimate.js';

/** Builds an input from frames given as rows of channel values. */
function input(t: number[], rows: number[][], bucketMs: number): DecimateInput {
  const channels = rows[0]?.length ?? 0;
  return { t: Float64Array.from(t), values: Float64Array.from(rows.flat()), frames: t.length, channels, bucketMs };
}

/** Column c of a column-major output. */
function column(y: Float64Array, n: number, c: number): number[] {
  return Array.from(y.subarray(c * n, (c + 1) * n));
}

describe('passThrough', () => {
  it('transposes row-major frames to column-major exactly', () => {
    const inp = input(
      [10, 11, 12],
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      0,
    );
    const out = passThrough(inp);
    expect(out.n).toBe(3);
    expect(Array.from(out.t)).toEqual([10, 11, 12]);
    expect(Array.from(out.y)).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('uses only the first `frames` frames and copies t', () => {
    const inp: DecimateInput = {
      t: Float64Array.from([1, 2, 3, 99]),
      values: Float64Array.from([1, 10, 2, 20, 3, 30, 77, 77]),
      frames: 3,
      channels: 2,
      bucketMs: 0,
    };
    const out = passThrough(inp);
    expect(Array.from(out.t)).toEqual([1, 2, 3]);
    expect(Array.from(out.y)).toEqual([1, 2, 3, 10, 20, 30]);
    out.t[0] = -1;
    expect(inp.t[0]).toBe(1);
  });

  it('is a transposition for any shape', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 6 }), (frames, channels) => {
        const values = Float64Array.from({ length: frames * channels }, (_, i) => i * 1.5 - 7);
        const t = Float64Array.from({ length: frames }, (_, i) => 1000 + i);
        const out = passThrough({ values, t, frames, channels, bucketMs: 0 });
        expect(out.n).toBe(frames);
        for (let f = 0; f < frames; f++) for (let c = 0; c < channels; c++) expect(out.y[c * frames + f]).toBe(values[f * channels + c]);
      }),
    );
  });
});

describe('decimateMinMax', () => {
  it('returns nothing for no frames', () => {
    const out = decimateMinMax({ values: new Float64Array(0), t: new Float64Array(0), frames: 0, channels: 2, bucketMs: 10 });
    expect(out.n).toBe(0);
    expect(out.t.length).toBe(0);
    expect(out.y.length).toBe(0);
  });

  it('falls back to pass-through when bucketMs is not positive', () => {
    const inp = input([1, 2, 3], [[5], [1], [9]], 0);
    expect(decimateMinMax(inp)).toEqual(passThrough(inp));
    expect(decimateMinMax({ ...inp, bucketMs: -5 })).toEqual(passThrough(inp));
    expect(decimateMinMax({ ...inp, bucketMs: Number.NaN })).toEqual(passThrough(inp));
  });

  it('keeps min and max of each bucket per channel in the order they occurred', () => {
    // bucket [0,10): t 0..4; bucket [10,20): t 10..13; bucket [20,30): t 25 alone
    const t = [0, 2, 4, 6, 8, 10, 11, 12, 13, 25];
    const rows = [
      [5, 0],
      [9, -3], // ch0 max, ch1 min
      [1, 4], // ch0 min (after max)
      [7, 8], // ch1 max (after min)
      [3, 1],
      [2, 10], // ch1 max first
      [8, 2],
      [-4, 5], // ch0 min after its max 8
      [6, -1], // ch1 min after max
      [42, 43],
    ];
    const out = decimateMinMax(input(t, rows, 10));
    expect(out.n).toBe(5);
    expect(Array.from(out.t)).toEqual([0, 8, 10, 13, 25]);
    expect(column(out.y, out.n, 0)).toEqual([9, 1, 8, -4, 42]);
    expect(column(out.y, out.n, 1)).toEqual([-3, 8, 10, -1, 43]);
  });

  it('orders min before max when the min comes first', () => {
    const out = decimateMinMax(input([0, 1, 2, 3], [[0], [-5], [3], [10]], 100));
    expect(out.n).toBe(2);
    expect(Array.from(out.y)).toEqual([-5, 10]);
  });

  it('uses the first occurrence of a repeated extreme', () => {
    // max 9 at index 1 and 3, min 1 at index 2: max occurred first
    const out = decimateMinMax(input([0, 1, 2, 3], [[5], [9], [1], [9]], 100));
    expect(Array.from(out.y)).toEqual([9, 1]);
  });

  it('a constant bucket gives the constant twice', () => {
    const out = decimateMinMax(input([0, 1, 2], [[7], [7], [7]], 100));
    expect(Array.from(out.y)).toEqual([7, 7]);
    expect(Array.from(out.t)).toEqual([0, 2]);
  });

  it('single-frame buckets give one point each', () => {
    const out = decimateMinMax(input([0, 10, 20, 30], [[1, 2], [3, 4], [5, 6], [7, 8]], 10));
    expect(out.n).toBe(4);
    expect(Array.from(out.t)).toEqual([0, 10, 20, 30]);
    expect(Array.from(out.y)).toEqual([1, 3, 5, 7, 2, 4, 6, 8]);
  });

  it('aligns buckets to absolute time, not to the first frame', () => {
    // bucket width 10: 8 and 9 belong to [0,10), 10 and 11 to [10,20)
    const out = decimateMinMax(input([8, 9, 10, 11], [[1], [2], [3], [4]], 10));
    expect(Array.from(out.t)).toEqual([8, 9, 10, 11]);
    expect(Array.from(out.y)).toEqual([1, 2, 3, 4]);
  });

  it('property: every bucket keeps its exact min and max per channel, time ascending', () => {
    const arb = fc
      .record({
        channels: fc.integer({ min: 1, max: 4 }),
        steps: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 120 }),
        bucketMs: fc.integer({ min: 1, max: 30 }),
        start: fc.integer({ min: 0, max: 1_000_000 }),
      })
      .chain((r) =>
        fc.record({
          r: fc.constant(r),
          // -0 and 0 compare equal, so which of them is kept is unspecified: generate no -0
          values: fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0), { minLength: r.steps.length * r.channels, maxLength: r.steps.length * r.channels }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ r, values }) => {
        const { channels, bucketMs } = r;
        const frames = r.steps.length;
        const t: number[] = [];
        let now = r.start;
        for (const s of r.steps) t.push((now += s));
        const out = decimateMinMax({ values: Float64Array.from(values), t: Float64Array.from(t), frames, channels, bucketMs });

        // reference: group frames by absolute bucket
        const groups: number[][] = [];
        let prev: number | undefined;
        t.forEach((ti, f) => {
          const b = Math.floor(ti / bucketMs);
          if (b !== prev) groups.push([]);
          (groups.at(-1) as number[]).push(f);
          prev = b;
        });
        const n = groups.reduce((k, g) => k + (g.length > 1 ? 2 : 1), 0);
        expect(out.n).toBe(n);
        expect(out.t.length).toBe(n);
        expect(out.y.length).toBe(n * channels);
        for (let i = 1; i < n; i++) expect(out.t[i]).toBeGreaterThanOrEqual(out.t[i - 1] as number);

        let p = 0;
        for (const g of groups) {
          const first = g[0] as number;
          const last = g.at(-1) as number;
          if (g.length === 1) {
            expect(out.t[p]).toBe(t[first]);
            for (let c = 0; c < channels; c++) expect(out.y[c * n + p]).toBe(values[first * channels + c]);
            p += 1;
            continue;
          }
          expect([out.t[p], out.t[p + 1]]).toEqual([t[first], t[last]]);
          for (let c = 0; c < channels; c++) {
            const vs = g.map((f) => values[f * channels + c] as number);
            const min = Math.min(...vs);
            const max = Math.max(...vs);
            const minAt = vs.findIndex((v) => v === min);
            const maxAt = vs.findIndex((v) => v === max);
            const pair = [out.y[c * n + p], out.y[c * n + p + 1]];
            expect(pair).toEqual(minAt <= maxAt ? [min, max] : [max, min]);
          }
          p += 2;
        }
        // the global extremes of every channel survive exactly
        for (let c = 0; c < channels; c++) {
          const all = Array.from({ length: frames }, (_, f) => values[f * channels + c] as number);
          const kept = column(out.y, n, c);
          expect(Math.min(...kept)).toBe(Math.min(...all));
          expect(Math.max(...kept)).toBe(Math.max(...all));
        }
      }),
      { numRuns: 400 },
    );
  });
});
