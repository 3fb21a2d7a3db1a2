import { describe, expect, it } from 'vitest';
import { SeriesBuffer, type ColumnBatch } from '../../../src-renderer/chart/SeriesBuffer';

/** A batch of `n` points from t0 (ms) every `dtMs`; channel c has value c * 1000 + point index. */
function batch(t0: number, n: number, channels: number, dtMs = 1): ColumnBatch {
  const t = new Float64Array(n);
  const y = new Float64Array(n * channels);
  for (let i = 0; i < n; i++) {
    t[i] = t0 + i * dtMs;
    for (let c = 0; c < channels; c++) y[c * n + i] = c * 1000 + i;
  }
  return { channels, t, y };
}

const arr = (a: Float64Array | undefined) => Array.from(a ?? []);

describe('SeriesBuffer', () => {
  it('appends aligned columns and converts time to seconds', () => {
    const b = new SeriesBuffer(2, 100);
    b.append(batch(1000, 3, 2));
    const [t, y0, y1] = b.data();
    expect(arr(t)).toEqual([1, 1.001, 1.002]);
    expect(arr(y0)).toEqual([0, 1, 2]);
    expect(arr(y1)).toEqual([1000, 1001, 1002]);
    expect(b.length).toBe(3);
    expect(b.lastTime()).toBeCloseTo(1.002);
  });

  it('keeps at most `capacity` points, dropping the oldest', () => {
    const b = new SeriesBuffer(1, 10);
    for (let k = 0; k < 7; k++) b.append(batch(k * 3, 3, 1));
    expect(b.length).toBe(10);
    // 21 points at t = 0..20 ms: the newest 10 remain, in order.
    expect(arr(b.data()[0]).map((s) => Math.round(s * 1000))).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('keeps only the newest capacity points of an oversized batch', () => {
    const b = new SeriesBuffer(1, 4);
    b.append(batch(0, 10, 1));
    expect(arr(b.data()[1])).toEqual([6, 7, 8, 9]);
  });

  it('stays correct across many compactions', () => {
    const b = new SeriesBuffer(1, 8);
    let next = 0;
    for (let k = 0; k < 100; k++) {
      const n = (k % 5) + 1;
      b.append(batch(next, n, 1));
      next += n;
    }
    const t = arr(b.data()[0]).map((s) => Math.round(s * 1000));
    expect(t).toEqual(Array.from({ length: 8 }, (_, i) => next - 8 + i));
  });

  it('trims to a time, keeping one point before the edge', () => {
    const b = new SeriesBuffer(1, 100);
    b.append(batch(0, 10, 1, 1000)); // t = 0..9 s
    b.trimBefore(5.5);
    expect(arr(b.data()[0])).toEqual([5, 6, 7, 8, 9]);
    expect(b.countSince(5.5)).toBe(4);
    b.trimBefore(100);
    expect(b.length).toBe(1);
  });

  it('resets on a new channel count and reports the layout change', () => {
    const b = new SeriesBuffer(2, 100);
    b.append(batch(0, 5, 2));
    expect(b.append(batch(10, 2, 3))).toBe(true);
    expect(b.channels).toBe(3);
    expect(b.length).toBe(2);
    expect(b.data()).toHaveLength(4);
    expect(b.append(batch(20, 2, 3))).toBe(false);
  });

  it('skips points older than the newest stored one', () => {
    const b = new SeriesBuffer(1, 100);
    b.append(batch(100, 3, 1));
    b.append(batch(101, 3, 1)); // 101 < 102: only 102, 103 are new
    expect(arr(b.data()[0]).map((s) => Math.round(s * 1000))).toEqual([100, 101, 102, 102, 103]);
  });

  it('folds dense points into min/max pairs when a spacing is set', () => {
    const b = new SeriesBuffer(1, 100);
    b.setMinSpacing(0.01); // 10 ms buckets
    const t = new Float64Array([0, 1, 2, 3, 4, 10, 11]);
    const y = new Float64Array([5, -3, 9, 1, 2, 7, 8]);
    b.append({ channels: 1, t, y });
    const [tt, yy] = b.data();
    expect(arr(yy)).toEqual([-3, 9, 7, 8]);
    expect(arr(tt).map((s) => Math.round(s * 1000))).toEqual([0, 4, 10, 11]);
  });

  it('returns the same data array until the data moves', () => {
    const b = new SeriesBuffer(1, 100);
    b.append(batch(0, 3, 1));
    const first = b.data();
    expect(b.data()).toBe(first);
    const firstT = first[0];
    b.append(batch(10, 1, 1));
    expect(b.data()[0]).not.toBe(firstT);
  });

  it('snapshots are copies that later appends do not change', () => {
    const b = new SeriesBuffer(1, 4);
    b.append(batch(0, 4, 1));
    const snap = b.snapshot();
    b.append(batch(10, 4, 1));
    expect(arr(snap[1])).toEqual([0, 1, 2, 3]);
  });

  it('empties on reset', () => {
    const b = new SeriesBuffer(2, 10);
    b.append(batch(0, 5, 2));
    b.reset();
    expect(b.length).toBe(0);
    expect(Number.isNaN(b.lastTime())).toBe(true);
    expect(b.data()[0]).toHaveLength(0);
  });
});
