// Reads a binary layout's fields out of a payload: channel values (scaled), the
// sequence number and the device time. Shared by the SLIP/COBS and sync decoders.
import type { BinaryFieldType, BinaryFormat } from '@shared/domain/frame-format.js';
import { BINARY_FIELD_BYTES, binaryLayoutBytes, deviceClockOf, epochClockOf } from '@shared/domain/frame-layout.js';

const TYPE_CODE: Record<BinaryFieldType, number> = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, f64: 7 };
const SEQ = -1;
const TIME = -2;

export class BinaryFields {
  readonly names: string[] = [];
  /** Sequence numbers wrap modulo this (0: they do not wrap). */
  readonly seqModulo: number;
  /** Device time wraps modulo this raw value (0: it does not wrap). */
  readonly timeModulo: number;
  /** Milliseconds per raw device-time unit (0: no time field). */
  readonly timeUnitMs: number;
  /** The time field is the sample time itself (epoch, ms per raw unit); 0: not. */
  readonly epochUnitMs: number;
  readonly layoutBytes: number;
  /** Set by read(): the frame's sequence number and raw device time (NaN when absent). */
  seq = Number.NaN;
  time = Number.NaN;
  private readonly types: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly little: Uint8Array;
  private readonly scales: Float64Array;
  private readonly shifts: Float64Array;
  /** Column per field; SEQ / TIME for the special fields. */
  private readonly columns: Int32Array;

  constructor(format: BinaryFormat) {
    const n = format.layout.length;
    this.types = new Uint8Array(n);
    this.offsets = new Uint32Array(n);
    this.little = new Uint8Array(n);
    this.scales = new Float64Array(n);
    this.shifts = new Float64Array(n);
    this.columns = new Int32Array(n);
    let off = 0;
    let seqModulo = 0;
    format.layout.forEach((field, k) => {
      this.types[k] = TYPE_CODE[field.type];
      this.offsets[k] = off;
      this.little[k] = field.endian === 'le' ? 1 : 0;
      this.scales[k] = field.scale;
      this.shifts[k] = field.offset;
      if (field.name === format.seqField) {
        this.columns[k] = SEQ;
        if (!field.type.startsWith('f')) seqModulo = 2 ** (8 * BINARY_FIELD_BYTES[field.type]);
      } else if (field.name === format.timeField?.name) {
        this.columns[k] = TIME;
      } else {
        this.columns[k] = this.names.length;
        this.names.push(field.name);
      }
      off += BINARY_FIELD_BYTES[field.type];
    });
    this.seqModulo = seqModulo;
    const clock = deviceClockOf(format);
    this.timeModulo = clock?.modulo ?? 0;
    this.timeUnitMs = clock?.unitMs ?? 0;
    this.epochUnitMs = epochClockOf(format) ?? 0;
    this.layoutBytes = binaryLayoutBytes(format);
  }

  /** Reads the payload at `at` in `view`; channel values go to values[base + column]. */
  read(view: DataView, at: number, values: Float64Array, base: number): void {
    const n = this.types.length;
    this.seq = Number.NaN;
    this.time = Number.NaN;
    for (let k = 0; k < n; k++) {
      const off = at + (this.offsets[k] as number);
      const le = this.little[k] === 1;
      let raw: number;
      switch (this.types[k]) {
        case 0:
          raw = view.getUint8(off);
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
      if (col >= 0) values[base + col] = raw * (this.scales[k] as number) + (this.shifts[k] as number);
      else if (col === SEQ) this.seq = raw;
      else this.time = raw;
    }
  }
}
