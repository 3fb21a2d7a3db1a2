// Decodes text frames `seq,v1,…,vN\n` by scanning bytes: no per-line string
// splitting on the hot path. Malformed lines are counted and skipped, never thrown.

const COMMA = 44;
const LF = 10;
const CR = 13;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;
const SPACE = 32;

// Exact powers of ten: mantissa / 10^k is then a single correctly rounded division.
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
// The rare-form field is plain ASCII; decoding it (rather than spreading the bytes
// into String.fromCharCode) cannot overflow the stack on a very long field.
const ASCII = new TextDecoder();

export interface DecodeOutput {
  /** Lines seen (valid + malformed); each takes a time slot. */
  lines: number;
  /** Valid frames written to `values`/`seqs`/`lineIndex`. */
  frames: number;
  /** Lines skipped because they were malformed (wrong field count, non-numeric, empty). */
  errors: number;
}

/** Reusable output buffers, grown on demand so the worker allocates rarely. */
export class DecodeScratch {
  values = new Float64Array(0);
  seqs = new Float64Array(0);
  lineIndex = new Uint32Array(0);

  ensure(frames: number, channels: number): void {
    if (this.seqs.length < frames) {
      const cap = Math.max(frames, this.seqs.length * 2, 1024);
      this.seqs = new Float64Array(cap);
      this.lineIndex = new Uint32Array(cap);
    }
    if (this.values.length < frames * channels) {
      this.values = new Float64Array(Math.max(frames * channels, this.values.length * 2));
    }
  }
}

export function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === LF) n++;
  return n;
}

/**
 * Decodes complete lines of `bytes` (a trailing partial line counts as a line).
 * Values land row-major in `scratch.values` (frame f, channel c at f * channels + c).
 */
export function decodeCsvFrames(bytes: Uint8Array, channels: number, scratch: DecodeScratch): DecodeOutput {
  const maxLines = countLines(bytes) + 1;
  scratch.ensure(maxLines, channels);
  const values = scratch.values;
  const seqs = scratch.seqs;
  const lineIndex = scratch.lineIndex;
  const fieldsPerFrame = channels + 1;
  const len = bytes.length;

  let lines = 0;
  let frames = 0;
  let errors = 0;
  let i = 0;

  while (i < len) {
    // One line: parse fields until LF; on any error skip to the LF.
    let field = 0;
    let ok = true;
    const base = frames * channels;
    let seq = 0;
    while (true) {
      // Parse one number starting at i.
      let c = bytes[i] ?? LF;
      while (c === SPACE) c = bytes[++i] ?? LF;
      let neg = false;
      if (c === MINUS || c === PLUS) {
        neg = c === MINUS;
        c = bytes[++i] ?? LF;
      }
      let mant = 0;
      let digits = 0;
      let scale = 0;
      while (c >= ZERO && c <= NINE) {
        mant = mant * 10 + (c - ZERO);
        digits++;
        c = bytes[++i] ?? LF;
      }
      if (c === DOT) {
        c = bytes[++i] ?? LF;
        while (c >= ZERO && c <= NINE) {
          mant = mant * 10 + (c - ZERO);
          digits++;
          scale++;
          c = bytes[++i] ?? LF;
        }
      }
      let value: number;
      if (digits === 0) {
        ok = false;
        break;
      } else if (c === LOWER_E || c === UPPER_E || digits > 15 || scale >= POW10.length) {
        // Rare forms: let the platform parse them exactly.
        const start = scanBackToFieldStart(bytes, i);
        let end = i;
        if (c === LOWER_E || c === UPPER_E) {
          end++;
          let d = bytes[end];
          if (d === MINUS || d === PLUS) d = bytes[++end];
          while (d !== undefined && d >= ZERO && d <= NINE) d = bytes[++end];
        }
        value = Number(ASCII.decode(bytes.subarray(start, end)));
        i = end;
        c = bytes[i] ?? LF;
        if (!Number.isFinite(value)) {
          ok = false;
          break;
        }
      } else {
        value = scale === 0 ? mant : mant / (POW10[scale] as number);
        if (neg) value = -value;
      }
      while (c === SPACE) c = bytes[++i] ?? LF;
      if (field === 0) seq = value;
      else if (field <= channels) values[base + field - 1] = value;
      field++;
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) c = bytes[++i] ?? LF;
      if (c !== LF) ok = false;
      break;
    }
    if (ok && field === fieldsPerFrame) {
      seqs[frames] = seq;
      lineIndex[frames] = lines;
      frames++;
    } else {
      errors++;
    }
    // Skip to just past the LF (already there when the line parsed cleanly).
    while (i < len && bytes[i] !== LF) i++;
    i++;
    lines++;
  }
  return { lines, frames, errors };
}

function scanBackToFieldStart(bytes: Uint8Array, i: number): number {
  let s = i;
  while (s > 0) {
    const p = bytes[s - 1];
    if (p === COMMA || p === LF || p === SPACE) break;
    s--;
  }
  return s;
}
