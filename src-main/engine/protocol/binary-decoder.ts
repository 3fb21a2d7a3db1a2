// Binary frames: SLIP or COBS framed, optional CRC, fixed field layout. The main
// thread only cuts at delimiters; here each frame is unstuffed, checked and read.
import type { BinaryFieldType, BinaryFormat } from '@shared/domain/frame-format.js';
import { BINARY_FIELD_BYTES, binaryFrameBytes } from '@shared/domain/frame-layout.js';
import { COBS_DELIMITER, cobsDecodeInto } from './cobs.js';
import { crc16CcittFalse, crc32 } from './crc.js';
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import { SLIP_END, slipDecodeInto } from './slip.js';

const TYPE_CODE: Record<BinaryFieldType, number> = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, f64: 7 };

export function binaryDelimiter(f: Pick<BinaryFormat, 'framing'>): number {
  return f.framing === 'slip' ? SLIP_END : COBS_DELIMITER;
}

export class BinaryDecoder implements FrameDecoder {
  readonly seqModulo: number;
  readonly timed: boolean;
  private readonly delimiter: number;
  private readonly slip: boolean;
  private readonly crc: 0 | 16 | 32;
  private readonly payloadBytes: number;
  private readonly dataBytes: number;
  private readonly payload: Uint8Array;
  private readonly view: DataView;
  private readonly types: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly little: Uint8Array;
  private readonly scales: Float64Array;
  private readonly shifts: Float64Array;
  /** Column per field; -1 for the sequence field, -2 for the time field. */
  private readonly columns: Int32Array;
  private readonly channelNames: string[];

  constructor(format: BinaryFormat) {
    this.delimiter = binaryDelimiter(format);
    this.slip = format.framing === 'slip';
    this.crc = format.crc === 'crc32' ? 32 : format.crc === 'crc16-ccitt-false' ? 16 : 0;
    this.payloadBytes = binaryFrameBytes(format);
    this.dataBytes = this.payloadBytes - this.crc / 8;
    // One spare byte: a longer frame is caught as "does not fit", not silently cut.
    this.payload = new Uint8Array(this.payloadBytes + 1);
    this.view = new DataView(this.payload.buffer);
    const n = format.layout.length;
    this.types = new Uint8Array(n);
    this.offsets = new Uint32Array(n);
    this.little = new Uint8Array(n);
    this.scales = new Float64Array(n);
    this.shifts = new Float64Array(n);
    this.columns = new Int32Array(n);
    this.channelNames = [];
    this.timed = format.timeField !== undefined;
    let off = 0;
    let seqModulo = 0;
    format.layout.forEach((field, k) => {
      this.types[k] = TYPE_CODE[field.type];
      this.offsets[k] = off;
      this.little[k] = field.endian === 'le' ? 1 : 0;
      this.scales[k] = field.scale;
      this.shifts[k] = field.offset;
      if (field.name === format.seqField) {
        this.columns[k] = -1;
        if (!field.type.startsWith('f')) seqModulo = 2 ** (8 * BINARY_FIELD_BYTES[field.type]);
      } else if (field.name === format.timeField) {
        this.columns[k] = -2;
      } else {
        this.columns[k] = this.channelNames.length;
        this.channelNames.push(field.name);
      }
      off += BINARY_FIELD_BYTES[field.type];
    });
    this.seqModulo = seqModulo;
  }

  names(): readonly string[] {
    return this.channelNames;
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const channels = this.channelNames.length;
    const len = bytes.length;
    scratch.ensure(countByte(bytes, this.delimiter) + 1, channels);
    const values = scratch.values;
    const out = emptyCounts(channels);
    const payload = this.payload;
    const view = this.view;
    const n = this.types.length;
    let lines = 0;
    let slots = 0;
    let frames = 0;
    let prevBad = false;
    let i = 0;
    while (i < len) {
      let e = bytes.indexOf(this.delimiter, i);
      if (e < 0) e = len;
      lines++;
      if (e === i) {
        // Back-to-back delimiters (SLIP's leading END): no frame, nothing lost.
        i = e + 1;
        continue;
      }
      const got = this.slip ? slipDecodeInto(bytes, i, e, payload) : cobsDecodeInto(bytes, i, e, payload);
      let status = 0; // 0 ok, 1 malformed, 3 checksum
      if (got !== this.payloadBytes) status = 1;
      else if (this.crc === 16) {
        if (crc16CcittFalse(payload, 0, this.dataBytes) !== view.getUint16(this.dataBytes, true)) status = 3;
      } else if (this.crc === 32) {
        if (crc32(payload, 0, this.dataBytes) !== view.getUint32(this.dataBytes, true)) status = 3;
      }
      if (status === 0) {
        const base = frames * channels;
        let seq = NaN;
        let time = NaN;
        for (let k = 0; k < n; k++) {
          const off = this.offsets[k] as number;
          const le = this.little[k] === 1;
          let raw: number;
          switch (this.types[k]) {
            case 0:
              raw = payload[off] as number;
              break;
            case 1:
              raw = view.getInt8(off);
              break;
            case 2:
              raw = view.getUint16(off, le);
              break;
            case 3:
              raw = view.getInt16(off, le);
              break;
            case 4:
              raw = view.getUint32(off, le);
              break;
            case 5:
              raw = view.getInt32(off, le);
              break;
            case 6:
              raw = view.getFloat32(off, le);
              break;
            default:
              raw = view.getFloat64(off, le);
          }
          const col = this.columns[k] as number;
          if (col === -1) seq = raw;
          else if (col === -2) time = raw * (this.scales[k] as number) + (this.shifts[k] as number);
          else values[base + col] = raw * (this.scales[k] as number) + (this.shifts[k] as number);
        }
        scratch.seqs[frames] = seq;
        scratch.times[frames] = time;
        scratch.lineIndex[frames] = slots;
        frames++;
        prevBad = false;
      } else {
        if (status === 1) out.malformed++;
        else out.checksumFailures++;
        out.bytesDiscarded += Math.min(e + 1, len) - i;
        if (!prevBad) out.resyncs++;
        prevBad = true;
      }
      slots++;
      i = e + 1;
    }
    out.lines = lines;
    out.frames = frames;
    out.slots = slots;
    return out;
  }
}
