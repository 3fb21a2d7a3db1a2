// Keeps the most recent latency samples in a fixed ring so percentiles cost
// bounded memory however long the app runs.
import type { LatencyStats } from '@shared/domain/metrics.js';

export class LatencyRecorder {
  private ring: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(capacity = 8192) {
    this.ring = new Float64Array(capacity);
  }

  record(ms: number): void {
    this.ring[this.next] = ms;
    this.next = (this.next + 1) % this.ring.length;
    if (this.filled < this.ring.length) this.filled++;
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
