// Oscilloscope trigger: finds level crossings on one channel and decides which sweep to show.
// Pure: the plot feeds it the buffered columns after each batch and draws the range it returns.
//
// A sweep spans `spanSec`; `prePct` of it lies before the trigger point. A crossing counts only
// once there is enough history before it for the pre-trigger part and `holdoffSec` has passed
// since the previous trigger. Auto shows the rolling tail when nothing triggered for a span;
// Normal keeps the last sweep until a new one completes; Single captures one sweep and disarms.

export type TriggerEdge = 'rising' | 'falling';
export type TriggerMode = 'auto' | 'normal' | 'single';

export interface TriggerSettings {
  level: number;
  edge: TriggerEdge;
  /** Share of the sweep before the trigger point, 0…100. */
  prePct: number;
  mode: TriggerMode;
  holdoffSec: number;
  spanSec: number;
}

export interface Sweep {
  /** Trigger time (s); NaN for an untriggered (Auto) sweep. */
  trigger: number;
  start: number;
  end: number;
}

/** Index of the first crossing at or after `from` (the point at or past the level), or −1. */
export function findCrossing(y: ArrayLike<number>, level: number, edge: TriggerEdge, from = 1): number {
  for (let i = Math.max(1, from); i < y.length; i++) {
    const prev = y[i - 1] as number;
    const cur = y[i] as number;
    if (edge === 'rising' ? prev < level && cur >= level : prev > level && cur <= level) return i;
  }
  return -1;
}

/** Crossing time interpolated between the two points around the level. */
function crossingTime(t: ArrayLike<number>, y: ArrayLike<number>, i: number, level: number): number {
  const t0 = t[i - 1] as number;
  const t1 = t[i] as number;
  const y0 = y[i - 1] as number;
  const y1 = y[i] as number;
  return y1 === y0 ? t1 : t0 + ((level - y0) * (t1 - t0)) / (y1 - y0);
}

export class TriggerState {
  private settings: TriggerSettings;
  /** The sweep on screen (complete), or null before the first. */
  private shown: Sweep | null = null;
  /** A trigger seen whose sweep is not complete yet. */
  private pending: Sweep | null = null;
  private lastTrigger = Number.NEGATIVE_INFINITY;
  /** Points at or before this time (s) were already searched. */
  private searched = Number.NEGATIVE_INFINITY;
  private armed = true;
  /** Sweeps captured since the last arm/settings change. */
  captured = 0;

  constructor(settings: TriggerSettings) {
    this.settings = settings;
  }

  get isArmed(): boolean {
    return this.armed;
  }

  /** New settings restart the search (and re-arm Single). */
  configure(settings: TriggerSettings): void {
    this.settings = settings;
    this.rearm();
  }

  rearm(): void {
    this.armed = true;
    this.pending = null;
    this.shown = null;
    this.captured = 0;
    this.lastTrigger = Number.NEGATIVE_INFINITY;
  }

  /**
   * Looks at the buffered columns (t in s, ascending) and returns the sweep to draw, or null when
   * nothing can be drawn yet (Normal/Single before the first trigger).
   */
  update(t: ArrayLike<number>, y: ArrayLike<number>): Sweep | null {
    const n = t.length;
    if (n < 2) return this.shown;
    const { spanSec, prePct, holdoffSec, level, edge, mode } = this.settings;
    const pre = (spanSec * Math.min(100, Math.max(0, prePct))) / 100;
    const first = t[0] as number;
    const newest = t[n - 1] as number;
    if (this.pending && newest >= this.pending.end) this.complete();
    while (this.armed && !this.pending) {
      const from = Math.max(this.lastTrigger + holdoffSec, first + pre);
      // Strictly after the last point searched, so every pass moves on.
      const i = Math.max(firstAfter(t, this.searched), lowerIndex(t, from));
      const hit = findCrossing(y, level, edge, Math.max(1, i));
      if (hit < 0) {
        this.searched = Math.max(this.searched, newest);
        break;
      }
      const at = crossingTime(t, y, hit, level);
      this.searched = t[hit] as number;
      if (at < from) continue;
      this.lastTrigger = at;
      this.pending = { trigger: at, start: at - pre, end: at - pre + spanSec };
      if (newest >= this.pending.end) this.complete();
    }
    if (mode === 'auto' && (!this.shown || newest - this.shown.end > spanSec) && !this.pending) {
      return { trigger: Number.NaN, start: newest - spanSec, end: newest };
    }
    return this.shown;
  }

  private complete(): void {
    if (!this.pending) return;
    this.shown = this.pending;
    this.pending = null;
    this.captured++;
    if (this.settings.mode === 'single') this.armed = false;
  }
}

function lowerIndex(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAfter(t: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
