import { describe, expect, it } from 'vitest';
import { newPlot } from '@shared/plots/plot-config.js';
import { LEGACY_PLOTS_KEY, takeLegacyPlots, withFreeIds } from '../../../../src-renderer/features/plots/legacyPlots';

function memory(init: Record<string, string>) {
  const data = new Map(Object.entries(init));
  return { data, getItem: (k: string) => data.get(k) ?? null, removeItem: (k: string) => void data.delete(k) };
}

describe('legacy localStorage plots', () => {
  it('are read once, validated, and the key is dropped', () => {
    const plots = [newPlot('plot-1', 'time', ['ch1']), newPlot('plot-2', 'xy', ['ch1', 'ch6'])];
    const s = memory({ [LEGACY_PLOTS_KEY]: JSON.stringify(plots), other: 'x' });
    expect(takeLegacyPlots(s)).toEqual({ plots, notice: null });
    expect(s.data.has(LEGACY_PLOTS_KEY)).toBe(false);
    expect(s.data.get('other')).toBe('x');
    // Second start: nothing left to move.
    expect(takeLegacyPlots(s)).toEqual({ plots: [], notice: null });
  });

  it('an invalid list is refused whole with the field named, and still dropped', () => {
    const bad = [newPlot('plot-1', 'time', ['ch1']), { ...newPlot('plot-2', 'time', []), windowSec: 0 }];
    const s = memory({ [LEGACY_PLOTS_KEY]: JSON.stringify(bad) });
    const r = takeLegacyPlots(s);
    expect(r.plots).toEqual([]);
    expect(r.notice).toMatch(/^Saved plots could not be restored \(1\.windowSec: .*\); none were moved into the layout\.$/);
    expect(s.data.has(LEGACY_PLOTS_KEY)).toBe(false);
    const t = memory({ [LEGACY_PLOTS_KEY]: '{not json' });
    expect(takeLegacyPlots(t).notice).toMatch(/^Saved plots could not be read \(/);
  });

  it('moved plots get ids no open panel uses', () => {
    const plots = [newPlot('plot-1', 'time', []), newPlot('plot-2', 'fft', [])];
    expect(withFreeIds(plots, ['plot-1']).map((p) => p.id)).toEqual(['plot-3', 'plot-2']);
    expect(withFreeIds(plots, []).map((p) => p.id)).toEqual(['plot-1', 'plot-2']);
  });
});
