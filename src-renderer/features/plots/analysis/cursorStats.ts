// A/B cursor measurements: Δt, 1/Δt, and per series the values at A and B, Δy and min/max/mean/RMS
// of the points between the cursors. Pure, on the same columns uPlot draws.

export interface SeriesMeasure {
  atA: number;
  atB: number;
  dy: number;
  min: number;
  max: number;
  mean: number;
  rms: number;
  /** Points between the cursors (inclusive). */
  count: number;
}

export interface CursorMeasure {
  dt: number;
  /** 1/|Δt|; Infinity when the cursors coincide. */
  freq: number;
  series: SeriesMeasure[];
}

/** First index with t ≥ x (t ascending). */
export function lowerBound(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Linear interpolation of (t, y) at x, clamped to the ends; NaN when empty. */
export function valueAt(t: ArrayLike<number>, y: ArrayLike<number>, x: number): number {
  const n = t.length;
  if (n === 0) return Number.NaN;
  const i = lowerBound(t, x);
  if (i <= 0) return y[0] as number;
  if (i >= n) return y[n - 1] as number;
  const t0 = t[i - 1] as number;
  const t1 = t[i] as number;
  const y0 = y[i - 1] as number;
  const y1 = y[i] as number;
  return t1 > t0 ? y0 + ((y1 - y0) * (x - t0)) / (t1 - t0) : y1;
}

export function measureSeries(t: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): SeriesMeasure {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let i = lowerBound(t, lo); i < t.length && (t[i] as number) <= hi; i++) {
    const v = y[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSq += v * v;
    count++;
  }
  const atA = valueAt(t, y, a);
  const atB = valueAt(t, y, b);
  return {
    atA,
    atB,
    dy: atB - atA,
    min: count ? min : Number.NaN,
    max: count ? max : Number.NaN,
    mean: count ? sum / count : Number.NaN,
    rms: count ? Math.sqrt(sumSq / count) : Number.NaN,
    count,
  };
}

/** Measures every value column of `data` ([t, y1, y2, …]) between cursor times a and b. */
export function measureCursors(data: readonly ArrayLike<number>[], a: number, b: number): CursorMeasure {
  const t = data[0] ?? [];
  const dt = b - a;
  return {
    dt,
    freq: dt === 0 ? Number.POSITIVE_INFINITY : 1 / Math.abs(dt),
    series: data.slice(1).map((y) => measureSeries(t, y, a, b)),
  };
}
