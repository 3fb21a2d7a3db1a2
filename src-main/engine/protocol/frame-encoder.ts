// Writes frames in every format: the inverse of the decoders, for device emulators,
// tests and the bench. Not on any hot path of the app.
import type { BinaryFormat, FrameFormat } from '@shared/domain/frame-format.js';
import { BINARY_FIELD_BYTES, binaryChannelFields, binaryFrameBytes } from '@shared/domain/frame-layout.js';
import { cobsEncode } from './cobs.js';
import { crc16CcittFalse, crc32 } from './crc.js';
import { slipEncode } from './slip.js';

const UTF8 = new TextEncoder();

export interface FrameContent {
  seq: number;
  /** Sample time (epoch ms) for a binary layout with a time field. */
  time?: number;
  /** Values by channel index; names by index for kv/jsonl. */
  values: readonly number[];
  names: readonly string[];
}

function lineEnd(format: Exclude<FrameFormat, BinaryFormat>): string {
  return format.delimiter === 'lf' ? '\n' : format.delimiter === 'crlf' ? '\r\n' : format.delimiter;
}

function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1] as string] = value;
}

/** One encoded frame (text with its line end, binary framed). */
export function encodeFrame(format: FrameFormat, frame: FrameContent): Uint8Array {
  switch (format.kind) {
    case 'csv': {
      const sep = format.separator === 'tab' ? '\t' : format.separator === 'space' ? ' ' : format.separator;
      const fields = format.seqField ? [frame.seq, ...frame.values] : [...frame.values];
      return UTF8.encode(fields.join(sep) + lineEnd(format));
    }
    case 'kv': {
      const pairs = frame.values.map((v, i) => `${frame.names[i] ?? `ch${i + 1}`}:${v}`);
      if (format.seqName) pairs.unshift(`${format.seqName}:${frame.seq}`);
      return UTF8.encode(pairs.join(' ') + lineEnd(format));
    }
    case 'jsonl': {
      const obj: Record<string, unknown> = {};
      if (format.seqPath) setPath(obj, format.seqPath, frame.seq);
      frame.values.forEach((v, i) => setPath(obj, frame.names[i] ?? `ch${i + 1}`, v));
      return UTF8.encode(JSON.stringify(obj) + lineEnd(format));
    }
    case 'binary':
      return frameBinary(format, binaryPayload(format, frame));
  }
}

/** Raw field values → payload (fields + CRC). Values are the engineering values; scale/offset are inverted. */
export function binaryPayload(format: BinaryFormat, frame: FrameContent): Uint8Array {
  const out = new Uint8Array(binaryFrameBytes(format));
  const view = new DataView(out.buffer);
  const channelFields = binaryChannelFields(format);
  let off = 0;
  for (const field of format.layout) {
    const le = field.endian === 'le';
    let raw: number;
    if (field.name === format.seqField) raw = frame.seq;
    else if (field.name === format.timeField) raw = ((frame.time ?? 0) - field.offset) / field.scale;
    else {
      const v = frame.values[channelFields.indexOf(field)] ?? 0;
      raw = (v - field.offset) / field.scale;
    }
    if (!field.type.startsWith('f')) {
      raw = Math.round(raw);
      if (field.name === format.seqField) raw %= 2 ** (8 * BINARY_FIELD_BYTES[field.type]);
    }
    switch (field.type) {
      case 'u8':
        view.setUint8(off, raw);
        break;
      case 'i8':
        view.setInt8(off, raw);
        break;
      case 'u16':
        view.setUint16(off, raw, le);
        break;
      case 'i16':
        view.setInt16(off, raw, le);
        break;
      case 'u32':
        view.setUint32(off, raw, le);
        break;
      case 'i32':
        view.setInt32(off, raw, le);
        break;
      case 'f32':
        view.setFloat32(off, raw, le);
        break;
      case 'f64':
        view.setFloat64(off, raw, le);
        break;
    }
    off += BINARY_FIELD_BYTES[field.type];
  }
  if (format.crc === 'crc16-ccitt-false') view.setUint16(off, crc16CcittFalse(out, 0, off), true);
  else if (format.crc === 'crc32') view.setUint32(off, crc32(out, 0, off), true);
  return out;
}

export function frameBinary(format: Pick<BinaryFormat, 'framing'>, payload: Uint8Array): Uint8Array {
  return format.framing === 'slip' ? slipEncode(payload) : cobsEncode(payload);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
