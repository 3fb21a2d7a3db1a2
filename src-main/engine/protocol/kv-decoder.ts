// `name:value` pairs separated by spaces, commas or tabs (the Arduino Serial
// Plotter format). Channels appear as names are first seen; a frame lacking a
// known name gets NaN there. A non-numeric value drops the whole line.
import { MAX_FORMAT_CHANNELS } from '@shared/domain/frame-layout.js';
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import { NameTable, equals } from './name-table.js';
import { scan, scanNumber } from './number-scan.js';

const CR = 13;
const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const COLON = 58;
const STRIDE = MAX_FORMAT_CHANNELS;
const UTF8 = new TextEncoder();

function isSep(c: number): boolean {
  return c === SPACE || c === COMMA || c === TAB;
}

export interface KvDecoderOptions {
  eol: number;
  seqName?: string;
  names: readonly string[];
}

export class KvDecoder implements FrameDecoder {
  readonly seqModulo = 0;
  private table = new NameTable(MAX_FORMAT_CHANNELS);
  private seqName: Uint8Array | undefined;
  // Names first seen on the current line: added only if the line is valid.
  private newStart = new Int32Array(MAX_FORMAT_CHANNELS);
  private newEnd = new Int32Array(MAX_FORMAT_CHANNELS);
  private newValue = new Float64Array(MAX_FORMAT_CHANNELS);

  constructor(private readonly o: KvDecoderOptions) {
    this.seqName = o.seqName === undefined ? undefined : UTF8.encode(o.seqName);
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
    const values = scratch.values;
    const table = this.table;
    const seqName = this.seqName;
    const out = emptyCounts(0);
    let lines = 0;
    let frames = 0;
    let prevBad = false;
    let i = 0;
    while (i < len) {
      let lineEnd = bytes.indexOf(eol, i);
      if (lineEnd < 0) lineEnd = len;
      let end = lineEnd;
      if (end > i && bytes[end - 1] === CR) end--;
      const base = frames * STRIDE;
      const known = table.size;
      for (let c = 0; c < known; c++) values[base + c] = NaN;
      let seq = NaN;
      let pairs = 0;
      let fresh = 0;
      let unknown = 0;
      let status = 0; // 0 ok, 1 malformed, 2 non-numeric
      let hint = 0;
      let p = i;
      while (true) {
        while (p < end && isSep(bytes[p] as number)) p++;
        if (p >= end) break;
        const nameStart = p;
        while (p < end && bytes[p] !== COLON && !isSep(bytes[p] as number)) p++;
        if (p >= end || bytes[p] !== COLON || p === nameStart) {
          status = 1;
          break;
        }
        const nameEnd = p++;
        while (p < end && (bytes[p] === SPACE || bytes[p] === TAB)) p++;
        scanNumber(bytes, p, end);
        if (!scan.ok) {
          status = 2;
          break;
        }
        p = scan.end;
        if (p < end && !isSep(bytes[p] as number)) {
          status = 2;
          break;
        }
        pairs++;
        if (seqName && equals(seqName, bytes, nameStart, nameEnd)) {
          seq = scan.value;
          continue;
        }
        const col = table.find(bytes, nameStart, nameEnd, hint);
        if (col >= 0) {
          values[base + col] = scan.value;
          hint = col + 1;
        } else if (known + fresh < MAX_FORMAT_CHANNELS) {
          this.newStart[fresh] = nameStart;
          this.newEnd[fresh] = nameEnd;
          this.newValue[fresh] = scan.value;
          fresh++;
        } else unknown++;
      }
      if (status === 0 && pairs === 0) status = 1;
      if (status === 0) {
        for (let k = 0; k < fresh; k++) {
          const before = table.size;
          const col = table.add(bytes, this.newStart[k] as number, this.newEnd[k] as number);
          if (col < 0) {
            unknown++;
            continue;
          }
          // A new column: earlier frames of this batch did not have it.
          if (col >= before) for (let f = 0; f < frames; f++) values[f * STRIDE + col] = NaN;
          values[base + col] = this.newValue[k] as number;
        }
        out.unknownFields += unknown;
        scratch.seqs[frames] = seq;
        scratch.lineIndex[frames] = lines;
        frames++;
        prevBad = false;
      } else {
        if (status === 1) out.malformed++;
        else out.nonNumeric++;
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
    out.channels = compact(values, frames, table.size);
    return out;
  }
}

/** Packs rows of STRIDE columns into rows of `channels` columns, in place. */
export function compact(values: Float64Array, frames: number, channels: number): number {
  if (channels === STRIDE) return channels;
  for (let f = 0; f < frames; f++) {
    const from = f * STRIDE;
    const to = f * channels;
    for (let c = 0; c < channels; c++) values[to + c] = values[from + c] as number;
  }
  return channels;
}
