// Turns cumulative counters into per-second rates between two readings.

export class RateMeter {
  private last = new Map<string, number>();
  private lastAt = 0;

  /** Returns per-second rates of each counter since the previous call (0 on the first). */
  sample(counters: Record<string, number>, now = performance.now()): Record<string, number> {
    const dt = (now - this.lastAt) / 1000;
    const rates: Record<string, number> = {};
    for (const [k, v] of Object.entries(counters)) {
      const prev = this.last.get(k);
      rates[k] = prev === undefined || dt <= 0 ? 0 : Math.max(0, (v - prev) / dt);
      this.last.set(k, v);
    }
    this.lastAt = now;
    return rates;
  }

  reset(): void {
    this.last.clear();
  }
}
