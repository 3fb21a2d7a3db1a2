// Table-driven checksums for binary frames, one catalogue entry each (parameters as in
// the CRC RevEng catalogue; every one is unit-tested against its check value for "123456789").
import type { ChecksumKind } from '@shared/domain/frame-format.js';

export type ChecksumFn = (bytes: Uint8Array, start: number, end: number) => number;

/** MSB-first table for a width of 8, 16 or 32 bits. */
function normalTable(width: 8 | 16 | 32, poly: number): Uint32Array {
  const top = 2 ** (width - 1);
  const mask = 2 ** width - 1;
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i * 2 ** (width - 8);
    for (let k = 0; k < 8; k++) c = c >= top ? ((c - top) * 2) ^ poly : c * 2;
    t[i] = (c & mask) >>> 0;
  }
  return t;
}

/** LSB-first (reflected) table; `poly` is the reflected polynomial. */
function reflectedTable(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (poly ^ (c >>> 1)) >>> 0 : c >>> 1;
    t[i] = c;
  }
  return t;
}

function crc8(poly: number, init: number): ChecksumFn {
  const t = normalTable(8, poly);
  return (b, start, end) => {
    let c = init;
    for (let i = start; i < end; i++) c = t[c ^ (b[i] as number)] as number;
    return c;
  };
}

function crc16Normal(poly: number, init: number): ChecksumFn {
  const t = normalTable(16, poly);
  return (b, start, end) => {
    let c = init;
    for (let i = start; i < end; i++) c = ((c << 8) & 0xffff) ^ (t[((c >>> 8) ^ (b[i] as number)) & 0xff] as number);
    return c;
  };
}

function crc16Reflected(poly: number, init: number): ChecksumFn {
  const t = reflectedTable(poly);
  return (b, start, end) => {
    let c = init;
    for (let i = start; i < end; i++) c = (c >>> 8) ^ (t[(c ^ (b[i] as number)) & 0xff] as number);
    return c;
  };
}

function crc32Reflected(poly: number): ChecksumFn {
  const t = reflectedTable(poly);
  return (b, start, end) => {
    let c = 0xffffffff;
    for (let i = start; i < end; i++) c = (c >>> 8) ^ (t[(c ^ (b[i] as number)) & 0xff] as number);
    return (c ^ 0xffffffff) >>> 0;
  };
}

const sum8: ChecksumFn = (b, start, end) => {
  let s = 0;
  for (let i = start; i < end; i++) s += b[i] as number;
  return s & 0xff;
};

const xor8: ChecksumFn = (b, start, end) => {
  let s = 0;
  for (let i = start; i < end; i++) s ^= b[i] as number;
  return s;
};

/** CRC-16/CCITT-FALSE (IBM-3740): poly 0x1021, init 0xFFFF ("123456789" → 0x29B1). */
export const crc16CcittFalseFn = crc16Normal(0x1021, 0xffff);
/** CRC-32 (ISO-HDLC, zlib) ("123456789" → 0xCBF43926). */
export const crc32Fn = crc32Reflected(0xedb88320);

export const CHECKSUMS: Record<Exclude<ChecksumKind, 'none'>, ChecksumFn> = {
  sum8,
  xor8,
  // CRC-8/SMBUS: poly 0x07, init 0 ("123456789" → 0xF4).
  crc8: crc8(0x07, 0),
  'crc16-ccitt-false': crc16CcittFalseFn,
  // CRC-16/XMODEM: poly 0x1021, init 0 ("123456789" → 0x31C3).
  'crc16-xmodem': crc16Normal(0x1021, 0),
  // CRC-16/MODBUS: reflected poly 0x8005 (0xA001), init 0xFFFF ("123456789" → 0x4B37).
  'crc16-modbus': crc16Reflected(0xa001, 0xffff),
  // CRC-16/KERMIT: reflected poly 0x1021 (0x8408), init 0 ("123456789" → 0x2189).
  'crc16-kermit': crc16Reflected(0x8408, 0),
  crc32: crc32Fn,
  // CRC-32C (Castagnoli): reflected poly 0x82F63B78 ("123456789" → 0xE3069283).
  crc32c: crc32Reflected(0x82f63b78),
};

/** The checksum function of a kind (none: undefined). */
export function checksumFn(kind: ChecksumKind): ChecksumFn | undefined {
  return kind === 'none' ? undefined : CHECKSUMS[kind];
}

export function crc16CcittFalse(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc16CcittFalseFn(bytes, start, end);
}

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return crc32Fn(bytes, start, end);
}

/** Reads a `size`-byte checksum at `off` in the given byte order. */
export function readChecksum(bytes: Uint8Array, off: number, size: number, littleEndian: boolean): number {
  let v = 0;
  for (let k = 0; k < size; k++) v = v * 256 + (bytes[littleEndian ? off + size - 1 - k : off + k] as number);
  return v;
}

/** Writes a `size`-byte checksum at `off` in the given byte order. */
export function writeChecksum(bytes: Uint8Array, off: number, size: number, littleEndian: boolean, value: number): void {
  for (let k = 0; k < size; k++) {
    const shift = littleEndian ? k : size - 1 - k;
    bytes[off + k] = Math.floor(value / 2 ** (8 * shift)) & 0xff;
  }
}
