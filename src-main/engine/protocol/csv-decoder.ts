// CSV lines `seq,v1,…,vN` (or `v1,…,vN`) decoded by scanning bytes: one native
// indexOf per line for its end, numbers parsed in place, nothing split into strings.
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import { scan, scanNumber } from './number-scan.js';

const CR = 13;
const SPACE = 32;
const TAB = 9;

export interface CsvDecoderOptions {
  /** Value columns (the sequence field not included). */
  channels: number;
  seqField: boolean;
  /** Separator byte (`,` `;` TAB or SPACE; runs of spaces count as one when it is SPACE). */
  separator: number;
  /** Line end byte (LF for lf/crlf; a CR before it is ignored). */
  eol: number;
  names: readonly string[];
}

export function separatorByte(sep: ',' | ';' | 'tab' | 'space'): number {
  return sep === 'tab' ? TAB : sep === 'space' ? SPACE : sep.charCodeAt(0);
}

export class CsvDecoder implements FrameDecoder {
  readonly seqModulo = 0;
  constructor(private readonly o: CsvDecoderOptions) {}

  names(): readonly string[] {
    return this.o.names;
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const { channels, seqField, separator: sep, eol } = this.o;
    const len = bytes.length;
    const maxLines = countByte(bytes, eol) + 1;
    scratch.ensure(maxLines, channels);
    const values = scratch.values;
    const seqs = scratch.seqs;
    const lineIndex = scratch.lineIndex;
    const fieldsPerFrame = channels + (seqField ? 1 : 0);
    const firstCol = seqField ? 1 : 0;
    const out = emptyCounts(channels);
    // Spaces around numbers are skipped unless space is the separator itself.
    const spaceSep = sep === SPACE;

    let i = 0;
    let lines = 0;
    let frames = 0;
    let prevBad = false;
    while (i < len) {
      let lineEnd = bytes.indexOf(eol, i);
      if (lineEnd < 0) lineEnd = len;
      let end = lineEnd;
      if (end > i && bytes[end - 1] === CR) end--;
      const base = frames * channels;
      let field = 0;
      let seq = NaN;
      // 0 ok, 1 malformed, 2 non-numeric
      let status = 0;
      let p = i;
      while (p < end && bytes[p] === SPACE) p++;
      if (p >= end) status = 1;
      else {
        while (true) {
          if (!spaceSep) while (p < end && bytes[p] === SPACE) p++;
          scanNumber(bytes, p, end);
          if (!scan.ok) {
            status = 2;
            break;
          }
          p = scan.end;
          if (field < firstCol) seq = scan.value;
          else if (field - firstCol < channels) values[base + field - firstCol] = scan.value;
          field++;
          let c = p < end ? (bytes[p] as number) : -1;
          if (c === SPACE) {
            while (p < end && bytes[p] === SPACE) p++;
            c = p < end ? (bytes[p] as number) : -1;
            if (spaceSep) {
              if (c === -1) break;
              continue;
            }
          }
          if (c === -1) break;
          if (c === sep) {
            p++;
            continue;
          }
          status = 2; // junk right after a number, e.g. `12abc`
          break;
        }
        if (status === 0 && field !== fieldsPerFrame) status = 1;
      }
      if (status === 0) {
        seqs[frames] = seq;
        lineIndex[frames] = lines;
        frames++;
        prevBad = false;
      } else {
        if (status === 1) out.malformed++;
        else out.nonNumeric++;
        out.bytesDiscarded += Math.min(lineEnd + 1, len) - i;
        // A run of bad lines is one loss of sync.
        if (!prevBad) out.resyncs++;
        prevBad = true;
      }
      i = lineEnd + 1;
      lines++;
    }
    out.lines = lines;
    out.frames = frames;
    out.slots = lines;
    return out;
  }
}

/** Default channel names: ch1…chN. */
export function numberedNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `ch${i + 1}`);
}
