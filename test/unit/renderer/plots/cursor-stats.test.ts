import { describe, expect, it } from 'vitest';
import { measureCursors, valueAt } from '../../../../src-renderer/features/plots/analysis/cursorStats';

describe('cursor statistics', () => {
  const t = [0, 1, 2, 3, 4];
  const a = [0, 2, 4, 6, 8];
  const b = [1, -1, 1, -1, 1];

  it('interpolates values between points and clamps at the ends', () => {
    expect(valueAt(t, a, 1.5)).toBe(3);
    expect(valueAt(t, a, -5)).toBe(0);
    expect(valueAt(t, a, 9)).toBe(8);
    expect(valueAt([], [], 1)).toBeNaN();
  });

  it('gives Δt, 1/Δt and per series Δy, min, max, mean and RMS of the points between A and B', () => {
    const m = measureCursors([t, a, b], 0.5, 3);
    expect(m.dt).toBe(2.5);
    expect(m.freq).toBeCloseTo(0.4, 12);
    const [sa, sb] = m.series;
    expect(sa).toMatchObject({ atA: 1, atB: 6, dy: 5, min: 2, max: 6, mean: 4, count: 3 });
    expect(sa?.rms).toBeCloseTo(Math.sqrt((4 + 16 + 36) / 3), 12);
    expect(sb).toMatchObject({ atA: 0, atB: -1, dy: -1, min: -1, max: 1, count: 3 });
    expect(sb?.mean).toBeCloseTo(-1 / 3, 12);
    expect(sb?.rms).toBe(1);
  });

  it('B before A gives a negative Δt, a positive 1/Δt and the same statistics', () => {
    const m = measureCursors([t, a], 3, 0.5);
    expect(m.dt).toBe(-2.5);
    expect(m.freq).toBeCloseTo(0.4, 12);
    expect(m.series[0]).toMatchObject({ min: 2, max: 6, mean: 4, dy: -5 });
  });

  it('a sine measured over one period: amplitude from min/max, mean 0, RMS a/√2', () => {
    const n = 1000;
    const ts = Array.from({ length: n + 1 }, (_, i) => i / n);
    const ys = ts.map((x) => 2 * Math.sin(2 * Math.PI * x));
    const m = measureCursors([ts, ys], 0, 1);
    const s = m.series[0];
    expect(m.freq).toBe(1);
    expect(((s?.max ?? 0) - (s?.min ?? 0)) / 2).toBeCloseTo(2, 4);
    expect(s?.mean).toBeCloseTo(0, 3);
    expect(s?.rms).toBeCloseTo(2 / Math.SQRT2, 2);
  });

  it('coinciding cursors: 1/Δt is Infinity and an empty span has NaN statistics', () => {
    const m = measureCursors([t, a], 1.2, 1.2);
    expect(m.freq).toBe(Number.POSITIVE_INFINITY);
    expect(m.series[0]?.count).toBe(0);
    expect(m.series[0]?.mean).toBeNaN();
  });
});
