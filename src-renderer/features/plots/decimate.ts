// Min/max decimation for drawing: columns [x, y1, …, yn] sharing one ascending x axis are folded
// to at most two points per pixel column (each series' min and max there, in the order they
// occurred), so a line drawn from them covers exactly the pixels the full data would. uPlot then
// walks ~2 points per pixel instead of every sample (10 k × 8 per frame at the default 1 kHz).

/** Reusable output storage (grown on demand), so drawing allocates nothing per frame. */
export class Decimator {
  private out: Float64Array[] = [];

  /**
   * The columns folded into `buckets` equal slices of [xMin, xMax]; the input itself when it already
   * has no more than two points per slice. Returned arrays are views valid until the next call.
   */
  decimate(cols: readonly Float64Array[], xMin: number, xMax: number, buckets: number): Float64Array[] {
    const xs = cols[0];
    const n = xs?.length ?? 0;
    if (!xs || buckets < 1 || !(xMax > xMin) || n <= 2 * buckets + 2) return cols as Float64Array[];
    const cap = 2 * buckets + 4;
    if (this.out.length !== cols.length || (this.out[0]?.length ?? 0) < cap) this.out = cols.map(() => new Float64Array(cap));
    const out = this.out;
    const ox = out[0] as Float64Array;
    const scale = buckets / (xMax - xMin);
    const bucketOf = (x: number): number => Math.min(buckets - 1, Math.max(0, Math.floor((x - xMin) * scale)));
    let m = 0;
    let i = 0;
    while (i < n) {
      const b = bucketOf(xs[i] as number);
      let j = i + 1;
      while (j < n && bucketOf(xs[j] as number) === b) j++;
      if (j - i === 1) {
        for (let c = 0; c < cols.length; c++) (out[c] as Float64Array)[m] = (cols[c] as Float64Array)[i] as number;
        m += 1;
      } else {
        ox[m] = xs[i] as number;
        ox[m + 1] = xs[j - 1] as number;
        for (let c = 1; c < cols.length; c++) {
          const ys = cols[c] as Float64Array;
          let lo = i;
          let hi = i;
          for (let k = i + 1; k < j; k++) {
            const v = ys[k] as number;
            if (v < (ys[lo] as number)) lo = k;
            if (v > (ys[hi] as number)) hi = k;
          }
          const o = out[c] as Float64Array;
          o[m] = ys[lo <= hi ? lo : hi] as number;
          o[m + 1] = ys[lo <= hi ? hi : lo] as number;
        }
        m += 2;
      }
      i = j;
    }
    return out.map((o) => o.subarray(0, m));
  }
}
