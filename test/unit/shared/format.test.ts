import { describe, expect, it } from 'vitest';
import { fmtClock, fmtDuration, fmtDurationSetting, secondsLeft } from '@shared/format/duration.js';
import { fmtBytes } from '@shared/format/size.js';
import { fmtTime } from '@shared/format/time.js';

describe('one format module', () => {
  it('durations: read-outs, settings and clock lengths each have one style', () => {
    expect([850, 12_345, 245_000, 7_380_000].map(fmtDuration)).toEqual(['850 ms', '12.3 s', '4 min 05 s', '2 h 03 min']);
    expect([500, 5000, 150_000, 5_400_000].map(fmtDurationSetting)).toEqual(['500 ms', '5 s', '2.5 min', '1.5 h']);
    expect([65_000, 3_723_000, -1].map(fmtClock)).toEqual(['1:05', '1:02:03', '0:00']);
    expect([fmtDuration(null), fmtClock(Number.NaN)]).toEqual(['—', '—']);
    expect(secondsLeft(1001)).toBe(2);
  });

  it('sizes are binary units named as such', () => {
    expect([512, 65_000, 5 * 1024 * 1024, 3 * 1024 ** 3].map(fmtBytes)).toEqual(['512 B', '63.5 KiB', '5.0 MiB', '3.0 GiB']);
    expect(fmtBytes(undefined)).toBe('—');
  });

  it('times show milliseconds and a dash when unknown', () => {
    expect(fmtTime(0)).toBe('—');
    expect(fmtTime(new Date(2026, 0, 2, 3, 4, 5, 67).getTime())).toMatch(/0?3:04:05\.067$/);
  });
});
