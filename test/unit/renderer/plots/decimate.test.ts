import { describe, expect, it } from 'vitest';
import { Decimator } from '../../../../src-renderer/features/plots/decimate';

const cols = (xs: number[], ...ys: number[][]) => [Float64Array.from(xs), ...ys.map((y) => Float64Array.from(y))];

describe('min/max decimation', () => {
  it('keeps each series\' min and max per pixel column, in the order they occurred', () => {
    // 4 columns of 1 s each over [0, 4): 3 points per column.
    const xs = [0, 0.3, 0.6, 1, 1.3, 1.6, 2, 2.3, 2.6, 3, 3.3, 3.6];
    const a = [0, 5, -1, 2, 2, 2, 9, 1, 3, -4, 0, 7];
    const b = [1, 1, 1, 3, 0, 6, 0, 0, 0, 8, -8, 8];
    const out = new Decimator().decimate(cols(xs, a, b), 0, 4, 4);
    expect(Array.from(out[0] ?? [])).toEqual([0, 0.6, 1, 1.6, 2, 2.6, 3, 3.6]);
    // a: col 0 max 5 (idx 1) before min -1 (idx 2); col 2 max 9 before min 1; col 3 min -4 before max 7.
    expect(Array.from(out[1] ?? [])).toEqual([5, -1, 2, 2, 9, 1, -4, 7]);
    expect(Array.from(out[2] ?? [])).toEqual([1, 1, 0, 6, 0, 0, 8, -8]);
  });

  it('leaves sparse data as it is, and keeps single points of a column', () => {
    const d = new Decimator();
    const sparse = cols([0, 1, 2], [1, 2, 3]);
    expect(d.decimate(sparse, 0, 3, 10)).toBe(sparse);
    // 8 points, 2 columns: one lone point in column 1.
    const out = d.decimate(cols([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.5], [3, 1, 4, 1, 5, 9, 2, 6]), 0, 2, 2);
    expect(Array.from(out[0] ?? [])).toEqual([0, 0.6, 1.5]);
    expect(Array.from(out[1] ?? [])).toEqual([1, 9, 6]);
  });

  it('10 k points into 700 columns: at most 2 per column, the same overall min and max', () => {
    const n = 10_000;
    const xs = Array.from({ length: n }, (_, i) => i / 1000);
    const ys = xs.map((x) => Math.sin(2 * Math.PI * x) + (x === 4.321 ? 3 : 0));
    const out = new Decimator().decimate(cols(xs, ys), 0, 10, 700);
    expect(out[0]?.length).toBeLessThanOrEqual(1400);
    expect(Math.max(...(out[1] ?? []))).toBe(Math.max(...ys));
    expect(Math.min(...(out[1] ?? []))).toBe(Math.min(...ys));
    expect(out[0]?.[0]).toBe(0);
    expect(out[0]?.at(-1)).toBe(xs.at(-1));
  });
});
