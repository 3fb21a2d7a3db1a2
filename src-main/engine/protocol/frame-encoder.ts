// Writes frames in every format: the inverse of the decoders, for device emulators,
// tests and the bench. Not on any hot path of the app.
import type { BinaryFormat, FrameFormat, SentenceFormat } from '@shared/domain/frame-format.js';
import { BINARY_FIELD_BYTES, CHECKSUM_BYTES, binaryChannelFields, binaryLayoutBytes, syncBytes } from '@shared/domain/frame-layout.js';
import { cobsEncode } from './cobs.js';
import { checksumFn, writeChecksum } from './crc.js';
import { slipEncode } from './slip.js';

const UTF8 = new TextEncoder();

export interface FrameContent {
  seq: number;
  /** Raw device time for a format with a time field. */
  time?: number;
  /** Values by channel index; names by index for kv/jsonl. */
  values: readonly number[];
  names: readonly string[];
}

function lineEnd(format: { delimiter: string }): string {
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
    case 'sentence': {
      // The first layout's fields at their positions; latlon/hms values turned back into NMEA text.
      const layout = format.sentences[0];
      if (!layout) return new Uint8Array(0);
      const fields: string[] = [];
      layout.fields.forEach((field, i) => {
        const v = ((frame.values[i] ?? 0) - field.offset) / field.scale;
        if (field.type === 'latlon') {
          const deg = Math.trunc(Math.abs(v));
          fields[field.index] = `${deg * 100 + (Math.abs(v) - deg) * 60}`;
          fields[field.index + 1] = v < 0 ? 'S' : 'N';
        } else if (field.type === 'hms') {
          const h = Math.floor(v / 3600);
          const m = Math.floor((v - h * 3600) / 60);
          const sec = v - h * 3600 - m * 60;
          fields[field.index] = `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}${sec < 10 ? '0' : ''}${sec}`;
        } else fields[field.index] = String(v);
      });
      return encodeSentence(format, layout.type, Array.from({ length: fields.length - 1 }, (_, k) => fields[k + 1] ?? ''));
    }
    case 'script':
      throw new Error('a script format has no encoder: its device defines the frames');
  }
}

/** `$TYPE,f1,…*hh` + line end, with the format's markers and checksum. */
export function encodeSentence(format: SentenceFormat, type: string, fields: readonly string[]): Uint8Array {
  const body = [type, ...fields].join(format.separator);
  const bytes = UTF8.encode(body);
  let sum = 0;
  for (const b of bytes) sum = format.checksum === 'sum8' ? (sum + b) & 0xff : sum ^ b;
  const tail = format.checksum === 'none' ? '' : `${format.checksumMarker}${sum.toString(16).toUpperCase().padStart(2, '0')}`;
  return UTF8.encode(`${format.start}${body}${tail}${lineEnd(format)}`);
}

/** Raw field values → payload (fields + CRC). Values are the engineering values; scale/offset are inverted. */
export function binaryPayload(format: BinaryFormat, frame: FrameContent): Uint8Array {
  const out = new Uint8Array(binaryLayoutBytes(format) + CHECKSUM_BYTES[format.crc]);
  const view = new DataView(out.buffer);
  const channelFields = binaryChannelFields(format);
  let off = 0;
  for (const field of format.layout) {
    const le = field.endian === 'le';
    let raw: number;
    if (field.name === format.seqField) raw = frame.seq;
    else if (field.name === format.timeField?.name) raw = frame.time ?? 0;
    else {
      const v = frame.values[channelFields.indexOf(field)] ?? 0;
      raw = (v - field.offset) / field.scale;
    }
    if (!field.type.startsWith('f')) {
      raw = Math.round(raw);
      if (field.name === format.seqField || field.name === format.timeField?.name) raw %= 2 ** (8 * BINARY_FIELD_BYTES[field.type]);
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
  // SLIP/COBS: the checksum covers the payload. Sync framings add theirs in frameBinary.
  const fn = checksumFn(format.crc);
  if (fn && (format.framing === 'slip' || format.framing === 'cobs')) writeChecksum(out, off, CHECKSUM_BYTES[format.crc], format.crcEndian === 'le', fn(out, 0, off));
  return out;
}

type Framing = Pick<BinaryFormat, 'framing' | 'sync' | 'length' | 'crc' | 'crcEndian' | 'crcFrom'>;

/**
 * Frames a payload: SLIP/COBS stuff it (its checksum already appended); sync framings
 * write sync, length, the fields and the checksum (payload = the fields, its checksum room unused).
 */
export function frameBinary(format: Framing, payload: Uint8Array): Uint8Array {
  if (format.framing === 'slip') return slipEncode(payload);
  if (format.framing === 'cobs') return cobsEncode(payload);
  const size = CHECKSUM_BYTES[format.crc];
  const data = payload.subarray(0, payload.length - size);
  return syncFrame(format, data);
}

/** sync + [length] + data + checksum. */
export function syncFrame(format: Framing, data: Uint8Array): Uint8Array {
  const sync = syncBytes(format.sync ?? '');
  const len = format.framing === 'sync-length' ? (format.length?.type === 'u16' ? 2 : 1) : 0;
  const size = CHECKSUM_BYTES[format.crc];
  const out = new Uint8Array(sync.length + len + data.length + size);
  out.set(sync, 0);
  if (len > 0) {
    const v = format.length?.counts === 'frame' ? out.length : data.length;
    writeChecksum(out, sync.length, len, format.length?.endian !== 'be', v);
  }
  out.set(data, sync.length + len);
  const fn = checksumFn(format.crc);
  const end = sync.length + len + data.length;
  if (fn) writeChecksum(out, end, size, format.crcEndian === 'le', fn(out, format.crcFrom === 'sync' ? 0 : sync.length, end));
  return out;
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
