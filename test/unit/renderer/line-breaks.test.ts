import { describe, expect, it } from 'vitest';
import { breaksWithin, lineBreakGaps, mergeGaps } from '../../../src-renderer/features/plots/lineBreaks';
import { SILENCE_FACTOR, SilenceDetector, WARMUP_SEC } from '../../../src-renderer/features/plots/silenceDetector';

/** Feeds `count` intervals of `dt` s; returns how many were silences. */
function feed(d: SilenceDetector, dt: number, count: number): number {
  let silences = 0;
  for (let i = 0; i < count; i++) if (d.observe(dt)) silences++;
  return silences;
}

describe('SilenceDetector', () => {
  it('learns for the first seconds, then takes a much longer interval for a silence', () => {
    const d = new SilenceDetector();
    expect(d.observe(10)).toBe(false); // still learning: nothing is judged
    d.reset();
    expect(feed(d, 0.01, WARMUP_SEC / 0.01 + 1)).toBe(0);
    expect(d.limit()).toBeCloseTo(SILENCE_FACTOR * 0.01);
    expect(d.observe(0.03)).toBe(false); // jitter: learnt, the limit is now 5 × 30 ms
    expect(d.observe(0.2)).toBe(true);
    expect(d.observe(0.01)).toBe(false);
    // Not learnt: the same silence again is one.
    expect(d.observe(0.2)).toBe(true);
  });

  it('never judges empty or backward intervals', () => {
    const d = new SilenceDetector();
    feed(d, 0.01, 300);
    expect(d.observe(Number.NaN)).toBe(false);
    expect(d.observe(0)).toBe(false);
    expect(d.observe(-5)).toBe(false);
  });

  it('adopts a second long interval in a row as the new spacing (a slower source)', () => {
    const d = new SilenceDetector();
    feed(d, 0.001, 3000);
    expect(d.observe(1)).toBe(true);
    expect(d.observe(1)).toBe(false);
    expect(feed(d, 1, 10)).toBe(0);
  });

  it('applies the floor: intervals up to it are never silences', () => {
    const d = new SilenceDetector();
    d.setMinSilence(0.5);
    feed(d, 0.001, 3000);
    expect(d.limit()).toBe(0.5);
    expect(d.observe(0.5)).toBe(false);
    feed(d, 0.001, 10);
    // The 0.5 s interval was learnt as spacing: the limit rose.
    expect(d.limit()).toBeGreaterThan(2);
  });

  it('forgets an occasional long interval with time', () => {
    const d = new SilenceDetector();
    feed(d, 0.001, 3000);
    feed(d, 0.004, 1); // jitter within the limit: learnt
    expect(d.limit()).toBeCloseTo(0.02);
    feed(d, 0.001, 30_000); // 30 s later
    expect(d.limit()).toBeLessThan(0.006);
  });

  it('skip() ends a "slower source" streak (the interval after a requested break)', () => {
    const d = new SilenceDetector();
    feed(d, 0.001, 3000);
    expect(d.observe(1)).toBe(true);
    d.skip();
    expect(d.observe(1)).toBe(true);
  });
});

describe('lineBreakGaps', () => {
  const xs = [1, 2, 3, 10, 11, 12, 20, 21];
  const px = (t: number) => t * 10;

  it('clips from the point before each break to the break point', () => {
    expect(lineBreakGaps(xs, [10, 20], 0, xs.length - 1, px)).toEqual([
      [30, 100],
      [120, 200],
    ]);
  });

  it('only covers breaks inside the drawn range, and none at its first point', () => {
    expect(lineBreakGaps(xs, [10, 20], 3, 5, px)).toEqual([]);
    expect(lineBreakGaps(xs, [10, 20], 2, 5, px)).toEqual([[30, 100]]);
    expect(lineBreakGaps(xs, [10, 20], 4, 7, px)).toEqual([[120, 200]]);
  });

  it('skips breaks whose point is not in the data (trimmed, or newer than a frozen view)', () => {
    expect(lineBreakGaps(xs, [0.5, 9.5, 30], 0, xs.length - 1, px)).toEqual([]);
    expect(lineBreakGaps(xs, [], 0, xs.length - 1, px)).toEqual([]);
    expect(lineBreakGaps([], [1], 0, 0, px)).toEqual([]);
  });

  it('works on typed arrays (the columns uPlot gets) and drops zero-width gaps', () => {
    const t = Float64Array.from(xs);
    expect(lineBreakGaps(t, [10], 0, t.length - 1, () => 5)).toEqual([]);
    expect(lineBreakGaps(t, [10], 0, t.length - 1, (v) => Math.round(v))).toEqual([[3, 10]]);
  });
});

describe('mergeGaps / breaksWithin', () => {
  it('merges by position', () => {
    expect(mergeGaps([], [[1, 2]])).toEqual([[1, 2]]);
    expect(mergeGaps([[1, 2]], [])).toEqual([[1, 2]]);
    expect(
      mergeGaps(
        [[50, 60]],
        [
          [10, 20],
          [70, 80],
        ],
      ),
    ).toEqual([
      [10, 20],
      [50, 60],
      [70, 80],
    ]);
  });

  it('counts the breaks a view of (min, max] shows', () => {
    const breaks = [5, 10, 20];
    expect(breaksWithin(breaks, 0, 30)).toBe(3);
    expect(breaksWithin(breaks, 5, 20)).toBe(2);
    expect(breaksWithin(breaks, 21, 30)).toBe(0);
    expect(breaksWithin([], 0, 1)).toBe(0);
  });
});
