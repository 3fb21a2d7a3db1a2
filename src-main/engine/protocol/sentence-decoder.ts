// Text sentences like NMEA 0183: `$GPGGA,123519,4807.038,N,…*47`. The start marker,
// the hex checksum after the checksum marker (over the bytes between the markers), the
// sentence type in the first field, then the fields its layout names. Parsed in place
// from bytes like the CSV decoder; a sentence type with no layout is counted as ignored.
import type { SentenceFormat } from '@shared/domain/frame-format.js';
import { lineEndByte, sentenceChannelNames } from '@shared/domain/frame-layout.js';
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import { scan, scanNumber } from './number-scan.js';

const CR = 13;
const NUMBER = 0;
const LATLON = 1;
const HMS = 2;
const UTF8 = new TextEncoder();

interface Layout {
  type: Uint8Array;
  /** Per field index (from the type): column + 1, or 0 when not decoded. */
  columnAt: Int32Array;
  kindAt: Uint8Array;
  scaleAt: Float64Array;
  offsetAt: Float64Array;
  /** Highest field index the layout reads (a latlon also reads the next one). */
  lastIndex: number;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

export class SentenceDecoder implements FrameDecoder {
  readonly seqModulo = 0;
  private readonly layouts: Layout[];
  private readonly channelNames: string[];
  private readonly eol: number;
  private readonly start: number;
  private readonly marker: number;
  private readonly sep: number;
  private readonly checksum: 'xor8' | 'sum8' | 'none';
  /** Field bounds of the current sentence. */
  private fieldStart = new Int32Array(70);
  private fieldEnd = new Int32Array(70);

  constructor(format: SentenceFormat) {
    this.eol = lineEndByte(format);
    this.start = format.start === '' ? -1 : format.start.charCodeAt(0);
    this.marker = format.checksumMarker.charCodeAt(0);
    this.sep = format.separator.charCodeAt(0);
    this.checksum = format.checksum;
    this.channelNames = sentenceChannelNames(format);
    let column = 0;
    this.layouts = format.sentences.map((s) => {
      const lastIndex = Math.max(...s.fields.map((f) => f.index + (f.type === 'latlon' ? 1 : 0)));
      const l: Layout = {
        type: UTF8.encode(s.type),
        columnAt: new Int32Array(lastIndex + 1),
        kindAt: new Uint8Array(lastIndex + 1),
        scaleAt: new Float64Array(lastIndex + 1),
        offsetAt: new Float64Array(lastIndex + 1),
        lastIndex,
      };
      for (const f of s.fields) {
        l.columnAt[f.index] = ++column;
        l.kindAt[f.index] = f.type === 'latlon' ? LATLON : f.type === 'hms' ? HMS : NUMBER;
        l.scaleAt[f.index] = f.scale;
        l.offsetAt[f.index] = f.offset;
      }
      return l;
    });
  }

  names(): readonly string[] {
    return this.channelNames;
  }

  /** The layout whose type is the type field or its tail (GGA matches GPGGA). */
  private layoutFor(bytes: Uint8Array, s: number, e: number): Layout | undefined {
    for (const l of this.layouts) {
      const t = l.type;
      const n = t.length;
      if (e - s < n) continue;
      let same = true;
      for (let k = 0; k < n && same; k++) same = bytes[e - n + k] === t[k];
      if (same) return l;
    }
    return undefined;
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const channels = this.channelNames.length;
    const len = bytes.length;
    scratch.ensure(countByte(bytes, this.eol) + 1, channels);
    const values = scratch.values;
    const out = emptyCounts(channels);
    let i = 0;
    let lines = 0;
    let frames = 0;
    let prevBad = false;
    while (i < len) {
      let lineEnd = bytes.indexOf(this.eol, i);
      if (lineEnd < 0) lineEnd = len;
      let end = lineEnd;
      if (end > i && bytes[end - 1] === CR) end--;
      // 0 ok, 1 malformed, 2 non-numeric, 3 checksum, 4 ignored
      const status = this.sentence(bytes, i, end, values, frames * channels);
      if (status === 0) {
        scratch.seqs[frames] = Number.NaN;
        scratch.lineIndex[frames] = lines;
        frames++;
        prevBad = false;
      } else if (status === 4) {
        out.ignored++;
        prevBad = false;
      } else {
        if (status === 1) out.malformed++;
        else if (status === 2) out.nonNumeric++;
        else out.checksumFailures++;
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
    return out;
  }

  /** The number in bytes[s, e) exactly, or NaN. */
  private part(bytes: Uint8Array, s: number, e: number): number {
    scanNumber(bytes, s, e);
    return scan.ok && scan.end === e && bytes[s] !== 45 && bytes[s] !== 43 ? scan.value : Number.NaN;
  }

  private sentence(bytes: Uint8Array, i: number, end: number, values: Float64Array, base: number): number {
    let body = i;
    if (this.start >= 0) {
      if (bytes[i] !== this.start || end <= i) return 1;
      body = i + 1;
    }
    let fieldsEnd = end;
    if (this.checksum !== 'none') {
      // `*hh` closes the sentence.
      const m = end - 3;
      if (m < body || bytes[m] !== this.marker) return 1;
      const hi = hexValue(bytes[m + 1] as number);
      const lo = hexValue(bytes[m + 2] as number);
      if (hi < 0 || lo < 0) return 1;
      let sum = 0;
      if (this.checksum === 'xor8') for (let k = body; k < m; k++) sum ^= bytes[k] as number;
      else for (let k = body; k < m; k++) sum = (sum + (bytes[k] as number)) & 0xff;
      if (sum !== hi * 16 + lo) return 3;
      fieldsEnd = m;
    }
    // Field bounds.
    const starts = this.fieldStart;
    const ends = this.fieldEnd;
    let n = 0;
    let s = body;
    for (let k = body; k <= fieldsEnd; k++) {
      if (k === fieldsEnd || bytes[k] === this.sep) {
        if (n >= starts.length) return 1;
        starts[n] = s;
        ends[n] = k;
        n++;
        s = k + 1;
      }
    }
    const layout = this.layoutFor(bytes, starts[0] as number, ends[0] as number);
    if (!layout) return 4;
    if (layout.lastIndex >= n) return 1;
    const channels = this.channelNames.length;
    for (let c = 0; c < channels; c++) values[base + c] = Number.NaN;
    for (let f = 1; f <= layout.lastIndex; f++) {
      const col = layout.columnAt[f] as number;
      if (col === 0) continue;
      const fs = starts[f] as number;
      const fe = ends[f] as number;
      let v = Number.NaN;
      if (fe > fs) {
        const kind = layout.kindAt[f];
        if (kind === NUMBER) {
          scanNumber(bytes, fs, fe);
          if (!scan.ok || scan.end !== fe) return 2;
          v = scan.value;
        } else {
          // Split at the digits so each part parses exactly: (d)dd|mm.mmmm or hh|mm|ss.ss.
          let dot = fs;
          while (dot < fe && bytes[dot] !== 46) dot++;
          if (dot - fs < (kind === HMS ? 6 : 3)) return 2;
          if (kind === LATLON) {
            const deg = this.part(bytes, fs, dot - 2);
            const min = this.part(bytes, dot - 2, fe);
            if (Number.isNaN(deg) || Number.isNaN(min)) return 2;
            v = deg + min / 60;
            const hemi = bytes[starts[f + 1] as number];
            if ((ends[f + 1] as number) > (starts[f + 1] as number) && (hemi === 83 || hemi === 87)) v = -v; // S, W
          } else {
            const hh = this.part(bytes, fs, dot - 4);
            const mm = this.part(bytes, dot - 4, dot - 2);
            const ss = this.part(bytes, dot - 2, fe);
            if (Number.isNaN(hh) || Number.isNaN(mm) || Number.isNaN(ss)) return 2;
            v = hh * 3600 + mm * 60 + ss;
          }
        }
        v = v * (layout.scaleAt[f] as number) + (layout.offsetAt[f] as number);
      }
      values[base + col - 1] = v;
    }
    return 0;
  }
}
