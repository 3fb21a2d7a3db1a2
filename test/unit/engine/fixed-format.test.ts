import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FIXED_BYTES, writeFixed, writeUint } from '../../../src-main/engine/link/fixed-format.js';

const dec = new TextDecoder();

function fixed(value: number, decimals: number, at = 0): string {
  const buf = new Uint8Array(64).fill(0xff);
  const end = writeFixed(buf, at, value, decimals);
  // nothing before `at` or after the returned position was touched
  expect(buf.subarray(0, at).every((b) => b === 0xff)).toBe(true);
  expect(buf.subarray(end).every((b) => b === 0xff)).toBe(true);
  return dec.decode(buf.subarray(at, end));
}

function uint(value: number, at = 0): string {
  const buf = new Uint8Array(32).fill(0xff);
  const end = writeUint(buf, at, value);
  expect(buf.subarray(end).every((b) => b === 0xff)).toBe(true);
  return dec.decode(buf.subarray(at, end));
}

/** toFixed, except that a value rounding to zero is written without a sign. */
function reference(value: number, decimals: number): string {
  const s = value.toFixed(decimals);
  return /^-[0.]+$/.test(s) ? s.slice(1) : s;
}

describe('writeUint', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [10, '10'],
    [99, '99'],
    [100, '100'],
    [123456789, '123456789'],
    [4294967296, '4294967296'],
    [9007199254740991, '9007199254740991'],
  ])('writes %d as %s', (value, text) => {
    expect(uint(value)).toBe(text);
    expect(uint(value, 5)).toBe(text);
  });

  it('floors fractional input', () => {
    expect(uint(12.99)).toBe('12');
    expect(uint(0.5)).toBe('0');
  });

  it('equals String(n) for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(uint(n)).toBe(String(n));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeFixed', () => {
  it.each<[number, number, string]>([
    [0, 4, '0.0000'],
    [0, 0, '0'],
    [-0, 4, '0.0000'],
    [1, 4, '1.0000'],
    [-1, 4, '-1.0000'],
    [12.3456, 4, '12.3456'],
    [-12.3456, 4, '-12.3456'],
    [0.5, 0, '1'],
    [1.5, 0, '2'],
    [2.5, 0, '3'],
    [-2.5, 0, '-3'],
    [0.125, 2, '0.13'],
    [0.375, 2, '0.38'],
    [1.005, 2, '1.00'], // 1.005 is really 1.00499999999999989…
    [1.45, 1, '1.4'], // 1.45 is really 1.4499999999999999556… although 1.45 * 10 === 14.5
    [-1.45, 1, '-1.4'],
    [0.00005, 4, '0.0001'], // 0.00005 is really 5.000000000000000409e-5
    [0.99995, 4, '1.0000'], // really 0.99995000000000000551…
    [8.345, 2, '8.35'],
    [1.0049999999999999, 2, '1.00'],
    [0.99996, 4, '1.0000'],
    [9.99999, 4, '10.0000'],
    [-9.99999, 4, '-10.0000'],
    [-0.00001, 4, '0.0000'],
    [-0.00004, 4, '0.0000'],
    [-0.00005, 4, '-0.0001'],
    [0.1, 6, '0.100000'],
    [-123.000001, 6, '-123.000001'],
    [999999999.9999, 4, '999999999.9999'],
    [-999999999.9999, 4, '-999999999.9999'],
    [123456.789, 0, '123457'],
    [1e8, 4, '100000000.0000'],
  ])('writeFixed(%d, %d) = %s', (value, decimals, text) => {
    expect(fixed(value, decimals)).toBe(text);
    expect(fixed(value, decimals, 7)).toBe(text);
    expect(text).toBe(reference(value, decimals));
  });

  it('never writes a negative zero', () => {
    for (const v of [-0, -1e-12, -0.00001, -0.000049, -0.4]) {
      expect(fixed(v, 0)).toBe('0');
    }
    expect(fixed(-0.004, 2)).toBe('0.00');
  });

  it('stays within MAX_FIXED_BYTES for |value| < 1e9', () => {
    expect(fixed(-999999999.4999, 9).length).toBeLessThanOrEqual(MAX_FIXED_BYTES);
    fc.assert(
      fc.property(fc.double({ min: -999999999, max: 999999999, noNaN: true }), fc.integer({ min: 0, max: 9 }), (v, d) => {
        expect(fixed(v, d).length).toBeLessThanOrEqual(MAX_FIXED_BYTES);
      }),
      { numRuns: 1000 },
    );
  });

  it('equals toFixed for random doubles with |value| < 1e9 and 0..9 decimals', () => {
    fc.assert(
      fc.property(fc.double({ min: -999999999, max: 999999999, noNaN: true }), fc.integer({ min: 0, max: 9 }), (v, d) => {
        expect(fixed(v, d)).toBe(reference(v, d));
      }),
      { numRuns: 5000 },
    );
  });

  it('equals toFixed for decimal values near rounding ties', () => {
    // k / 10^(d+1) with last digit 5 sits on (or within an ulp of) a tie
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: -2, max: 2 }), (k, d, nudge) => {
        const v = (k * 10 + 5) / 10 ** (d + 1);
        const near = nudge === 0 ? v : v + nudge * Number.EPSILON * Math.max(1, Math.abs(v));
        expect(fixed(near, d)).toBe(reference(near, d));
      }),
      { numRuns: 5000 },
    );
  });

  it('equals toFixed for the simulator values (4 decimals, |value| < 1e7)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), (v) => {
        expect(fixed(v, 4)).toBe(reference(v, 4));
      }),
      { numRuns: 5000 },
    );
  });
});
