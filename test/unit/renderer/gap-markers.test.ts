import { describe, expect, it } from 'vitest';
import { GapMarkers, MAX_GAP_MARKERS } from '../../../src-renderer/features/plots/gapMarkers';

describe('GapMarkers', () => {
  it('keeps gap times in seconds, trims what scrolled out, and finds those in view', () => {
    const g = new GapMarkers();
    g.add(Float64Array.from([1000, 2500, 4000]));
    g.add(undefined);
    expect(g.count).toBe(3);
    expect(g.within(2, 5)).toEqual([2.5, 4]);
    g.trimBefore(2);
    expect(g.within(0, 10)).toEqual([2.5, 4]);
    g.reset();
    expect(g.count).toBe(0);
  });

  it('is bounded: the oldest markers go first', () => {
    const g = new GapMarkers();
    g.add(Float64Array.from({ length: MAX_GAP_MARKERS + 10 }, (_, i) => i * 1000));
    expect(g.count).toBe(MAX_GAP_MARKERS);
    expect(g.within(0, 9)).toEqual([]);
    expect(g.within(10, 10)).toEqual([10]);
  });
});
