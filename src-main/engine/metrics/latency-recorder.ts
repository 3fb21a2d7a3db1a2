// Keeps the most recent latency samples in a fixed ring so percentiles cost
// bounded memory however long the app runs.
import type { LatencyStats } from '@shared/domain/metrics.js';

/** Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied. */
export const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;

/** Cumulative since the recorder was made (Prometheus histogram semantics; clear() keeps it). */
export interface LatencyHistogram {
  /** Count of samples ≤ each bound of LATENCY_BUCKETS_S, then the total (+Inf). */
  cumulative: number[];
  sumSeconds: number;
  count: number;
}

export class LatencyRecorder {
  private ring: Float64Array;
  private next = 0;
  private filled = 0;
  private readonly buckets = new Float64Array(LATENCY_BUCKETS_S.length + 1);
  private sumMs = 0;
  private total = 0;

  constructor(capacity = 8192) {
    this.ring = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % this.ring.length;
    if (this.filled < this.ring.length) this.filled++;
    const s = ms / 1000;
    let i = 0;
    while (i < LATENCY_BUCKETS_S.length && s > (LATENCY_BUCKETS_S[i] ?? Infinity)) i++;
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    this.sumMs += ms;
    this.total++;
  }

  histogram(): LatencyHistogram {
    const cumulative: number[] = [];
    let n = 0;
    for (const c of this.buckets) cumulative.push((n += c));
    return { cumulative, sumSeconds: this.sumMs / 1000, count: this.total };
  }

  get count(): number {
    return this.filled;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  percentiles(): LatencyStats {
    if (this.filled === 0) return { p50: 0, p95: 0, p99: 0 };
    const sorted = this.ring.slice(0, this.filled).sort();
    const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
    return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
  }
}
