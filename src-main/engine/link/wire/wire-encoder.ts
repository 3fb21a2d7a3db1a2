// Encodes frames of numbers into the wire format (see wire-format.ts) straight into
// one output buffer per chunk: a replay sends > 500 k frames/s, so no per-frame objects.
import { crc16CcittFalse } from '../../protocol/crc.js';

export class WireEncoder {
  private readonly payload: Uint8Array;
  private readonly view: DataView;
  private readonly payloadBytes: number;
  /** Worst-case COBS size of one frame, delimiter included. */
  private readonly frameMax: number;
  private out = new Uint8Array(0);
  /** Sequence number of the next frame (u32, wraps). */
  seq = 0;

  constructor(
    readonly channels: number,
    readonly timed: boolean,
  ) {
    this.payloadBytes = 4 + (timed ? 8 : 0) + 8 * channels + 2;
    this.payload = new Uint8Array(this.payloadBytes);
    this.view = new DataView(this.payload.buffer);
    this.frameMax = this.payloadBytes + Math.ceil(this.payloadBytes / 254) + 2;
  }

  /**
   * Frames `from … from+count-1` of `values` (row-major, `channels` per frame) with their
   * times (when timed). Returns a fresh buffer the receiver may keep.
   */
  encode(values: Float64Array, times: Float64Array | undefined, from: number, count: number): Uint8Array {
    const need = count * this.frameMax;
    if (this.out.length < need) this.out = new Uint8Array(Math.max(need, this.out.length * 2));
    const out = this.out;
    const view = this.view;
    const payload = this.payload;
    const channels = this.channels;
    const crcAt = this.payloadBytes - 2;
    let o = 0;
    for (let f = from; f < from + count; f++) {
      view.setUint32(0, this.seq, true);
      this.seq = (this.seq + 1) >>> 0;
      let p = 4;
      if (this.timed) {
        view.setFloat64(p, times ? (times[f] as number) : NaN, true);
        p += 8;
      }
      const base = f * channels;
      for (let c = 0; c < channels; c++, p += 8) view.setFloat64(p, values[base + c] as number, true);
      view.setUint16(crcAt, crc16CcittFalse(payload, 0, crcAt), true);
      o = cobsInto(payload, out, o);
    }
    return out.slice(0, o);
  }
}

/** COBS-encodes `payload` into `out` at `o` and appends the 0x00 delimiter; returns the new end. */
function cobsInto(payload: Uint8Array, out: Uint8Array, o: number): number {
  let codeAt = o++;
  let code = 1;
  const n = payload.length;
  for (let i = 0; i < n; i++) {
    const b = payload[i] as number;
    if (b === 0) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
      continue;
    }
    out[o++] = b;
    if (++code === 0xff) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
    }
  }
  out[codeAt] = code;
  out[o++] = 0;
  return o;
}
