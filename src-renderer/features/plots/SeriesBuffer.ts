// Aligned sample storage for the live chart: one time column (seconds) and one
// value column per channel, all Float64Array and sharing indices.
//
// Not a circular ring on purpose: uPlot draws contiguous arrays, so the data lives
// in [head, tail) of a buffer twice the cap. Trimming moves `head` (O(1)); appending
// compacts to index 0 only when the end is reached, which keeps appends amortised O(1)
// and lets the chart hand uPlot subarray views without copying.
//
// Line breaks: where the data stopped (a silence much longer than the usual spacing, or
// the breaker going stale) the first point after it starts a new line. Its time is kept
// in `breakTimes()` (the columns stay plain numbers: see lineBreaks.ts for why no NaN).

/** The columns of one sample batch, as the contract delivers them. */
import { SilenceDetector } from './silenceDetector';

export interface ColumnBatch {
  channels: number;
  /** Epoch ms, ascending. */
  t: Float64Array;
  /** Column-major: channel c, point i at y[c * t.length + i]. */
  y: Float64Array;
}

export const DEFAULT_CAPACITY = 20_000;
/** Line breaks kept at most (older ones are dropped, like points scrolled out). */
export const MAX_BREAKS = 1000;

export class SeriesBuffer {
  readonly capacity: number;
  private size: number;
  private chans: number;
  private t: Float64Array;
  private y: Float64Array[];
  private head = 0;
  private tail = 0;
  /** Minimum spacing (s) between stored buckets; 0 stores every point. */
  private minSpacing = 0;
  /** Start time of the open min/max bucket and how many slots (1 or 2) it holds. */
  private bucketT = Number.NEGATIVE_INFINITY;
  private bucketLen = 0;
  /** Cached views for uPlot, rebuilt only when head/tail moved. */
  private views: Float64Array[] = [];
  private viewHead = -1;
  private viewTail = -1;
  /** Times (s) of the points that start a new line, ascending, all within [head, tail). */
  private breaks: number[] = [];
  /** A requested break: the next point later than this (s) starts a new line; NaN when none. */
  private breakAfter = Number.NaN;
  private readonly silence = new SilenceDetector();

  constructor(channels: number, capacity = DEFAULT_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`capacity must be an integer ≥ 2, got ${capacity}`);
    this.capacity = capacity;
    this.size = capacity * 2;
    this.chans = Math.max(0, Math.floor(channels));
    this.t = new Float64Array(this.size);
    this.y = Array.from({ length: this.chans }, () => new Float64Array(this.size));
  }

  get channels(): number {
    return this.chans;
  }

  get length(): number {
    return this.tail - this.head;
  }

  /** Drops all points; a new channel count reallocates the value columns. */
  reset(channels = this.chans): void {
    const n = Math.max(0, Math.floor(channels));
    if (n !== this.chans) {
      this.chans = n;
      this.y = Array.from({ length: n }, () => new Float64Array(this.size));
    }
    this.head = 0;
    this.tail = 0;
    this.bucketLen = 0;
    this.bucketT = Number.NEGATIVE_INFINITY;
    this.viewHead = -1;
    this.breaks = [];
    this.breakAfter = Number.NaN;
    this.silence.reset();
  }

  /**
   * Points closer than `seconds` to the open bucket are folded into it as a min/max
   * pair, so a long window at a high rate keeps its envelope within the cap.
   */
  setMinSpacing(seconds: number): void {
    this.minSpacing = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  }

  /** Gaps between points up to `seconds` never break the line (the chart sets it from its window). */
  setMinSilence(seconds: number): void {
    this.silence.setMinSilence(seconds);
  }

  /**
   * The next point later than `afterSec` starts a new line: the data stopped (the
   * breaker opened). Points up to `afterSec` still arriving (in flight when it opened)
   * join the old line. A pending request keeps the earliest time.
   */
  breakLine(afterSec = Number.NEGATIVE_INFINITY): void {
    if (Number.isNaN(afterSec)) return;
    this.breakAfter = Number.isNaN(this.breakAfter) ? afterSec : Math.min(this.breakAfter, afterSec);
  }

  /** Times (s) of the points that start a new line, ascending. Valid until the next append or trim. */
  breakTimes(): readonly number[] {
    return this.breaks;
  }

  /** Time (s) of the newest point, NaN when empty. */
  lastTime(): number {
    return this.tail > this.head ? (this.t[this.tail - 1] ?? Number.NaN) : Number.NaN;
  }

  /** Time (s) of the oldest point, NaN when empty. */
  firstTime(): number {
    return this.tail > this.head ? (this.t[this.head] ?? Number.NaN) : Number.NaN;
  }

  /**
   * Appends a batch. Returns true when the channel count changed (the buffer was reset
   * and the plot must be rebuilt). Points older than the newest stored one are skipped:
   * uPlot needs ascending x.
   */
  append(batch: ColumnBatch): boolean {
    let layoutChanged = false;
    if (batch.channels !== this.chans) {
      this.reset(batch.channels);
      layoutChanged = true;
    }
    const n = batch.t.length;
    if (n === 0 || batch.y.length < n * this.chans) return layoutChanged;
    if (this.minSpacing > 0) this.appendDecimated(batch, n);
    else this.appendAll(batch, n);
    this.dropOldBreaks();
    return layoutChanged;
  }

  /** Moves the start past points older than `tSec`, keeping one so the line enters from the edge. */
  trimBefore(tSec: number): void {
    const i = this.lowerBound(tSec);
    const keep = Math.max(this.head, i - 1);
    if (keep > this.head) this.head = Math.min(keep, this.tail);
    if (this.tail - this.head < this.bucketLen) this.bucketLen = this.tail - this.head;
    this.dropOldBreaks();
  }

  /** Points with time ≥ tSec. */
  countSince(tSec: number): number {
    return this.tail - this.lowerBound(tSec);
  }

  /**
   * [time, ch0, ch1, …] as views on the storage, for uPlot. The same array object is
   * returned until the data moves; views are only valid until the next append.
   */
  data(): Float64Array[] {
    if (this.viewHead !== this.head || this.viewTail !== this.tail || this.views.length !== this.chans + 1) {
      this.views.length = 0;
      this.views.push(this.t.subarray(this.head, this.tail));
      for (const col of this.y) this.views.push(col.subarray(this.head, this.tail));
      this.viewHead = this.head;
      this.viewTail = this.tail;
    }
    return this.views;
  }

  /** Copies of the current columns: a frozen view that later appends cannot touch. */
  snapshot(): Float64Array[] {
    return this.data().map((col) => col.slice());
  }

  private appendAll(batch: ColumnBatch, n: number): void {
    // Skip points that would break ascending time, then keep at most `capacity` of the rest.
    const last = this.lastTime();
    let from = 0;
    if (!Number.isNaN(last)) while (from < n && (batch.t[from] ?? 0) / 1000 < last) from++;
    from = Math.max(from, n - this.capacity);
    const count = n - from;
    if (count <= 0) return;
    const excess = this.length + count - this.capacity;
    if (excess > 0) this.head += excess;
    if (this.tail + count > this.size) this.compact();
    const at = this.tail;
    let prev = last;
    for (let i = 0; i < count; i++) {
      const ts = (batch.t[from + i] ?? 0) / 1000;
      if (this.startsLine(ts, prev)) this.addBreak(ts);
      this.t[at + i] = ts;
      prev = ts;
    }
    for (let c = 0; c < this.chans; c++) {
      const col = this.y[c];
      if (col) col.set(batch.y.subarray(c * n + from, c * n + n), at);
    }
    this.tail += count;
    this.bucketLen = 0;
  }

  private appendDecimated(batch: ColumnBatch, n: number): void {
    const chans = this.chans;
    for (let i = 0; i < n; i++) {
      const ts = (batch.t[i] ?? 0) / 1000;
      const last = this.lastTime();
      if (ts < last) continue;
      if (this.startsLine(ts, last)) {
        // The point after a break opens a bucket of its own: it is never folded into the old line.
        this.addBreak(ts);
        this.bucketLen = 0;
      }
      if (this.bucketLen > 0 && ts - this.bucketT < this.minSpacing) {
        if (this.bucketLen === 1) {
          // Second point of the bucket: stored as is.
          const s = this.pushSlot();
          this.t[s] = ts;
          for (let c = 0; c < chans; c++) (this.y[c] as Float64Array)[s] = batch.y[c * n + i] ?? 0;
          this.bucketLen = 2;
        } else {
          // Later points widen the pair to the bucket's min (first slot) and max (second).
          const a = this.tail - 2;
          const b = this.tail - 1;
          this.t[b] = ts;
          for (let c = 0; c < chans; c++) {
            const col = this.y[c] as Float64Array;
            const v = batch.y[c * n + i] ?? 0;
            const va = col[a] ?? v;
            const vb = col[b] ?? v;
            col[a] = Math.min(va, vb, v);
            col[b] = Math.max(va, vb, v);
          }
        }
      } else {
        const s = this.pushSlot();
        this.t[s] = ts;
        for (let c = 0; c < chans; c++) (this.y[c] as Float64Array)[s] = batch.y[c * n + i] ?? 0;
        this.bucketT = ts;
        this.bucketLen = 1;
      }
    }
  }

  /** Whether the point at `ts` must not be joined to the newest stored point (at `last`, NaN when empty). */
  private startsLine(ts: number, last: number): boolean {
    const empty = Number.isNaN(last);
    if (ts > this.breakAfter && (empty || ts > last)) {
      this.breakAfter = Number.NaN;
      this.silence.skip();
      return !empty;
    }
    return !empty && this.silence.observe(ts - last);
  }

  private addBreak(ts: number): void {
    this.breaks.push(ts);
    if (this.breaks.length > MAX_BREAKS) this.breaks.splice(0, this.breaks.length - MAX_BREAKS);
  }

  /** Forgets breaks at or before the oldest point: the point they split from is gone. */
  private dropOldBreaks(): void {
    if (this.breaks.length === 0) return;
    const first = this.firstTime();
    let k = 0;
    if (Number.isNaN(first)) k = this.breaks.length;
    else while (k < this.breaks.length && (this.breaks[k] as number) <= first) k++;
    if (k > 0) this.breaks.splice(0, k);
  }

  /** Reserves one slot at the end, dropping the oldest point at the cap. */
  private pushSlot(): number {
    if (this.tail - this.head >= this.capacity) {
      this.head++;
      if (this.tail - this.head < this.bucketLen) this.bucketLen = this.tail - this.head;
    }
    if (this.tail === this.size) this.compact();
    return this.tail++;
  }

  private compact(): void {
    if (this.head === 0) return;
    this.t.copyWithin(0, this.head, this.tail);
    for (const col of this.y) col.copyWithin(0, this.head, this.tail);
    this.tail -= this.head;
    this.head = 0;
  }

  /** First index in [head, tail) with t ≥ tSec. */
  private lowerBound(tSec: number): number {
    let lo = this.head;
    let hi = this.tail;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.t[mid] ?? 0) < tSec) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
