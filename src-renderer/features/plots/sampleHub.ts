// The one place the sample stream lands for every plot, widget and the pause buffer: one
// subscription, one bounded buffer (the last RETAIN_SEC at chart resolution), read by any number
// of panels. Listeners hear "something new arrived" and pull what they show; nothing here draws.
import type { SampleBatch } from '@shared/api/samples.js';
import type { Unsubscribe } from '@shared/api/events.js';
import { SeriesBuffer } from './SeriesBuffer';

/** How far back the buffer reaches (s): the pause scroll-back range before the recording takes over. */
export const RETAIN_SEC = 600;
/** Float64 values the buffer may hold (×2 for its compaction room): ~48 MB. */
const VALUE_BUDGET = 3_000_000;
const MIN_CAPACITY = 20_000;
const MAX_CAPACITY = 300_000;

export interface Columns {
  /** Seconds. */
  t: Float64Array;
  /** One column per channel, aligned with t. */
  y: Float64Array[];
}

export function capacityFor(channels: number): number {
  return Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, Math.floor(VALUE_BUDGET / (channels + 1))));
}

export class SampleHub {
  private buffer: SeriesBuffer;
  private readonly listeners = new Set<(batch: SampleBatch) => void>();
  /** Bumped on every batch (and reset): panels compare it to skip redundant work. */
  version = 0;
  /** Epoch ms the newest batch arrived (performance.now() basis is not shared with the device). */
  lastArrival = 0;

  constructor(channels = 0) {
    this.buffer = this.makeBuffer(channels);
  }

  get channels(): number {
    return this.buffer.channels;
  }

  ingest(batch: SampleBatch): void {
    if (batch.channels !== this.buffer.channels) this.buffer = this.makeBuffer(batch.channels);
    else if (batch.reset) this.buffer.reset(batch.channels);
    this.buffer.append(batch);
    const last = this.buffer.lastTime();
    if (!Number.isNaN(last)) this.buffer.trimBefore(last - RETAIN_SEC);
    this.version++;
    this.lastArrival = Date.now();
    for (const l of this.listeners) l(batch);
  }

  /** Called after every batch (buffered by then); returns the unsubscribe. */
  subscribe(listener: (batch: SampleBatch) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Newest time (s), NaN when empty. */
  lastTime(): number {
    return this.buffer.lastTime();
  }

  /** Oldest buffered time (s), NaN when empty. */
  firstTime(): number {
    return this.buffer.firstTime();
  }

  /** Newest value of a channel, NaN when none. */
  latest(channel: number): number {
    const cols = this.buffer.data();
    const col = cols[channel + 1];
    return col && col.length > 0 ? (col[col.length - 1] as number) : Number.NaN;
  }

  /**
   * Views on the points in [t0, t1] (seconds) plus one point either side so lines enter from the
   * edges. Valid only until the next batch: copy what must outlive it.
   */
  range(t0: number, t1: number): Columns {
    const all = this.buffer.data();
    const t = all[0] ?? new Float64Array(0);
    const lo = Math.max(0, lowerBound(t, t0) - 1);
    const hi = Math.min(t.length, upperBound(t, t1) + 1);
    return { t: t.subarray(lo, hi), y: all.slice(1).map((c) => c.subarray(lo, hi)) };
  }

  /** The newest `n` points (views, same validity as range). */
  tail(n: number): Columns {
    const all = this.buffer.data();
    const t = all[0] ?? new Float64Array(0);
    const lo = Math.max(0, t.length - n);
    return { t: t.subarray(lo), y: all.slice(1).map((c) => c.subarray(lo)) };
  }

  private makeBuffer(channels: number): SeriesBuffer {
    const capacity = capacityFor(channels);
    const buffer = new SeriesBuffer(channels, capacity);
    // Fold only what is denser than RETAIN_SEC needs: 1 kHz × 8 channels keeps every point.
    buffer.setMinSpacing(RETAIN_SEC / capacity);
    return buffer;
  }
}

function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
