/**
 * Index of the first frame at or after `timeMs`. Recorded times rise but may step back a
 * little (clock corrections), so this is a binary search followed by a short walk back.
 */
export function firstIndexAtOrAfter(times: Float64Array, frames: number, timeMs: number): number {
  let lo = 0;
  let hi = frames;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < timeMs) lo = mid + 1;
    else hi = mid;
  }
  while (lo > 0 && (times[lo - 1] as number) >= timeMs) lo--;
  return lo;
}
