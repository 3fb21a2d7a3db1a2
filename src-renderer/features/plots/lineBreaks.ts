// Where the live chart's line must not be drawn: from the last point before a break
// (the link sent nothing) to the first point after it. uPlot breaks a line only at
// `null` values (with `spanGaps` off), which the Float64Array columns cannot hold, and
// it draws straight through NaN (the canvas skips the point, the segment joins its
// neighbours). So SeriesBuffer keeps the times of the points that start a new line, and
// these become the series' clip gaps through uPlot's `gaps` option.

/** [from, to] in canvas pixels, as uPlot's gaps. */
export type PixelGap = [from: number, to: number];

/** First index in [lo, hi) with xs[i] ≥ t. */
function lowerBound(xs: ArrayLike<number>, t: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with xs[i] > t. */
function upperBound(xs: readonly number[], t: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Gaps for the breaks drawn in xs[idx0..idx1]: from the pixel of the point before each
 * break to the pixel of the break's point. Breaks whose point is not in xs (trimmed, or
 * newer than a frozen view) are skipped.
 */
export function lineBreakGaps(xs: ArrayLike<number>, breaks: readonly number[], idx0: number, idx1: number, toPx: (t: number) => number): PixelGap[] {
  const out: PixelGap[] = [];
  if (breaks.length === 0 || idx1 <= idx0 || idx1 >= xs.length) return out;
  const lo = xs[idx0] as number;
  const hi = xs[idx1] as number;
  let k = idx0 + 1;
  // A break at xs[idx0] itself joins nothing drawn: its previous point is outside the range.
  for (let b = upperBound(breaks, lo); b < breaks.length; b++) {
    const t = breaks[b] as number;
    if (t > hi) break;
    k = lowerBound(xs, t, k, idx1 + 1);
    if (k > idx1 || xs[k] !== t) continue;
    const a = toPx(xs[k - 1] as number);
    const z = toPx(t);
    if (z > a) out.push([a, z]);
  }
  return out;
}

/** Both gap lists as one, by position (uPlot's clip expects them in order). */
export function mergeGaps(a: readonly PixelGap[], b: readonly PixelGap[]): PixelGap[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  return [...a, ...b].sort((x, y) => x[0] - y[0]);
}

/** Breaks with time in (min, max]: the ones a view of [min, max] shows. */
export function breaksWithin(breaks: readonly number[], min: number, max: number): number {
  return Math.max(0, upperBound(breaks, max) - upperBound(breaks, min));
}
