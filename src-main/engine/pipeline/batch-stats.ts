// Per-channel statistics of one batch, packed 5 numbers a channel so they
// travel inside the worker's single transferred buffer; merged on the main side.

export const STATS_FIELDS = 5; // count, min, max, sum, last

export function computeBatchStats(values: Float64Array, frames: number, channels: number, out: Float64Array): void {
  for (let c = 0; c < channels; c++) {
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let last = NaN;
    for (let f = 0; f < frames; f++) {
      const v = values[f * channels + c] as number;
      // NaN: the frame did not carry this channel (name:value / JSON lines).
      if (v !== v) continue;
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      last = v;
    }
    const o = c * STATS_FIELDS;
    out[o] = count;
    out[o + 1] = min;
    out[o + 2] = max;
    out[o + 3] = sum;
    out[o + 4] = last;
  }
}

/** Running statistics since the last reset, fed with batch stats in arrival order. */
export class RunningStats {
  private count: Float64Array;
  private min: Float64Array;
  private max: Float64Array;
  private sum: Float64Array;
  private last: Float64Array;

  constructor(readonly channels: number) {
    this.count = new Float64Array(channels);
    this.min = new Float64Array(channels).fill(Infinity);
    this.max = new Float64Array(channels).fill(-Infinity);
    this.sum = new Float64Array(channels);
    this.last = new Float64Array(channels).fill(NaN);
  }

  /** The same statistics with more channels (new ones empty). */
  grow(channels: number): RunningStats {
    const next = new RunningStats(channels);
    const n = Math.min(channels, this.channels);
    next.count.set(this.count.subarray(0, n));
    next.min.set(this.min.subarray(0, n));
    next.max.set(this.max.subarray(0, n));
    next.sum.set(this.sum.subarray(0, n));
    next.last.set(this.last.subarray(0, n));
    return next;
  }

  merge(batch: Float64Array): void {
    for (let c = 0; c < this.channels; c++) {
      const o = c * STATS_FIELDS;
      const n = batch[o] as number;
      if (n === 0) continue;
      this.count[c] = (this.count[c] as number) + n;
      this.min[c] = Math.min(this.min[c] as number, batch[o + 1] as number);
      this.max[c] = Math.max(this.max[c] as number, batch[o + 2] as number);
      this.sum[c] = (this.sum[c] as number) + (batch[o + 3] as number);
      this.last[c] = batch[o + 4] as number;
    }
  }

  snapshot(): { index: number; count: number; min: number; max: number; mean: number; last: number }[] {
    return Array.from({ length: this.channels }, (_, c) => {
      const count = this.count[c] as number;
      return {
        index: c,
        count,
        min: count ? (this.min[c] as number) : NaN,
        max: count ? (this.max[c] as number) : NaN,
        mean: count ? (this.sum[c] as number) / count : NaN,
        last: this.last[c] as number,
      };
    });
  }
}
