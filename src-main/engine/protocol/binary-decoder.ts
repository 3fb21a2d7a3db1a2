// Binary frames cut by a delimiter (SLIP or COBS): each frame is unstuffed, its
// checksum checked and its fields read. A bad candidate longer than a frame is searched
// from its tail for a valid frame, so garbage that runs into a frame does not hide it.
import type { BinaryFormat } from '@shared/domain/frame-format.js';
import { CHECKSUM_BYTES } from '@shared/domain/frame-layout.js';
import { BinaryFields } from './binary-fields.js';
import { COBS_DELIMITER, cobsDecodeInto } from './cobs.js';
import { readChecksum } from './crc.js';
import { countByte, emptyCounts, type DecodeCounts, type DecodeScratch, type FrameDecoder } from './decode-types.js';
import { checksumSpec, type ChecksumSpec } from './frame-cut.js';
import { SLIP_END, slipDecodeInto } from './slip.js';

const OK = 0;
const MALFORMED = 1;
const CHECKSUM = 3;

export function binaryDelimiter(f: Pick<BinaryFormat, 'framing'>): number {
  return f.framing === 'slip' ? SLIP_END : COBS_DELIMITER;
}

export class BinaryDecoder implements FrameDecoder {
  readonly seqModulo: number;
  readonly deviceTime?: { unitMs: number; modulo: number };
  readonly epochTime?: { unitMs: number };
  private readonly delimiter: number;
  private readonly slip: boolean;
  private readonly check: ChecksumSpec;
  private readonly payloadBytes: number;
  private readonly dataBytes: number;
  private readonly payload: Uint8Array;
  private readonly view: DataView;
  private readonly fields: BinaryFields;

  constructor(format: BinaryFormat) {
    this.delimiter = binaryDelimiter(format);
    this.slip = format.framing === 'slip';
    this.check = checksumSpec(format);
    this.fields = new BinaryFields(format);
    this.dataBytes = this.fields.layoutBytes;
    this.payloadBytes = this.dataBytes + CHECKSUM_BYTES[format.crc];
    // One spare byte: a longer frame is caught as "does not fit", not silently cut.
    this.payload = new Uint8Array(this.payloadBytes + 1);
    this.view = new DataView(this.payload.buffer);
    this.seqModulo = this.fields.seqModulo;
    if (this.fields.timeUnitMs > 0) this.deviceTime = { unitMs: this.fields.timeUnitMs, modulo: this.fields.timeModulo };
    if (this.fields.epochUnitMs > 0) this.epochTime = { unitMs: this.fields.epochUnitMs };
  }

  names(): readonly string[] {
    return this.fields.names;
  }

  /** Unstuffs bytes[start, end) into the payload buffer and checks length and checksum. */
  private status(bytes: Uint8Array, start: number, end: number): number {
    const got = this.slip ? slipDecodeInto(bytes, start, end, this.payload) : cobsDecodeInto(bytes, start, end, this.payload);
    if (got !== this.payloadBytes) return MALFORMED;
    const { fn, bytes: size, little } = this.check;
    if (fn !== undefined && fn(this.payload, 0, this.dataBytes) !== readChecksum(this.payload, this.dataBytes, size, little)) return CHECKSUM;
    return OK;
  }

  /** A valid frame at the tail of a bad candidate (garbage ran into it): its start, or -1. */
  private tailFrame(bytes: Uint8Array, start: number, end: number): number {
    // Without a checksum any tail of the right length would "decode": only hunt when one guards it.
    if (this.check.fn === undefined) return -1;
    const from = Math.max(start + 1, end - 2 * this.payloadBytes - 2);
    for (let s = end - this.payloadBytes; s >= from; s--) if (this.status(bytes, s, end) === OK) return s;
    return -1;
  }

  decode(bytes: Uint8Array, scratch: DecodeScratch): DecodeCounts {
    const fields = this.fields;
    const channels = fields.names.length;
    const len = bytes.length;
    scratch.ensure(countByte(bytes, this.delimiter) + 1, channels);
    const values = scratch.values;
    const out = emptyCounts(channels);
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
      let status = this.status(bytes, i, e);
      let from = i;
      if (status !== OK && e - i > this.payloadBytes) {
        const s = this.tailFrame(bytes, i, e);
        if (s >= 0) {
          from = s;
          // The garbage before the frame is discarded; the frame itself is fine.
          out.bytesDiscarded += s - i;
          if (!prevBad) out.resyncs++;
          status = this.status(bytes, s, e);
        }
      }
      if (status === OK) {
        fields.read(this.view, 0, values, frames * channels);
        scratch.seqs[frames] = fields.seq;
        scratch.times[frames] = fields.time;
        scratch.lineIndex[frames] = slots;
        scratch.frameBytes[frames] = Math.min(e + 1, len) - from;
        frames++;
        prevBad = false;
      } else {
        if (status === MALFORMED) out.malformed++;
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
