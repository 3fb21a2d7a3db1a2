// What every frame decoder writes: values row-major into reusable scratch buffers,
// plus exact counts of what it had to discard and why. Decoders never throw.

/** Reusable output buffers, grown on demand so the worker allocates rarely. */
export class DecodeScratch {
  values = new Float64Array(0);
  /** Sequence number per frame; NaN when the format has none. */
  seqs = new Float64Array(0);
  /** Slot (line / frame candidate) of each valid frame inside the batch: drives its timestamp. */
  lineIndex = new Uint32Array(0);
  /** Raw device time per frame when the format has a time field (else untouched). */
  times = new Float64Array(0);
  /** Binary decoders: bytes on the wire of each valid frame (a frame found at the tail of a bad candidate is shorter than its slot). */
  frameBytes = new Uint32Array(0);

  ensure(frames: number, stride: number): void {
    if (this.seqs.length < frames) {
      const cap = Math.max(frames, this.seqs.length * 2, 1024);
      this.seqs = new Float64Array(cap);
      this.lineIndex = new Uint32Array(cap);
      this.times = new Float64Array(cap);
      this.frameBytes = new Uint32Array(cap);
    }
    if (this.values.length < frames * stride) {
      this.values = new Float64Array(Math.max(frames * stride, this.values.length * 2));
    }
  }
}

export interface DecodeCounts {
  /** Frame candidates seen (valid + discarded); each takes a time slot. */
  lines: number;
  /** Valid frames written to the scratch. */
  frames: number;
  /** Dropped for their shape: wrong field count, empty line, bad JSON, bad escape, wrong length. */
  malformed: number;
  /** Dropped because a field was not a number. */
  nonNumeric: number;
  /** Binary frames whose CRC did not match. */
  checksumFailures: number;
  /** Binary frames given up on: the decoder restarted at the next delimiter. */
  resyncs: number;
  /** Bytes (delimiters included) of every discarded frame. */
  bytesDiscarded: number;
  /** Fields ignored because the channel limit was reached. */
  unknownFields: number;
  /** Channels (columns) the frames of this batch have. */
  channels: number;
  /** Time slots (frame candidates that carried bytes); lineIndex counts these. Equals lines for text. */
  slots: number;
  /** Well-formed frames no layout decodes (a sentence type without a layout). */
  ignored: number;
  /** Frames a parser script rejected: it threw, returned the wrong shape or ran out of time. */
  scriptErrors: number;
  /** The latest script error of the batch, for the integrity panel. */
  lastError?: string;
}

export function emptyCounts(channels: number): DecodeCounts {
  return { lines: 0, frames: 0, malformed: 0, nonNumeric: 0, checksumFailures: 0, resyncs: 0, bytesDiscarded: 0, unknownFields: 0, channels, slots: 0, ignored: 0, scriptErrors: 0 };
}

/** Frames dropped by the decoder (each is counted in exactly one reason). */
export function droppedFrames(c: DecodeCounts): number {
  return c.malformed + c.nonNumeric + c.checksumFailures + c.scriptErrors;
}

export interface FrameDecoder {
  /**
   * Decodes every frame of `bytes` (complete frames, each ending in the delimiter;
   * a trailing unterminated frame is decoded too). Values land row-major with
   * `counts.channels` columns: frame f, channel c at f * channels + c.
   */
  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts;
  /** Channel names of the columns (dynamic formats grow this as names are first seen). */
  names(): readonly string[];
  /** Sequence numbers wrap modulo this (0: they do not wrap). */
  readonly seqModulo: number;
  /** With a device time field: ms per raw unit, and the raw value's wrap (0: none). */
  readonly deviceTime?: { unitMs: number; modulo: number };
  /** With an epoch time field: the frame's sample time is raw × unitMs, taken as is (a replay). */
  readonly epochTime?: { unitMs: number };
}

export function countByte(bytes: Uint8Array, b: number): number {
  let n = 0;
  let i = bytes.indexOf(b);
  while (i >= 0) {
    n++;
    i = bytes.indexOf(b, i + 1);
  }
  return n;
}
