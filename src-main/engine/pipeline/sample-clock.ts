// Sample times of one link that never run backwards. Times are whole microseconds (what
// exports keep), strictly increasing per link:
// - arrival model: a batch's frames are spread back from its arrival by the nominal
//   period; where that would overlap the previous batch they are squeezed between the
//   last sample and the arrival (unknown period: spread evenly between the two);
// - device model: the format's time field (wrap-around unwrapped in the pool) drives the
//   time exactly, mapped to wall clock by the arrival of the first frame after a reset.
import type { DecodeResult } from './task.js';

export interface SlotTimes {
  /** Time of slot 0 (ms, on a whole microsecond). */
  t0: number;
  /** Time between slots (ms, a whole number of microseconds ≥ 1). */
  step: number;
}

export class SampleClock {
  /** Last time handed out (µs). */
  private lastUs = Number.NEGATIVE_INFINITY;
  /** Device model: wall clock (ms) of unwrapped device time 0, and the unwrapped raw time of the last frame placed. */
  private anchorMs = Number.NaN;
  private deviceUnwrapped = 0;
  private deviceLast = Number.NaN;

  reset(): void {
    this.lastUs = Number.NEGATIVE_INFINITY;
    this.anchorMs = Number.NaN;
    this.deviceUnwrapped = 0;
    this.deviceLast = Number.NaN;
  }

  /** Times for the `slots` frame candidates of a batch whose newest bytes arrived at `arrivedAt` (epoch ms). */
  assign(arrivedAt: number, slots: number, periodMs: number): SlotTimes {
    const arrivalUs = Math.round(arrivedAt * 1000);
    const n = Math.max(1, slots);
    const periodUs = periodMs > 0 ? Math.max(1, Math.round(periodMs * 1000)) : 0;
    let stepUs: number;
    let t0Us: number;
    if (periodUs > 0 && arrivalUs - (n - 1) * periodUs > this.lastUs) {
      stepUs = periodUs;
      t0Us = arrivalUs - (n - 1) * periodUs;
    } else if (this.lastUs === Number.NEGATIVE_INFINITY) {
      // First batch with an unknown period: a microsecond apart, ending at the arrival.
      stepUs = 1;
      t0Us = arrivalUs - (n - 1);
    } else {
      // Overlap (or unknown period): between the last sample and the arrival, never before the last.
      const room = Math.floor((arrivalUs - this.lastUs) / n);
      stepUs = Math.max(1, periodUs > 0 ? Math.min(periodUs, room) : room);
      t0Us = this.lastUs + stepUs;
    }
    this.lastUs = t0Us + (n - 1) * stepUs;
    return { t0: t0Us / 1000, step: stepUs / 1000 };
  }

  /**
   * Device model, at release (batches in order): shifts the batch's relative times onto
   * wall clock. `arrivedAt` anchors the first batch after a reset.
   */
  placeDevice(r: DecodeResult, arrivedAt: number, unitMs: number, modulo: number, full: Float64Array | undefined): void {
    if (Number.isNaN(r.deviceFirst)) return;
    if (Number.isNaN(this.deviceLast)) {
      this.deviceUnwrapped = 0;
      // The batch's last frame arrived at `arrivedAt`: its first frame is span earlier.
      this.anchorMs = Math.round((arrivedAt - r.deviceSpan * unitMs) * 1000) / 1000;
    } else {
      const step = r.deviceFirst - this.deviceLast;
      this.deviceUnwrapped += modulo > 0 ? ((step % modulo) + modulo) % modulo : step;
    }
    const offset = this.anchorMs + this.deviceUnwrapped * unitMs;
    shift(r.t, r.n, offset);
    shift(r.gaps, r.gaps.length, offset);
    if (full) shift(full, r.frames, offset);
    this.deviceUnwrapped += r.deviceSpan;
    this.deviceLast = r.deviceLast;
  }
}

function shift(a: Float64Array, n: number, by: number): void {
  for (let i = 0; i < n; i++) a[i] = (a[i] as number) + by;
}
