import { describe, expect, it } from 'vitest';
import { findCrossing, TriggerState, type TriggerSettings } from '../../../../src-renderer/features/plots/analysis/trigger';

/** A sine of period 1 s sampled every 10 ms from t0 for `sec` seconds. */
function sine(sec: number, t0 = 0): { t: number[]; y: number[] } {
  const t: number[] = [];
  const y: number[] = [];
  for (let i = 0; i <= sec * 100; i++) {
    const ts = t0 + i / 100;
    t.push(ts);
    y.push(Math.sin(2 * Math.PI * ts));
  }
  return { t, y };
}

const base: TriggerSettings = { level: 0.5, edge: 'rising', prePct: 25, mode: 'normal', holdoffSec: 0, spanSec: 0.4 };

describe('trigger detection', () => {
  it('finds rising and falling crossings of the level', () => {
    const y = [0, 1, 2, 1, 0, -1, 0, 2];
    expect(findCrossing(y, 1.5, 'rising')).toBe(2);
    expect(findCrossing(y, 1.5, 'rising', 3)).toBe(7);
    expect(findCrossing(y, 0.5, 'falling')).toBe(4);
    expect(findCrossing(y, 5, 'rising')).toBe(-1);
  });

  it('places the trigger point at the interpolated crossing with the pre-trigger share before it', () => {
    const { t, y } = sine(1.5);
    const s = new TriggerState(base);
    const sweep = s.update(t, y);
    // sin(2πt) = 0.5 first at t = 1/12 s, but the pre-trigger part (0.1 s) needs history: t ≥ 0.1.
    // The next rising crossing is at 1 + 1/12.
    expect(sweep?.trigger).toBeCloseTo(1 + 1 / 12, 3);
    expect(sweep?.start).toBeCloseTo(1 + 1 / 12 - 0.1, 3);
    expect(sweep?.end).toBeCloseTo(1 + 1 / 12 + 0.3, 3);
  });

  it('a falling edge triggers where the sine comes down through the level', () => {
    const { t, y } = sine(1.5);
    const s = new TriggerState({ ...base, edge: 'falling', prePct: 0 });
    // Falling through 0.5 at 5/12 s; the sweep ends 0.4 s later, all buffered.
    expect(s.update(t, y)?.trigger).toBeCloseTo(5 / 12, 3);
  });

  it('Normal shows nothing until a sweep completes, then keeps the newest complete sweep', () => {
    const s = new TriggerState({ ...base, prePct: 0 });
    const early = sine(0.2);
    expect(s.update(early.t, early.y)).toBeNull();
    const later = sine(2.6);
    // Crossings at 1/12, 1+1/12, 2+1/12; the last sweep ends at 2.483 ≤ 2.6.
    expect(s.update(later.t, later.y)?.trigger).toBeCloseTo(2 + 1 / 12, 3);
    expect(s.captured).toBe(3);
  });

  it('holdoff skips crossings that come too soon after the last trigger', () => {
    const { t, y } = sine(3.5);
    const s = new TriggerState({ ...base, prePct: 0, holdoffSec: 1.5 });
    s.update(t, y);
    // Triggers at 1/12 and then not before 1/12 + 1.5: the next is 2 + 1/12 (1 + 1/12 is held off).
    expect(s.captured).toBe(2);
    expect(s.update(t, y)?.trigger).toBeCloseTo(2 + 1 / 12, 3);
  });

  it('Single captures one sweep and stops; rearm captures the next', () => {
    const s = new TriggerState({ ...base, prePct: 0, mode: 'single' });
    const a = sine(0.6);
    expect(s.update(a.t, a.y)?.trigger).toBeCloseTo(1 / 12, 3);
    expect(s.isArmed).toBe(false);
    const b = sine(3);
    expect(s.update(b.t, b.y)?.trigger).toBeCloseTo(1 / 12, 3);
    expect(s.captured).toBe(1);
    s.rearm();
    const c = sine(2, 3);
    expect(s.update(c.t, c.y)?.trigger).toBeCloseTo(3 + 1 / 12, 3);
    expect(s.captured).toBe(1);
  });

  it('Auto rolls with the newest data when nothing triggers', () => {
    const s = new TriggerState({ ...base, level: 5, mode: 'auto' });
    const { t, y } = sine(2);
    const sweep = s.update(t, y);
    expect(sweep?.trigger).toBeNaN();
    expect(sweep?.end).toBeCloseTo(2, 9);
    expect(sweep?.start).toBeCloseTo(1.6, 9);
  });
});
