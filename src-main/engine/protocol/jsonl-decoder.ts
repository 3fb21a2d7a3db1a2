// JSON lines: one object per line, scanned in place. Numeric fields become
// channels named by their dotted path (`imu.ax`); strings, booleans, null and
// arrays are skipped. Anything that is not a valid object line is malformed.
import { MAX_FORMAT_CHANNELS } from '@shared/domain/frame-layout.js';
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import { compact } from './kv-decoder.js';
import { NameTable, equals } from './name-table.js';
import { scan, scanNumber } from './number-scan.js';

const STRIDE = MAX_FORMAT_CHANNELS;
const MAX_DEPTH = 8;
const MAX_PATH = 256;
const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COLON = 58;
const COMMA = 44;
const DOT = 46;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const UTF8 = new TextEncoder();
const TRUE = UTF8.encode('true');
const FALSE = UTF8.encode('false');
const NULL = UTF8.encode('null');

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

export interface JsonlDecoderOptions {
  eol: number;
  seqPath?: string;
  names: readonly string[];
}

export class JsonlDecoder implements FrameDecoder {
  readonly seqModulo = 0;
  private table = new NameTable(MAX_FORMAT_CHANNELS);
  private seqPath: Uint8Array | undefined;
  private path = new Uint8Array(MAX_PATH);
  // Per-line state, fields so the recursive scanner needs no closures.
  private buf: Uint8Array = new Uint8Array(0);
  private end = 0;
  private base = 0;
  private values = new Float64Array(0);
  private seq = NaN;
  private hint = 0;
  private known = 0;
  private fresh = 0;
  private unknown = 0;
  private newNames: Uint8Array[] = [];
  private newValues: number[] = [];

  constructor(private readonly o: JsonlDecoderOptions) {
    this.seqPath = o.seqPath === undefined ? undefined : UTF8.encode(o.seqPath);
    this.table.sync(o.names);
  }

  names(): readonly string[] {
    return this.table.names();
  }

  sync(names: readonly string[]): void {
    this.table.sync(names);
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const eol = this.o.eol;
    const len = bytes.length;
    scratch.ensure(countByte(bytes, eol) + 1, STRIDE);
    this.values = scratch.values;
    this.buf = bytes;
    const table = this.table;
    const out = emptyCounts(0);
    let lines = 0;
    let frames = 0;
    let prevBad = false;
    let i = 0;
    while (i < len) {
      let lineEnd = bytes.indexOf(eol, i);
      if (lineEnd < 0) lineEnd = len;
      this.end = lineEnd;
      this.base = frames * STRIDE;
      this.known = table.size;
      for (let c = 0; c < this.known; c++) this.values[this.base + c] = NaN;
      this.seq = NaN;
      this.hint = 0;
      this.fresh = 0;
      this.unknown = 0;
      let p = this.ws(i);
      let ok = p < lineEnd && bytes[p] === LBRACE;
      if (ok) {
        p = this.object(p + 1, 0, 0);
        ok = p >= 0 && this.ws(p) === lineEnd;
      }
      if (ok) {
        for (let k = 0; k < this.fresh; k++) {
          const name = this.newNames[k] as Uint8Array;
          const before = table.size;
          const col = table.add(name, 0, name.length);
          if (col < 0) {
            this.unknown++;
            continue;
          }
          if (col >= before) for (let f = 0; f < frames; f++) this.values[f * STRIDE + col] = NaN;
          this.values[this.base + col] = this.newValues[k] as number;
        }
        out.unknownFields += this.unknown;
        scratch.seqs[frames] = this.seq;
        scratch.lineIndex[frames] = lines;
        frames++;
        prevBad = false;
      } else {
        out.malformed++;
        out.bytesDiscarded += Math.min(lineEnd + 1, len) - i;
        if (!prevBad) out.resyncs++;
        prevBad = true;
      }
      i = lineEnd + 1;
      lines++;
    }
    out.lines = lines;
    out.frames = frames;
    out.slots = lines;
    out.channels = compact(this.values, frames, table.size);
    this.buf = new Uint8Array(0);
    return out;
  }

  private ws(p: number): number {
    const b = this.buf;
    while (p < this.end && isWs(b[p] as number)) p++;
    return p;
  }

  /** Scans members after `{`; `prefix` bytes of this.path hold the parent path. Returns the index after `}` or -1. */
  private object(p: number, prefix: number, depth: number): number {
    const b = this.buf;
    const end = this.end;
    p = this.ws(p);
    if (p < end && b[p] === RBRACE) return p + 1;
    while (true) {
      if (p >= end || b[p] !== QUOTE) return -1;
      // Key: copied after the parent path (escapes kept verbatim; names stay consistent).
      let q = p + 1;
      let k = prefix;
      while (q < end && b[q] !== QUOTE) {
        if (b[q] === BACKSLASH) {
          if (k >= MAX_PATH - 1) return -1;
          this.path[k++] = BACKSLASH;
          q++;
          if (q >= end) return -1;
        }
        if (k >= MAX_PATH) return -1;
        this.path[k++] = b[q] as number;
        q++;
      }
      if (q >= end) return -1;
      p = this.ws(q + 1);
      if (p >= end || b[p] !== COLON) return -1;
      p = this.ws(p + 1);
      if (p >= end) return -1;
      const c = b[p] as number;
      if (c === LBRACE) {
        if (depth + 1 >= MAX_DEPTH || k >= MAX_PATH) return -1;
        this.path[k] = DOT;
        p = this.object(p + 1, k + 1, depth + 1);
        if (p < 0) return -1;
      } else if (c === QUOTE) {
        p = this.skipString(p);
        if (p < 0) return -1;
      } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
        scanNumber(b, p, end);
        if (!scan.ok) return -1;
        p = scan.end;
        this.number(k, scan.value);
      } else if (c === LBRACKET) {
        p = this.skipArray(p);
        if (p < 0) return -1;
      } else {
        const lit = c === 116 ? TRUE : c === 102 ? FALSE : c === 110 ? NULL : undefined;
        if (!lit || !equals(lit, b, p, Math.min(p + lit.length, end))) return -1;
        p += lit.length;
      }
      p = this.ws(p);
      if (p >= end) return -1;
      if (b[p] === COMMA) {
        p = this.ws(p + 1);
        continue;
      }
      if (b[p] === RBRACE) return p + 1;
      return -1;
    }
  }

  private number(pathLen: number, value: number): void {
    const path = this.path;
    if (this.seqPath && equals(this.seqPath, path, 0, pathLen)) {
      this.seq = value;
      return;
    }
    const col = this.table.find(path, 0, pathLen, this.hint);
    if (col >= 0) {
      this.values[this.base + col] = value;
      this.hint = col + 1;
      return;
    }
    for (let k = 0; k < this.fresh; k++) {
      if (equals(this.newNames[k] as Uint8Array, path, 0, pathLen)) {
        this.newValues[k] = value;
        return;
      }
    }
    if (this.known + this.fresh >= MAX_FORMAT_CHANNELS) {
      this.unknown++;
      return;
    }
    this.newNames[this.fresh] = path.slice(0, pathLen);
    this.newValues[this.fresh] = value;
    this.fresh++;
  }

  private skipString(p: number): number {
    const b = this.buf;
    const end = this.end;
    p++;
    while (p < end) {
      const c = b[p] as number;
      if (c === BACKSLASH) p += 2;
      else if (c === QUOTE) return p + 1;
      else p++;
    }
    return -1;
  }

  private skipArray(p: number): number {
    const b = this.buf;
    const end = this.end;
    let depth = 0;
    while (p < end) {
      const c = b[p] as number;
      if (c === QUOTE) {
        p = this.skipString(p);
        if (p < 0) return -1;
        continue;
      }
      if (c === LBRACKET || c === LBRACE) depth++;
      else if (c === RBRACKET || c === RBRACE) {
        depth--;
        if (depth === 0) return p + 1;
      }
      p++;
    }
    return -1;
  }
}
