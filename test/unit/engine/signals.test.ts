import { describe, expect, it } from 'vitest';
import { makeSignal } from '../../../src-main/engine/link/signals.js';

describe('makeSignal', () => {
  it('sine: offset + a·sin(2πt/T)', () => {
    const f = makeSignal({ shape: 'sine', amplitude: 2, offset: 1, periodSec: 4 });
    expect(f(0)).toBe(1);
    expect(f(1)).toBe(3);
    expect(f(3)).toBe(-1);
    expect(f(0.5)).toBeCloseTo(1 + 2 * Math.SQRT1_2, 12);
  });

  it('ramp: rises linearly from offset − a to offset + a over each period', () => {
    const f = makeSignal({ shape: 'ramp', amplitude: 2, offset: 10, periodSec: 2 });
    expect(f(0)).toBe(8);
    expect(f(0.5)).toBe(9);
    expect(f(1)).toBe(10);
    expect(f(1.5)).toBe(11);
    expect(f(2)).toBe(8);
    expect(f(3)).toBe(10);
  });

  it('square: +a for the first half period, −a for the second', () => {
    const f = makeSignal({ shape: 'square', amplitude: 3, offset: 1, periodSec: 1 });
    expect(f(0)).toBe(4);
    expect(f(0.25)).toBe(4);
    expect(f(0.5)).toBe(-2);
    expect(f(0.75)).toBe(-2);
    expect(f(1)).toBe(4);
  });

  it('noise: centred on the offset, bounded by ±2·0.866·a', () => {
    expect(makeSignal({ shape: 'noise', amplitude: 4, offset: 7, periodSec: 1 }, () => 0.5)(0)).toBe(7);
    expect(makeSignal({ shape: 'noise', amplitude: 4, offset: 7, periodSec: 1 }, () => 0)(0)).toBeCloseTo(7 - 2 * 0.866 * 4, 12);
    expect(makeSignal({ shape: 'noise', amplitude: 4, offset: 7, periodSec: 1 }, () => 1)(0)).toBeCloseTo(7 + 2 * 0.866 * 4, 12);
  });

  it('random-walk: mean-reverting steps driven by the random source', () => {
    const rs = [1, 1, 0.5, 0];
    let i = 0;
    const f = makeSignal({ shape: 'random-walk', amplitude: 10, offset: 100, periodSec: 1 }, () => rs[i++] as number);
    // x = x·0.999 + (r − 0.5)·0.1·a
    let x = 0;
    for (const r of rs) {
      x = x * 0.999 + (r - 0.5) * 0.1 * 10;
      expect(f(0)).toBe(100 + x);
    }
  });

  it('random-walk channels keep independent state', () => {
    const a = makeSignal({ shape: 'random-walk', amplitude: 1, offset: 0, periodSec: 1 }, () => 1);
    const b = makeSignal({ shape: 'random-walk', amplitude: 1, offset: 0, periodSec: 1 }, () => 1);
    a(0);
    a(0);
    expect(b(0)).toBe(0.05);
  });
});
