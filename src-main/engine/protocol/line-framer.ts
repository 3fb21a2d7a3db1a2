// Cuts a byte stream into batches of complete frames ending in a delimiter byte:
// LF (or a custom byte) for text lines, END for SLIP, 0x00 for COBS. Partial frames
// are carried to the next chunk; one longer than maxLineBytes is discarded and counted.

const LF = 10;
const EMPTY = new Uint8Array(0);

export interface FramedBatch {
  /** Complete lines (ending in LF); owns its buffer so it can be transferred. */
  bytes: Uint8Array;
  lines: number;
  /** Epoch ms when the newest chunk of the batch arrived. */
  arrivedAt: number;
  /** performance.now() when the oldest chunk of the batch arrived: latency starts here. */
  firstArrivalMono: number;
}

export interface LineFramerOptions {
  maxLineBytes: number;
  /** A batch is emitted once it holds this many bytes… */
  maxBatchBytes: number;
  /** …or this long after its first bytes arrived. */
  maxDelayMs: number;
  onBatch: (batch: FramedBatch) => void;
  /** The byte that ends a frame (default LF). */
  delimiter?: number;
  /**
   * Sees the first complete line after construction or reset (a CSV header);
   * returns true when it consumed the line, which then is not passed on.
   */
  firstLine?: (line: Uint8Array) => boolean;
}

export class LineFramer {
  private carry: Uint8Array = EMPTY;
  /** Inside a line that already exceeded maxLineBytes: discard up to the next LF. */
  private overflowing = false;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingLines = 0;
  private pendingFirstMono = 0;
  private pendingArrivedAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Lines dropped for exceeding maxLineBytes. */
  overlongLines = 0;
  /** Bytes discarded with over-long lines. */
  discardedBytes = 0;
  private readonly delim: number;
  private awaitingFirst: boolean;
  /** Bytes were skipped mid-line (not measuring): the next bytes up to a delimiter are the tail of an unseen frame. */
  private resyncing = false;

  constructor(private readonly opts: LineFramerOptions) {
    this.delim = opts.delimiter ?? LF;
    this.awaitingFirst = opts.firstLine !== undefined;
  }

  push(chunk: Uint8Array, now = Date.now(), mono = performance.now()): void {
    if (this.resyncing) {
      const at = chunk.indexOf(this.delim);
      if (at < 0) return;
      this.resyncing = false;
      chunk = chunk.subarray(at + 1);
      if (chunk.length === 0) return;
    }
    const lastLf = chunk.lastIndexOf(this.delim);
    if (lastLf < 0) {
      this.appendCarry(chunk);
      return;
    }
    // The first line of the chunk completes whatever was carried.
    const firstLf = chunk.indexOf(this.delim);
    let start = 0;
    let prefix: Uint8Array | undefined;
    if (this.overflowing) {
      this.discardedBytes += firstLf + 1;
      this.overflowing = false;
      start = firstLf + 1;
    } else if (this.carry.length + firstLf > this.opts.maxLineBytes) {
      this.overlongLines++;
      this.discardedBytes += this.carry.length + firstLf + 1;
      start = firstLf + 1;
    } else if (this.carry.length > 0) {
      prefix = this.carry;
    }
    this.carry = EMPTY;

    // Count the lines; any over-long line inside the chunk is cut out (the first
    // line was already checked together with the carry, so it never trips this).
    let lines = 0;
    let lineStart = start;
    let kept: Uint8Array[] | undefined;
    let keptFrom = start;
    for (let i = start; i <= lastLf; i++) {
      if (chunk[i] !== this.delim) continue;
      if (i - lineStart > this.opts.maxLineBytes) {
        this.overlongLines++;
        this.discardedBytes += i - lineStart + 1;
        kept ??= prefix ? [prefix] : [];
        if (lineStart > keptFrom) kept.push(chunk.subarray(keptFrom, lineStart));
        keptFrom = i + 1;
      } else {
        lines++;
      }
      lineStart = i + 1;
    }
    if (lastLf + 1 < chunk.length) this.appendCarry(chunk.subarray(lastLf + 1));
    if (lines === 0) return;

    let complete: Uint8Array;
    if (kept) {
      if (lastLf + 1 > keptFrom) kept.push(chunk.subarray(keptFrom, lastLf + 1));
      complete = concat(kept, kept.reduce((n, p) => n + p.length, 0));
    } else if (prefix) {
      complete = new Uint8Array(prefix.length + lastLf + 1);
      complete.set(prefix, 0);
      complete.set(chunk.subarray(0, lastLf + 1), prefix.length);
    } else {
      complete = chunk.slice(start, lastLf + 1);
    }
    this.enqueue(complete, lines, now, mono);
  }

  /** Emits whatever complete lines are pending now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pendingLines === 0) return;
    const bytes = this.pending.length === 1 ? (this.pending[0] as Uint8Array) : concat(this.pending, this.pendingBytes);
    const batch: FramedBatch = { bytes, lines: this.pendingLines, arrivedAt: this.pendingArrivedAt, firstArrivalMono: this.pendingFirstMono };
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingLines = 0;
    this.opts.onBatch(batch);
  }

  /**
   * Bytes the stream delivered that are not framed (the device was not measuring): the frame they
   * cut is forgotten, and if they end mid-frame the rest of it is dropped when pushing resumes, so a
   * frame is never spliced from two places of the stream.
   */
  skip(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.carry = EMPTY;
    this.overflowing = false;
    this.resyncing = chunk[chunk.length - 1] !== this.delim;
  }

  /** Forgets carried and pending bytes (device reset / reconfigure). Returns lines discarded. */
  reset(): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pendingLines;
    this.carry = EMPTY;
    this.overflowing = false;
    this.resyncing = false;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingLines = 0;
    this.awaitingFirst = this.opts.firstLine !== undefined;
    return lines;
  }

  private enqueue(bytes: Uint8Array, lines: number, now: number, mono: number): void {
    if (this.awaitingFirst && this.opts.firstLine) {
      this.awaitingFirst = false;
      const end = bytes.indexOf(this.delim) + 1;
      if (this.opts.firstLine(bytes.subarray(0, end))) {
        bytes = bytes.subarray(end);
        lines--;
        if (lines === 0) return;
      }
    }
    if (this.pendingLines === 0) this.pendingFirstMono = mono;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.pendingLines += lines;
    this.pendingArrivedAt = now;
    if (this.pendingBytes >= this.opts.maxBatchBytes) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.maxDelayMs);
  }

  private appendCarry(part: Uint8Array): void {
    if (this.overflowing) {
      this.discardedBytes += part.length;
      return;
    }
    if (this.carry.length + part.length > this.opts.maxLineBytes) {
      // Already too long to ever be valid: count it now and skip to the next LF.
      this.overlongLines++;
      this.discardedBytes += this.carry.length + part.length;
      this.carry = EMPTY;
      this.overflowing = true;
      return;
    }
    const next = new Uint8Array(this.carry.length + part.length);
    next.set(this.carry, 0);
    next.set(part, this.carry.length);
    this.carry = next;
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
