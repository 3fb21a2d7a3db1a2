// Latest, min, max and mean per channel since a reset, accumulated from every sample batch
// (exact: the raw batch columns, not the decimated chart buffer).

export interface Stat {
  latest: number;
  min: number;
  max: number;
  mean: number;
  count: number;
}

export class ChannelStats {
  private min: number[] = [];
  private max: number[] = [];
  private sum: number[] = [];
  private count: number[] = [];
  private latest: number[] = [];

  reset(): void {
    this.min = [];
    this.max = [];
    this.sum = [];
    this.count = [];
    this.latest = [];
  }

  /** Column-major values of one batch: channel c, point i at y[c * n + i]. */
  add(channels: number, n: number, y: ArrayLike<number>): void {
    for (let c = 0; c < channels; c++) {
      let lo = this.min[c] ?? Number.POSITIVE_INFINITY;
      let hi = this.max[c] ?? Number.NEGATIVE_INFINITY;
      let sum = this.sum[c] ?? 0;
      let count = this.count[c] ?? 0;
      for (let i = 0; i < n; i++) {
        const v = y[c * n + i] as number;
        if (!Number.isFinite(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
        sum += v;
        count++;
      }
      this.min[c] = lo;
      this.max[c] = hi;
      this.sum[c] = sum;
      this.count[c] = count;
      if (n > 0) this.latest[c] = y[c * n + n - 1] as number;
    }
  }

  get(channel: number): Stat {
    const count = this.count[channel] ?? 0;
    return {
      latest: this.latest[channel] ?? Number.NaN,
      min: count ? (this.min[channel] as number) : Number.NaN,
      max: count ? (this.max[channel] as number) : Number.NaN,
      mean: count ? (this.sum[channel] as number) / count : Number.NaN,
      count,
    };
  }
}
