import { describe, expect, it } from 'vitest';
import { fmtBytes, fmtFixed, fmtInt, plainInt } from '../../../src-renderer/ui/format/numbers';

describe('number formatting', () => {
  it('status-bar integers are plain and never blank', () => {
    expect(plainInt(1234.6)).toBe('1235');
    expect(plainInt(null)).toBe('0');
    expect(plainInt(Number.NaN)).toBe('0');
  });

  it('panel numbers show a dash when unknown', () => {
    expect(fmtInt(1234567)).toBe('1,234,567');
    expect(fmtInt(undefined)).toBe('—');
    expect(fmtFixed(1.25, 1)).toBe('1.3');
    expect(fmtFixed(null)).toBe('—');
  });

  it('scales bytes to binary units', () => {
    expect(fmtBytes(512)).toBe('512 B');
    expect(fmtBytes(65_000)).toBe('63.5 KiB');
    expect(fmtBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
});
