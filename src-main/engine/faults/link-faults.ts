// Link faults: a byte-stream transform between any link's onData and the pipeline.
// Frame-level choices (drop, truncate, corrupt) are made once per frame, when its
// first byte arrives, so a frame spanning chunks is treated as one unit. All
// accounting is in delimiters, which keeps it exact however the stream is chunked:
//   delimiters out = delimiters in − framesDropped − framesStalled + framesReplayed
// (frame-mode faults; dropping single bytes may also remove delimiters).
import type { FaultRequest } from '@shared/domain/faults.js';
import { countByte } from '../protocol/decode-types.js';

export type LinkFault = Extract<FaultRequest, { kind: 'drop' | 'corrupt' | 'latency' | 'stall' | 'flood' | 'truncate' }>;

const STREAM_KINDS: ReadonlySet<string> = new Set<LinkFault['kind']>(['drop', 'corrupt', 'latency', 'stall', 'flood', 'truncate']);

/** Whether the injector handles `request` (every link fault but 'disconnect', which the engine does). */
export function isLinkFault(request: FaultRequest): request is LinkFault {
  return STREAM_KINDS.has(request.kind);
}

export interface LinkFaultCounters {
  framesDropped: number;
  bytesDropped: number;
  framesCorrupted: number;
  framesTruncated: number;
  framesReplayed: number;
  framesStalled: number;
  bytesStalled: number;
  chunksDelayed: number;
}

export interface LinkFaultInjectorOptions {
  emit(chunk: Uint8Array): void;
  delimiter: number;
  binary: boolean;
  random?: () => number;
  /** Monotonic ms clock for latency (default performance.now). */
  now?: () => number;
}

const SLIP_END = 0xc0;
const SLIP_ESC = 0xdb;
/** Text corruption flips this bit: digits and punctuation become letters. */
const TEXT_BIT = 0x40;
/** A held frame (truncate/corrupt) longer than this has no delimiter in sight: pass it on. */
const MAX_HOLD = 1 << 20;
/** Copy buffers kept for reuse (delayed and corrupted chunks). */
const SPARE_BUFFERS = 32;
/** Timers may fire up to ~1 ms early relative to performance.now(). */
const TIMER_SLACK_MS = 1;

// Per-frame mode, decided at the frame's first byte.
const UNDECIDED = 0;
const PASS = 1;
const DROP = 2;
const STALL = 3;
/** Buffered until its delimiter, then truncated and/or corrupted. */
const HOLD = 4;
type Mode = typeof UNDECIDED | typeof PASS | typeof DROP | typeof STALL | typeof HOLD;

interface Chance {
  id: string;
  p: number;
}

interface Delayed {
  due: number;
  data: Uint8Array;
  repeat: number;
}

class ByteSink {
  buf = new Uint8Array(256);
  len = 0;

  reserve(extra: number): void {
    const need = this.len + extra;
    if (need <= this.buf.length) return;
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  append(src: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    this.buf.set(src.subarray(from, to), this.len);
    this.len += to - from;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b;
  }
}

const zeroCounters = (): LinkFaultCounters => ({
  framesDropped: 0,
  bytesDropped: 0,
  framesCorrupted: 0,
  framesTruncated: 0,
  framesReplayed: 0,
  framesStalled: 0,
  bytesStalled: 0,
  chunksDelayed: 0,
});

export class LinkFaultInjector {
  readonly counters: LinkFaultCounters = zeroCounters();
  private readonly emit: (chunk: Uint8Array) => void;
  private readonly random: () => number;
  private readonly now: () => number;
  private delimiter: number;
  private binary: boolean;

  private faultCount = 0;
  private stallId: string | undefined;
  private dropFrames: Chance[] = [];
  private dropBytes: Chance[] = [];
  private truncates: Chance[] = [];
  private corrupts: Chance[] = [];
  private flood: { id: string; factor: number } | undefined;
  private latencies: { id: string; latencyMs: number; jitterMs: number }[] = [];
  private readonly affectedById = new Map<string, number>();

  private mode: Mode = UNDECIDED;
  /** The fault that decided DROP / STALL for the current frame. */
  private frameBy = '';
  private truncateBy: string | undefined;
  private corruptBy: string | undefined;
  /** Fast path: frames left before the next corrupted one (−1: draw again). */
  private corruptSkip = -1;
  private readonly hold = new ByteSink();
  private readonly out = new ByteSink();

  private spare: ArrayBuffer[] = [];
  private queue: Delayed[] = [];
  private queueHead = 0;
  private lastDue = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: LinkFaultInjectorOptions) {
    this.emit = opts.emit;
    this.delimiter = opts.delimiter;
    this.binary = opts.binary;
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? (() => performance.now());
  }

  /** The framing changed: the frame in progress is forgotten. */
  setDelimiter(delimiter: number, binary: boolean): void {
    this.delimiter = delimiter;
    this.binary = binary;
    this.resetFrame();
  }

  /**
   * Replaces the running link faults. The frame in progress keeps its decision; a
   * new stall takes effect at once. Several faults of one kind: drops/truncates/
   * corrupts each get their chance, latencies add up, the largest flood factor wins.
   */
  setFaults(faults: ReadonlyArray<{ id: string; fault: LinkFault }>): void {
    this.faultCount = faults.length;
    this.corruptSkip = -1;
    this.stallId = undefined;
    this.dropFrames = [];
    this.dropBytes = [];
    this.truncates = [];
    this.corrupts = [];
    this.flood = undefined;
    this.latencies = [];
    const keep = new Map<string, number>();
    for (const { id, fault } of faults) {
      keep.set(id, this.affectedById.get(id) ?? 0);
      switch (fault.kind) {
        case 'stall':
          this.stallId ??= id;
          break;
        case 'drop':
          (fault.unit === 'bytes' ? this.dropBytes : this.dropFrames).push({ id, p: fault.percent / 100 });
          break;
        case 'truncate':
          this.truncates.push({ id, p: fault.percent / 100 });
          break;
        case 'corrupt':
          this.corrupts.push({ id, p: fault.percent / 100 });
          break;
        case 'flood':
          if (!this.flood || fault.factor > this.flood.factor) this.flood = { id, factor: fault.factor };
          break;
        case 'latency':
          this.latencies.push({ id, latencyMs: fault.latencyMs, jitterMs: fault.jitterMs });
          break;
      }
    }
    // Only current faults are counted (a removed fault's count is no longer asked for).
    this.affectedById.clear();
    for (const [id, n] of keep) this.affectedById.set(id, n);
  }

  /** Delayed chunks not yet delivered (latency fault). */
  get pending(): number {
    return this.queue.length - this.queueHead;
  }

  get active(): boolean {
    return this.faultCount > 0;
  }

  /** Frames (bytes for drop-bytes) fault `id` has affected; 0 for unknown ids. */
  affected(id: string): number {
    return this.affectedById.get(id) ?? 0;
  }

  push(chunk: Uint8Array): void {
    // Fast path: no fault, no frame half-way through a decision, nothing queued ahead.
    if (this.faultCount === 0 && (this.mode === UNDECIDED || this.mode === PASS) && this.queueHead === this.queue.length) {
      this.emit(chunk);
      return;
    }
    if (this.pushWholeFrames(chunk)) return;
    const len = chunk.length;
    const delim = this.delimiter;
    const out = this.out;
    out.len = 0;
    let frames = 0;
    // While every segment passes untouched, the output is the input itself.
    let identity = true;
    let pos = 0;
    while (pos < len) {
      if (this.mode === UNDECIDED) this.decide();
      else if (this.stallId !== undefined && (this.mode === PASS || this.mode === HOLD)) {
        this.counters.bytesStalled += this.hold.len;
        this.hold.len = 0;
        this.mode = STALL;
        this.frameBy = this.stallId;
      }
      const at = chunk.indexOf(delim, pos);
      const ends = at >= 0;
      const end = ends ? at + 1 : len;
      const bodyEnd = ends ? at : len;
      if (this.mode === PASS && this.dropBytes.length === 0) {
        if (!identity) out.append(chunk, pos, end);
        if (ends) frames++;
      } else {
        if (identity) {
          out.append(chunk, 0, pos);
          identity = false;
        }
        switch (this.mode) {
          case STALL:
            this.counters.bytesStalled += end - pos;
            if (ends) {
              this.counters.framesStalled++;
              this.bump(this.frameBy, 1);
            }
            break;
          case DROP:
            if (ends) {
              this.counters.framesDropped++;
              this.bump(this.frameBy, 1);
            }
            break;
          case PASS:
            this.keepBytes(chunk, pos, bodyEnd, out);
            if (ends && !this.byteDropped()) {
              out.byte(delim);
              frames++;
            } else if (ends) {
              // A lost delimiter merges two frames into one: one frame fewer reaches the framer.
              this.counters.framesDropped++;
            }
            break;
          case HOLD:
            this.keepBytes(chunk, pos, bodyEnd, this.hold);
            if (ends) {
              if (this.finishHeld(!this.byteDropped())) frames++;
              else this.counters.framesDropped++;
            } else if (this.hold.len > MAX_HOLD) {
              out.append(this.hold.buf, 0, this.hold.len);
              this.hold.len = 0;
              this.mode = PASS;
            }
            break;
        }
      }
      if (ends) this.mode = UNDECIDED;
      pos = end;
    }
    if (identity) this.deliver(chunk, frames);
    else if (out.len > 0) this.deliver(out.buf.subarray(0, out.len), frames);
  }

  /**
   * The common case fast: only corruption (one fault), latency and flood, none of which
   * changes a frame's length. One copy of the chunk, bits flipped in place, and the
   * corrupted frames chosen by geometric skips (one random draw per corrupted frame, not
   * one per frame). Returns false when another fault needs the general, per-frame path.
   */
  private pushWholeFrames(chunk: Uint8Array): boolean {
    if (this.stallId !== undefined || this.dropFrames.length > 0 || this.dropBytes.length > 0 || this.truncates.length > 0 || this.corrupts.length > 1) {
      return false;
    }
    if (this.mode !== UNDECIDED && this.mode !== PASS) return false;
    const corrupt = this.corrupts[0];
    const len = chunk.length;
    const delim = this.delimiter;
    let pos = 0;
    let frames = 0;
    // The rest of a frame that started in an earlier chunk was decided there.
    if (this.mode === PASS) {
      const at = chunk.indexOf(delim);
      if (at < 0) {
        this.deliver(chunk, 0);
        return true;
      }
      frames++;
      pos = at + 1;
      this.mode = UNDECIDED;
    }
    let data = chunk;
    let owned = false;
    if (corrupt === undefined) {
      // Only flood needs the frame count (for its replay counter); latency counts chunks.
      if (this.flood) frames += countByte(pos > 0 ? chunk.subarray(pos) : chunk, delim);
      if (chunk.lastIndexOf(delim) < len - 1) this.mode = PASS;
    } else {
      while (pos < len) {
        if (this.corruptSkip < 0) this.corruptSkip = this.skipFor(corrupt.p);
        // Whole frames to pass before the next corrupted one.
        while (this.corruptSkip > 0 && pos < len) {
          const at = chunk.indexOf(delim, pos);
          if (at < 0) {
            pos = len;
            this.mode = PASS;
            this.corruptSkip--;
            break;
          }
          frames++;
          pos = at + 1;
          this.corruptSkip--;
        }
        if (pos >= len || this.corruptSkip > 0) break;
        const at = chunk.indexOf(delim, pos);
        const end = at < 0 ? len : at;
        if (!owned) {
          data = this.copy(chunk);
          owned = true;
        }
        // A frame cut by the chunk end is corrupted in the part seen here; its rest passes.
        if (this.corrupt(data.subarray(pos, end), end - pos)) {
          this.counters.framesCorrupted++;
          this.bump(corrupt.id, 1);
        }
        this.corruptSkip = -1;
        if (at < 0) {
          this.mode = PASS;
          break;
        }
        frames++;
        pos = at + 1;
      }
    }
    this.deliver(data, frames, owned);
    return true;
  }

  /** Frames to let through before the next hit, for a per-frame chance p (geometric). */
  private skipFor(p: number): number {
    if (p >= 1) return 0;
    if (p <= 0) return Number.MAX_SAFE_INTEGER;
    return Math.floor(Math.log(1 - this.random()) / Math.log(1 - p));
  }

  /** Cancels delayed chunks (their frames count as dropped) and forgets the frame in progress. */
  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const d = this.queue[i] as Delayed;
      this.counters.framesDropped += countByte(d.data, this.delimiter) * d.repeat;
    }
    this.queue = [];
    this.queueHead = 0;
    this.lastDue = -Infinity;
    this.resetFrame();
  }

  private resetFrame(): void {
    this.mode = UNDECIDED;
    this.hold.len = 0;
    this.truncateBy = undefined;
    this.corruptBy = undefined;
    this.corruptSkip = -1;
  }

  private bump(id: string, n: number): void {
    const cur = this.affectedById.get(id);
    if (cur !== undefined) this.affectedById.set(id, cur + n);
  }

  private decide(): void {
    this.truncateBy = undefined;
    this.corruptBy = undefined;
    if (this.stallId !== undefined) {
      this.mode = STALL;
      this.frameBy = this.stallId;
      return;
    }
    const drop = this.pick(this.dropFrames);
    if (drop !== undefined) {
      this.mode = DROP;
      this.frameBy = drop;
      return;
    }
    this.truncateBy = this.pick(this.truncates);
    this.corruptBy = this.pick(this.corrupts);
    this.mode = this.truncateBy !== undefined || this.corruptBy !== undefined ? HOLD : PASS;
  }

  /** The first fault whose chance hits, or undefined. */
  private pick(chances: readonly Chance[]): string | undefined {
    for (const c of chances) if (this.random() < c.p) return c.id;
    return undefined;
  }

  /** Whether one byte is lost to a drop-bytes fault (counted). */
  private byteDropped(): boolean {
    if (this.dropBytes.length === 0) return false;
    const id = this.pick(this.dropBytes);
    if (id === undefined) return false;
    this.counters.bytesDropped++;
    this.bump(id, 1);
    return true;
  }

  private keepBytes(src: Uint8Array, from: number, to: number, sink: ByteSink): void {
    if (this.dropBytes.length === 0) {
      sink.append(src, from, to);
      return;
    }
    sink.reserve(to - from);
    for (let i = from; i < to; i++) if (!this.byteDropped()) sink.buf[sink.len++] = src[i] as number;
  }

  /** Truncates / corrupts the held body and appends it; true when its delimiter went out. */
  private finishHeld(delimiterKept: boolean): boolean {
    const body = this.hold.buf;
    let len = this.hold.len;
    if (this.truncateBy !== undefined && len > 0) {
      len = Math.min(len - 1, Math.floor(this.random() * len));
      this.counters.framesTruncated++;
      this.bump(this.truncateBy, 1);
    }
    if (this.corruptBy !== undefined && this.corrupt(body, len)) {
      this.counters.framesCorrupted++;
      this.bump(this.corruptBy, 1);
    }
    this.out.append(body, 0, len);
    this.hold.len = 0;
    if (delimiterKept) this.out.byte(this.delimiter);
    return delimiterKept;
  }

  /** Flips one bit of body[0, len); false when no byte can be flipped safely. */
  private corrupt(body: Uint8Array, len: number): boolean {
    if (len === 0) return false;
    const delim = this.delimiter;
    if (!this.binary) {
      // Prefer a digit: it becomes a letter, so the number (and the line) is rejected.
      let digits = 0;
      for (let i = 0; i < len; i++) if (isDigit(body[i] as number)) digits++;
      if (digits > 0) {
        let k = Math.floor(this.random() * digits);
        for (let i = 0; i < len; i++) {
          if (isDigit(body[i] as number) && k-- === 0) {
            body[i] = (body[i] as number) ^ TEXT_BIT;
            return true;
          }
        }
      }
      let eligible = 0;
      for (let i = 0; i < len; i++) if (((body[i] as number) ^ TEXT_BIT) !== delim) eligible++;
      if (eligible === 0) return false;
      let k = Math.floor(this.random() * eligible);
      for (let i = 0; i < len; i++) {
        if (((body[i] as number) ^ TEXT_BIT) !== delim && k-- === 0) {
          body[i] = (body[i] as number) ^ TEXT_BIT;
          return true;
        }
      }
      return false;
    }
    // Binary: never create a delimiter (a new frame) or, for SLIP, an END/ESC.
    const slip = delim === SLIP_END;
    const forbidden = (v: number): boolean => v === delim || (slip && (v === SLIP_END || v === SLIP_ESC));
    const i = Math.min(len - 1, Math.floor(this.random() * len));
    const b = body[i] as number;
    let allowed = 0;
    for (let bit = 0; bit < 8; bit++) if (!forbidden(b ^ (1 << bit))) allowed++;
    let k = Math.min(allowed - 1, Math.floor(this.random() * allowed));
    for (let bit = 0; bit < 8; bit++) {
      if (!forbidden(b ^ (1 << bit)) && k-- === 0) {
        body[i] = b ^ (1 << bit);
        return true;
      }
    }
    return false;
  }

  /** Flood, then latency. */
  private deliver(data: Uint8Array, frames: number, owned = false): void {
    let repeat = 1;
    if (this.flood) {
      repeat = this.flood.factor;
      const replayed = frames * (repeat - 1);
      this.counters.framesReplayed += replayed;
      this.bump(this.flood.id, replayed);
    }
    // Queued chunks are still ahead: later ones wait behind them (order is kept).
    if (this.latencies.length > 0 || this.queueHead < this.queue.length) {
      let delay = 0;
      for (const l of this.latencies) {
        delay += l.latencyMs + this.random() * l.jitterMs;
        // Latency counts the chunks it held (counting their frames would be a second scan of every byte).
        this.bump(l.id, repeat);
      }
      const due = Math.max(this.lastDue, this.now() + delay);
      this.lastDue = due;
      // The producer reuses its buffer, and so do we (the receiver copies what it keeps).
      this.queue.push({ due, data: owned ? data : this.copy(data), repeat });
      this.counters.chunksDelayed += repeat;
      if (this.timer === undefined) this.arm();
      return;
    }
    for (let r = 0; r < repeat; r++) this.emit(data);
    if (owned) this.recycle(data);
  }

  /** A copy in a recycled buffer: at flood rates fresh 100 KB copies per chunk keep the GC busy. */
  private copy(src: Uint8Array): Uint8Array {
    let buf: ArrayBuffer | undefined;
    while ((buf = this.spare.pop()) !== undefined && buf.byteLength < src.length);
    const view = new Uint8Array(buf ?? new ArrayBuffer(Math.max(src.length, 64 * 1024)), 0, src.length);
    view.set(src);
    return view;
  }

  private recycle(view: Uint8Array): void {
    if (this.spare.length < SPARE_BUFFERS) this.spare.push(view.buffer as ArrayBuffer);
  }

  private arm(): void {
    const head = this.queue[this.queueHead];
    if (head === undefined) return;
    this.timer = setTimeout(() => this.release(), Math.max(0, Math.ceil(head.due - this.now())));
  }

  private release(): void {
    this.timer = undefined;
    const now = this.now() + TIMER_SLACK_MS;
    try {
      while (this.queueHead < this.queue.length) {
        const d = this.queue[this.queueHead] as Delayed;
        if (d.due > now) break;
        this.queueHead++;
        for (let r = 0; r < d.repeat; r++) this.emit(d.data);
        this.recycle(d.data);
      }
    } finally {
      if (this.queueHead === this.queue.length) {
        this.queue = [];
        this.queueHead = 0;
      } else {
        // Under steady traffic the queue never empties: drop the delivered prefix now and then.
        if (this.queueHead >= 1024) {
          this.queue.splice(0, this.queueHead);
          this.queueHead = 0;
        }
        if (this.timer === undefined) this.arm();
      }
    }
  }
}

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}
