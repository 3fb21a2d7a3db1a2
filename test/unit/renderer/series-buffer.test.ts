import { describe, expect, it } from 'vitest';
import { SeriesBuffer, type ColumnBatch } from '../../../src-renderer/features/plots/SeriesBuffer';

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

/** Points at the given times (ms), value = index. */
function at(timesMs: number[], channels = 1): ColumnBatch {
  const n = timesMs.length;
  const y = new Float64Array(n * channels);
  for (let c = 0; c < channels; c++) for (let i = 0; i < n; i++) y[c * n + i] = c * 1000 + i;
  return { channels, t: Float64Array.from(timesMs), y };
}

/** `count` points every `dtMs` from t0 (ms). */
const every = (t0: number, count: number, dtMs: number): number[] => Array.from({ length: count }, (_, i) => t0 + i * dtMs);

describe('SeriesBuffer line breaks', () => {
  it('breaks the line after a silence much longer than the usual spacing', () => {
    const b = new SeriesBuffer(1, 1000);
    b.append(at(every(0, 300, 10))); // 0 … 2990 ms, every 10 ms
    b.append(at(every(6000, 50, 10))); // 3 s of nothing, then data again
    expect(b.breakTimes()).toEqual([6]);
    // The columns stay numbers: the break is no extra point.
    expect(b.length).toBe(350);
    expect(arr(b.data()[1]).every(Number.isFinite)).toBe(true);
    // The next silence is seen as well (the first one was not learnt as spacing).
    b.append(at(every(8000, 10, 10)));
    expect(b.breakTimes()).toEqual([6, 8]);
  });

  it('does not break on the usual spacing, jitter or clumped arrivals', () => {
    const b = new SeriesBuffer(1, 10_000);
    const times: number[] = [];
    // Bursts of 10 points 1 ms apart every 100 ms (a TCP device), with up to 40 ms of jitter.
    for (let k = 0; k < 100; k++) for (let i = 0; i < 10; i++) times.push(k * 100 + (k % 3) * 20 + i);
    b.append(at(times));
    expect(b.breakTimes()).toEqual([]);
    // …but a burst that does not come for 2 s is a silence.
    b.append(at(every(12_000, 10, 1)));
    expect(b.breakTimes()).toEqual([12]);
  });

  it('judges nothing while it learns the spacing (the first seconds of a series)', () => {
    const b = new SeriesBuffer(1, 1000);
    b.append(at([...every(0, 100, 1), ...every(600, 100, 1)]));
    expect(b.breakTimes()).toEqual([]);
  });

  it('takes a slower source for a new spacing after one break, not a break at every point', () => {
    const b = new SeriesBuffer(1, 10_000);
    b.append(at(every(0, 3000, 1))); // 1 kHz for 3 s
    b.append(at(every(3999, 10, 1000))); // then 1 Hz
    expect(b.breakTimes()).toEqual([3.999]);
  });

  it('keeps gaps up to the floor joined (they would hardly show)', () => {
    const b = new SeriesBuffer(1, 10_000);
    b.setMinSilence(0.5);
    b.append(at(every(0, 3000, 1)));
    b.append(at(every(3400, 10, 1))); // a 400 ms hole at 1 kHz
    expect(b.breakTimes()).toEqual([]);
  });

  it('breaks before the first point after a requested break, whatever the spacing', () => {
    const b = new SeriesBuffer(1, 1000);
    b.setMinSilence(10); // no silence would be long enough
    b.append(at(every(0, 30, 100))); // … 2900 ms
    b.breakLine(2.95); // the breaker opened at 2950 ms
    b.append(at([2960]));
    expect(b.breakTimes()).toEqual([2.96]);
    b.append(at([3060, 3160]));
    expect(b.breakTimes()).toEqual([2.96]); // consumed once
  });

  it('lets points up to the requested time join the old line (they were in flight)', () => {
    const b = new SeriesBuffer(1, 1000);
    b.append(at(every(0, 10, 100))); // … 900 ms
    b.breakLine(1.0);
    b.breakLine(2.0); // a later request keeps the earliest time
    b.append(at([950, 1000]));
    expect(b.breakTimes()).toEqual([]);
    b.append(at([1500]));
    expect(b.breakTimes()).toEqual([1.5]);
  });

  it('a requested break on an empty buffer has nothing to break from', () => {
    const b = new SeriesBuffer(1, 100);
    b.breakLine(0);
    b.append(at([1000, 1010, 1020]));
    expect(b.breakTimes()).toEqual([]);
  });

  it('opens a bucket of its own after a break, so min/max folding never joins across it', () => {
    const b = new SeriesBuffer(1, 1000);
    b.setMinSpacing(0.01); // 10 ms buckets
    b.append({ channels: 1, t: new Float64Array([0, 1, 2]), y: new Float64Array([5, -3, 9]) });
    b.breakLine(0.002);
    // 3 ms later: inside the open bucket by time, but after the break.
    b.append({ channels: 1, t: new Float64Array([5, 6, 7]), y: new Float64Array([100, -100, 50]) });
    const [t, y] = b.data();
    expect(arr(t).map((s) => Math.round(s * 1000))).toEqual([0, 2, 5, 7]);
    // Each side keeps its own min/max pair.
    expect(arr(y)).toEqual([-3, 9, -100, 100]);
    expect(b.breakTimes()).toEqual([0.005]);
  });

  it('detects silences while folding (the min/max path) too', () => {
    const b = new SeriesBuffer(1, 10_000);
    b.setMinSpacing(0.01);
    b.setMinSilence(0.5);
    b.append(at(every(0, 3000, 1)));
    b.append(at(every(6000, 200, 1)));
    expect(b.breakTimes()).toEqual([6]);
    const t = arr(b.data()[0]);
    expect(t).toContain(6); // the point after the silence is stored as is
    expect(t.filter((s) => s > 3 && s < 6)).toEqual([]);
    // Folding still applies: 3.2 s at 1 kHz in 10 ms buckets is ~2 points per bucket.
    expect(b.length).toBeLessThan(700);
  });

  it('forgets breaks whose earlier point was trimmed or dropped, and all on reset', () => {
    const b = new SeriesBuffer(1, 1000);
    b.append(at(every(0, 30, 100))); // … 2.9 s
    b.append(at(every(5000, 10, 100))); // break at 5 s
    b.append(at(every(20_000, 10, 100))); // break at 20 s
    expect(b.breakTimes()).toEqual([5, 20]);
    b.trimBefore(4.95); // keeps 2.9 s before the edge: the 5 s break stays
    expect(b.breakTimes()).toEqual([5, 20]);
    b.trimBefore(5.5); // the point before the 5 s break is gone
    expect(b.firstTime()).toBe(5.4);
    expect(b.breakTimes()).toEqual([20]);
    b.reset();
    expect(b.breakTimes()).toEqual([]);
    b.append(at([30_000, 40_000]));
    expect(b.breakTimes()).toEqual([]);
  });

  it('drops breaks with the points at the capacity cap', () => {
    const b = new SeriesBuffer(1, 40);
    b.append(at(every(0, 30, 100)));
    b.append(at(every(5000, 5, 100))); // break at 5 s
    expect(b.breakTimes()).toEqual([5]);
    b.append(at(every(5500, 40, 10))); // the cap drops every point before the break
    expect(b.firstTime()).toBeGreaterThanOrEqual(5);
    expect(b.breakTimes()).toEqual([]);
  });
});
