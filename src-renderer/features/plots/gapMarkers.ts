// Times (s) where the device's sequence numbers jumped: drawn as markers on the
// live chart so lost frames are visible where they happened. Bounded.

export const MAX_GAP_MARKERS = 1000;

export class GapMarkers {
  private times: number[] = [];

  get count(): number {
    return this.times.length;
  }

  /** Adds the gap times of a sample batch (epoch ms, ascending). */
  add(gapsMs: ArrayLike<number> | undefined): void {
    if (!gapsMs) return;
    for (let i = 0; i < gapsMs.length; i++) this.times.push((gapsMs[i] as number) / 1000);
    if (this.times.length > MAX_GAP_MARKERS) this.times.splice(0, this.times.length - MAX_GAP_MARKERS);
  }

  reset(): void {
    this.times = [];
  }

  /** Forgets markers older than `seconds` (they scrolled out of the window). */
  trimBefore(seconds: number): void {
    let k = 0;
    while (k < this.times.length && (this.times[k] as number) < seconds) k++;
    if (k > 0) this.times.splice(0, k);
  }

  /** Markers within [min, max] seconds. */
  within(min: number, max: number): number[] {
    return this.times.filter((t) => t >= min && t <= max);
  }
}
