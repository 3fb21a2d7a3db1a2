import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobsDecodeInto, cobsEncode } from '../../../../src-main/engine/protocol/cobs.js';
import { crc16CcittFalse, crc32 } from '../../../../src-main/engine/protocol/crc.js';
import { slipDecodeInto, slipEncode } from '../../../../src-main/engine/protocol/slip.js';
import { enc } from './helpers.js';

describe('CRC check values', () => {
  it('CRC-16/CCITT-FALSE of "123456789" is 0x29B1', () => {
    expect(crc16CcittFalse(enc.encode('123456789'))).toBe(0x29b1);
  });
  it('CRC-32 of "123456789" is 0xCBF43926', () => {
    expect(crc32(enc.encode('123456789'))).toBe(0xcbf43926);
  });
  it('works on a sub-range and on empty input', () => {
    const b = enc.encode('xx123456789yy');
    expect(crc16CcittFalse(b, 2, 11)).toBe(0x29b1);
    expect(crc32(b, 2, 11)).toBe(0xcbf43926);
    expect(crc16CcittFalse(new Uint8Array(0))).toBe(0xffff);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('SLIP', () => {
  it('escapes END and ESC and wraps the frame in END bytes', () => {
    expect(Array.from(slipEncode(Uint8Array.of(1, 0xc0, 2, 0xdb, 3)))).toEqual([0xc0, 1, 0xdb, 0xdc, 2, 0xdb, 0xdd, 3, 0xc0]);
  });
  it('rejects a bad escape, a dangling ESC and a payload that does not fit', () => {
    const out = new Uint8Array(4);
    expect(slipDecodeInto(Uint8Array.of(0xdb, 0x01), 0, 2, out)).toBe(-1);
    expect(slipDecodeInto(Uint8Array.of(1, 0xdb), 0, 2, out)).toBe(-1);
    expect(slipDecodeInto(Uint8Array.of(1, 2, 3, 4, 5), 0, 5, out)).toBe(-1);
  });
  it('round-trips any payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (p) => {
        const framed = slipEncode(p);
        const out = new Uint8Array(p.length + 1);
        const n = slipDecodeInto(framed, 1, framed.length - 1, out);
        expect(Array.from(out.subarray(0, n))).toEqual(Array.from(p));
        expect(framed.subarray(1, -1).includes(0xc0)).toBe(false);
      }),
    );
  });
});

describe('COBS', () => {
  it('encodes the textbook examples', () => {
    expect(Array.from(cobsEncode(Uint8Array.of(0)))).toEqual([1, 1, 0]);
    expect(Array.from(cobsEncode(Uint8Array.of(0x11, 0x22, 0, 0x33)))).toEqual([3, 0x11, 0x22, 2, 0x33, 0]);
    expect(Array.from(cobsEncode(Uint8Array.of(0x11, 0, 0, 0)))).toEqual([2, 0x11, 1, 1, 1, 0]);
  });
  it('handles runs of 254 and more non-zero bytes', () => {
    for (const n of [253, 254, 255, 508, 600]) {
      const p = new Uint8Array(n).fill(7);
      const framed = cobsEncode(p);
      const out = new Uint8Array(n + 1);
      expect(cobsDecodeInto(framed, 0, framed.length - 1, out)).toBe(n);
      expect(out.subarray(0, n).every((b) => b === 7)).toBe(true);
    }
  });
  it('rejects codes that run past the end, an inner zero and oversize payloads', () => {
    const out = new Uint8Array(8);
    expect(cobsDecodeInto(Uint8Array.of(5, 1, 2), 0, 3, out)).toBe(-1);
    expect(cobsDecodeInto(Uint8Array.of(3, 1, 0), 0, 3, out)).toBe(-1);
    expect(cobsDecodeInto(Uint8Array.of(0), 0, 1, out)).toBe(-1);
    expect(cobsDecodeInto(Uint8Array.of(10, 1, 2, 3, 4, 5, 6, 7, 8, 9), 0, 10, out)).toBe(-1);
  });
  it('round-trips any payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (p) => {
        const framed = cobsEncode(p);
        expect(framed.subarray(0, -1).includes(0)).toBe(false);
        const out = new Uint8Array(p.length + 1);
        const n = cobsDecodeInto(framed, 0, framed.length - 1, out);
        expect(Array.from(out.subarray(0, n))).toEqual(Array.from(p));
      }),
    );
  });
});
