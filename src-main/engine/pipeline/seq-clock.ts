// Sample time from a frame sequence number at a known device rate: time = anchor + seq / rate,
// the device's own timebase, with the anchor corrected slowly towards arrival time so a device
// clock a little fast or slow does not drift away from wall clock. Never runs backwards.
// - The anchor follows the lower envelope of (arrival − seq × period): a frame cannot have been
//   sampled after it arrived, and the frames that arrived soonest carry the least delay. It
//   moves down (the sample would be later than its arrival) at most SLEW_DOWN of a period per
//   frame and up at most SLEW_UP, so one late or early batch never jerks the timebase and the
//   step between frames stays within ±0.1 % of the period.
// - Wrap: a counter of `modulo` values (e.g. 65536 for u16) continues past its wrap.
// - Restart: the sequence runs backwards (not a wrap) or jumps ahead by more than `maxJump`
//   frames: the device restarted; the timebase is re-anchored at the arrival (still after the
//   last time handed out).
// Times are whole microseconds (what exports keep), in epoch ms.

/** Down: a device clock up to 1000 ppm fast is followed. */
export const SLEW_DOWN = 1e-3;
/** Up: a device clock up to 500 ppm slow is followed. */
export const SLEW_UP = 5e-4;

export interface SeqClockOptions {
  /** Device frame rate (frames per second). */
  rateHz: number;
  /** Values of the sequence counter before it wraps (0: never wraps). */
  modulo?: number;
  /** A forward jump of more frames than this is a restart, not lost frames (default 1 000 000). */
  maxJump?: number;
}

export class SeqClock {
  private readonly periodUs: number;
  private readonly modulo: number;
  private readonly maxJump: number;
  /** Wall clock (µs, fractional) of unwrapped sequence 0. */
  private offsetUs = Number.NaN;
  /** Unwrapped sequence of the last frame, and its raw value. */
  private unwrapped = 0;
  private lastSeq = Number.NaN;
  /** Last time handed out (µs). */
  private lastUs = Number.NEGATIVE_INFINITY;
  /** Restarts seen (the device counter ran backwards or jumped). */
  restarts = 0;

  constructor(opts: SeqClockOptions) {
    if (!(opts.rateHz > 0)) throw new Error('SeqClock: the device rate must be above 0 Hz');
    this.periodUs = 1e6 / opts.rateHz;
    this.modulo = opts.modulo ?? 0;
    this.maxJump = opts.maxJump ?? 1_000_000;
  }

  reset(): void {
    this.offsetUs = Number.NaN;
    this.lastSeq = Number.NaN;
    this.unwrapped = 0;
    this.lastUs = Number.NEGATIVE_INFINITY;
  }

  /** The sample time (epoch ms on a whole microsecond) of the frame with sequence `seq` that arrived at `arrivedAt` (epoch ms). */
  place(seq: number, arrivedAt: number): number {
    const arrivalUs = arrivedAt * 1000;
    if (Number.isNaN(this.lastSeq)) {
      this.unwrapped = 0;
      this.offsetUs = arrivalUs;
    } else {
      let step = seq - this.lastSeq;
      if (this.modulo > 0 && step < 0 && -step > this.modulo / 2) step += this.modulo;
      if (step <= 0 || step > this.maxJump) {
        // Restarted: a new timebase from this arrival, never before what was handed out.
        this.restarts++;
        this.unwrapped = 0;
        this.offsetUs = Math.max(arrivalUs, this.lastUs + this.periodUs);
      } else {
        this.unwrapped += step;
        // Slow correction towards the lower envelope of arrival − seq × period.
        const error = arrivalUs - (this.offsetUs + this.unwrapped * this.periodUs);
        const limit = (error < 0 ? SLEW_DOWN : SLEW_UP) * this.periodUs * step;
        this.offsetUs += Math.max(-limit, Math.min(limit, error));
      }
    }
    this.lastSeq = seq;
    let us = Math.round(this.offsetUs + this.unwrapped * this.periodUs);
    if (us <= this.lastUs) us = this.lastUs + 1;
    this.lastUs = us;
    return us / 1000;
  }
}
