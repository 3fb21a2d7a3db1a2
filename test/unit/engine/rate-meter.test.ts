import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../src-main/engine/metrics/rate-meter.js';

describe('RateMeter', () => {
  it('returns 0 for every counter on the first reading', () => {
    const m = new RateMeter();
    expect(m.sample({ frames: 500, bytes: 9000 }, 1000)).toEqual({ frames: 0, bytes: 0 });
  });

  it('returns per-second rates between readings', () => {
    const m = new RateMeter();
    m.sample({ frames: 100, bytes: 1000 }, 1000);
    expect(m.sample({ frames: 600, bytes: 1000 }, 1500)).toEqual({ frames: 1000, bytes: 0 });
    expect(m.sample({ frames: 900, bytes: 4000 }, 3500)).toEqual({ frames: 150, bytes: 1500 });
  });

  it('a counter seen for the first time starts at 0', () => {
    const m = new RateMeter();
    m.sample({ a: 10 }, 0);
    expect(m.sample({ a: 20, b: 50 }, 1000)).toEqual({ a: 10, b: 0 });
    expect(m.sample({ a: 20, b: 80 }, 2000)).toEqual({ a: 0, b: 30 });
  });

  it('a counter that went backwards (reset) gives 0, not a negative rate', () => {
    const m = new RateMeter();
    m.sample({ a: 1000 }, 0);
    expect(m.sample({ a: 10 }, 1000)).toEqual({ a: 0 });
    expect(m.sample({ a: 60 }, 2000)).toEqual({ a: 50 });
  });

  it('no elapsed time gives 0 instead of Infinity', () => {
    const m = new RateMeter();
    m.sample({ a: 0 }, 1000);
    expect(m.sample({ a: 10 }, 1000)).toEqual({ a: 0 });
    expect(m.sample({ a: 30 }, 900)).toEqual({ a: 0 });
  });

  it('reset forgets the previous values', () => {
    const m = new RateMeter();
    m.sample({ a: 0 }, 0);
    m.reset();
    expect(m.sample({ a: 500 }, 1000)).toEqual({ a: 0 });
    expect(m.sample({ a: 700 }, 2000)).toEqual({ a: 200 });
  });
});
