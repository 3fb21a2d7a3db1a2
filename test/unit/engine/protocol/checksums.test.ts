import { describe, expect, it } from 'vitest';
import { ChecksumKindSchema, type ChecksumKind } from '@shared/domain/frame-format.js';
import { CHECKSUM_BYTES } from '@shared/domain/frame-layout.js';
import { CHECKSUMS, checksumFn, readChecksum, writeChecksum } from '../../../../src-main/engine/protocol/crc.js';
import { enc } from './helpers.js';

// The check value of each catalogue entry: the checksum of the ASCII bytes "123456789"
// (CRC RevEng catalogue; sum8 and xor8 computed by hand: 0x1DD & 0xFF, 0x31 ^ … ^ 0x39).
const CHECK: Record<Exclude<ChecksumKind, 'none'>, number> = {
  sum8: 0xdd,
  xor8: 0x31,
  crc8: 0xf4,
  'crc16-ccitt-false': 0x29b1,
  'crc16-xmodem': 0x31c3,
  'crc16-modbus': 0x4b37,
  'crc16-kermit': 0x2189,
  crc32: 0xcbf43926,
  crc32c: 0xe3069283,
};

describe('checksum catalogue check values ("123456789")', () => {
  const digits = enc.encode('123456789');
  it.each(Object.entries(CHECK))('%s → 0x%s', (kind, value) => {
    expect(CHECKSUMS[kind as keyof typeof CHECK](digits, 0, digits.length)).toBe(value);
  });

  it('every kind of the schema has a check value, a size and a function (none: no function)', () => {
    for (const kind of ChecksumKindSchema.options) {
      if (kind === 'none') {
        expect(checksumFn(kind)).toBeUndefined();
        expect(CHECKSUM_BYTES[kind]).toBe(0);
        continue;
      }
      expect(CHECK[kind]).toBeDefined();
      expect(CHECK[kind] < 2 ** (8 * CHECKSUM_BYTES[kind])).toBe(true);
    }
  });

  it('works on a sub-range of a larger buffer', () => {
    const b = enc.encode('xx123456789yy');
    for (const [kind, value] of Object.entries(CHECK)) expect(CHECKSUMS[kind as keyof typeof CHECK](b, 2, 11)).toBe(value);
  });
});

describe('checksum byte order on the wire', () => {
  it('CRC-16/CCITT 0x29B1 is 29 B1 big-endian and B1 29 little-endian', () => {
    const be = new Uint8Array(2);
    const le = new Uint8Array(2);
    writeChecksum(be, 0, 2, false, 0x29b1);
    writeChecksum(le, 0, 2, true, 0x29b1);
    expect(Array.from(be)).toEqual([0x29, 0xb1]);
    expect(Array.from(le)).toEqual([0xb1, 0x29]);
    expect(readChecksum(be, 0, 2, false)).toBe(0x29b1);
    expect(readChecksum(le, 0, 2, true)).toBe(0x29b1);
  });

  it('CRC-32 0xCBF43926 round-trips in both orders', () => {
    for (const little of [true, false]) {
      const b = new Uint8Array(6);
      writeChecksum(b, 1, 4, little, 0xcbf43926);
      expect(Array.from(b.subarray(1, 5))).toEqual(little ? [0x26, 0x39, 0xf4, 0xcb] : [0xcb, 0xf4, 0x39, 0x26]);
      expect(readChecksum(b, 1, 4, little)).toBe(0xcbf43926);
    }
  });
});
