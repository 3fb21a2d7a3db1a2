// Evenly spaced samples from the chart's time-stamped points, for the FFT: the chart data is
// min/max decimated and jittered, a spectrum needs a fixed step.

export interface Uniform {
  values: Float64Array;
  dtSec: number;
}

/** Median spacing (s) of the last points of `t` (seconds, ascending); NaN with fewer than two. */
export function medianSpacing(t: ArrayLike<number>, last = 2048): number {
  const from = Math.max(1, t.length - last);
  const d: number[] = [];
  for (let i = from; i < t.length; i++) {
    const step = (t[i] as number) - (t[i - 1] as number);
    if (step > 0) d.push(step);
  }
  if (d.length === 0) return Number.NaN;
  d.sort((a, b) => a - b);
  return d[d.length >> 1] as number;
}

/**
 * The newest `n` values at step `dtSec` ending at the newest point, linearly interpolated.
 * Null when the points do not reach back n·dt (the FFT window is larger than what is buffered).
 */
export function resampleTail(t: ArrayLike<number>, y: ArrayLike<number>, n: number, dtSec: number): Uniform | null {
  const len = t.length;
  if (len < 2 || !(dtSec > 0)) return null;
  const end = t[len - 1] as number;
  const start = end - (n - 1) * dtSec;
  if (start < (t[0] as number)) return null;
  const values = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const ts = start + i * dtSec;
    while (j < len - 2 && (t[j + 1] as number) < ts) j++;
    const t0 = t[j] as number;
    const t1 = t[j + 1] as number;
    const y0 = y[j] as number;
    const y1 = y[j + 1] as number;
    values[i] = t1 > t0 ? y0 + ((y1 - y0) * (ts - t0)) / (t1 - t0) : y0;
  }
  return { values, dtSec };
}
