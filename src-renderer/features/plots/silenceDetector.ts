// Tells a silence in the data (the link sent nothing: an outage, a stall) from the
// source's normal spacing, so the live chart breaks its line there instead of joining
// the last point before the silence to the first one after it as if it were data.
//
// Normal spacing is a peak of the recent intervals that decays with time: jitter and
// clumped arrivals (a TCP device sending bursts) raise it, so they are never taken for
// silences. An interval is a silence when it is longer than SILENCE_FACTOR × that and
// than a floor the chart sets from its window (below it a break would hardly show).
// The first WARMUP_SEC of a series only teach the spacing (a burst rhythm is learnt
// before it is judged). A second long interval in a row is no silence but a slower
// source (a lower rate): it becomes the normal spacing, so the line is broken once,
// not at every point. Silences are not learnt: the next outage is seen as well.

/** An interval this many times the normal spacing is a silence. */
export const SILENCE_FACTOR = 5;
/** The normal spacing forgets a long interval with this half-life (s). */
export const SPACING_HALF_LIFE_SEC = 5;
/** Data time (s) a series only learns from before intervals are judged. */
export const WARMUP_SEC = 2;

export class SilenceDetector {
  private spacing = 0;
  /** Data time seen so far, up to WARMUP_SEC. */
  private learnt = 0;
  private afterSilence = false;
  private minSilence = 0;

  /** Intervals up to `seconds` are never silences. */
  setMinSilence(seconds: number): void {
    this.minSilence = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  }

  /** Forgets the spacing (a new series). */
  reset(): void {
    this.spacing = 0;
    this.learnt = 0;
    this.afterSilence = false;
  }

  /** The line was broken for another reason (the breaker opened): that interval says nothing about the spacing. */
  skip(): void {
    this.afterSilence = false;
  }

  /** The longest interval (s) that is not a silence now; Infinity while the spacing is being learnt. */
  limit(): number {
    return this.learnt >= WARMUP_SEC ? Math.max(this.minSilence, SILENCE_FACTOR * this.spacing) : Number.POSITIVE_INFINITY;
  }

  /** Classifies the interval (s) from the previous point to this one: true when the line must break before this point. */
  observe(dt: number): boolean {
    if (!(dt > 0)) return false;
    if (dt > this.limit() && !this.afterSilence) {
      this.afterSilence = true;
      return true;
    }
    this.afterSilence = false;
    this.spacing = Math.max(dt, this.spacing * Math.pow(0.5, dt / SPACING_HALF_LIFE_SEC));
    if (this.learnt < WARMUP_SEC) this.learnt += dt;
    return false;
  }
}
