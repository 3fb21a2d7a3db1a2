// Main-thread framer for sync-word framings: hunts whole, checksum-valid frames in the
// stream (see SyncScanner) and batches them for the pool. What it discards is counted
// here, so the pool only ever sees whole frames.
import type { FramedBatch } from './line-framer.js';
import type { SyncCut } from './frame-cut.js';
import { SyncScanner, emptyScanCounts, type ScanCounts } from './sync-scanner.js';

export interface SyncFramerOptions {
  maxBatchBytes: number;
  maxDelayMs: number;
  onBatch: (batch: FramedBatch) => void;
}

const EMPTY = new Uint8Array(0);

export class SyncFramer {
  readonly counts: ScanCounts = emptyScanCounts();
  private readonly scanner: SyncScanner;
  private carry: Uint8Array = EMPTY;
  private out: Uint8Array;
  private outLen = 0;
  private outFrames = 0;
  private firstMono = 0;
  private arrivedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cut: SyncCut,
    private readonly opts: SyncFramerOptions,
  ) {
    this.scanner = new SyncScanner(cut);
    this.out = new Uint8Array(opts.maxBatchBytes + cut.maxFrameBytes);
  }

  /** Frames over the maximum length (claimed by their length field). */
  get overlongLines(): number {
    return this.counts.overlong;
  }

  get discardedBytes(): number {
    return this.counts.bytesDiscarded;
  }

  /** What the framer discarded: the pool never sees these bytes. */
  integrity(): { overlongLines: number; bytesDiscarded: number; checksumFailures: number; malformed: number; resyncs: number } {
    const c = this.counts;
    return { overlongLines: c.overlong, bytesDiscarded: c.bytesDiscarded, checksumFailures: c.checksumFailures, malformed: c.malformed, resyncs: c.resyncs };
  }

  clearCounts(): void {
    Object.assign(this.counts, emptyScanCounts());
  }

  push(chunk: Uint8Array, now = Date.now(), mono = performance.now()): void {
    let buf = chunk;
    if (this.carry.length > 0) {
      buf = new Uint8Array(this.carry.length + chunk.length);
      buf.set(this.carry, 0);
      buf.set(chunk, this.carry.length);
    }
    if (this.outFrames === 0) this.firstMono = mono;
    this.arrivedAt = now;
    let took = 0;
    const rest = this.scanner.scan(buf, 0, buf.length, false, this.counts, (start, _p, payloadEnd) => {
      this.take(buf, start, payloadEnd + this.cut.bytes);
      took++;
    });
    this.carry = rest < buf.length ? buf.slice(rest) : EMPTY;
    if (took === 0 || this.outFrames === 0) return;
    if (this.outLen >= this.opts.maxBatchBytes) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.maxDelayMs);
  }

  private take(buf: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.outLen + n > this.out.length) this.flush();
    this.out.set(buf.subarray(start, end), this.outLen);
    this.outLen += n;
    this.outFrames++;
  }

  /**
   * End of stream: the carried tail is hunted to its last byte (a frame that can no longer
   * complete gives up its bytes) and everything pending is emitted.
   */
  finish(): void {
    const buf = this.carry;
    this.carry = EMPTY;
    this.scanner.scan(buf, 0, buf.length, true, this.counts, (start, _p, payloadEnd) => this.take(buf, start, payloadEnd + this.cut.bytes));
    this.flush();
  }

  /** Bytes carried: the start of a frame that may still complete. */
  get carried(): number {
    return this.carry.length;
  }

  /** Emits the frames pending now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.outFrames === 0) return;
    const batch: FramedBatch = { bytes: this.out.slice(0, this.outLen), lines: this.outFrames, arrivedAt: this.arrivedAt, firstArrivalMono: this.firstMono };
    this.outLen = 0;
    this.outFrames = 0;
    this.opts.onBatch(batch);
  }

  /** Forgets carried and pending bytes. Returns the frames discarded. */
  reset(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const frames = this.outFrames;
    this.carry = EMPTY;
    this.outLen = 0;
    this.outFrames = 0;
    this.scanner.reset();
    return frames;
  }
}
