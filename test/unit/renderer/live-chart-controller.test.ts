// The controller hands uPlot the buffer's line breaks as clip gaps. uPlot itself needs a
// canvas, so it is replaced by a recorder of its options and data.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SampleBatch } from '@shared/api/samples.js';

interface FakeSeries {
  gaps?: (u: unknown, seriesIdx: number, idx0: number, idx1: number, nullGaps: [number, number][]) => [number, number][];
}
interface FakePlot {
  opts: { series: FakeSeries[]; hooks: { draw: ((u: unknown) => void)[] } };
  data: Float64Array[];
  scales: { x: { min?: number; max?: number }; y: { min?: number; max?: number } };
}

const { plots } = vi.hoisted(() => ({ plots: [] as FakePlot[] }));

vi.mock('uplot', () => {
  class Plot {
    static rangeNum = (min: number, max: number) => [min, max];
    opts: FakePlot['opts'];
    data: Float64Array[];
    scales: FakePlot['scales'] = { x: {}, y: {} };
    series: FakeSeries[];
    constructor(opts: FakePlot['opts'], data: Float64Array[]) {
      this.opts = opts;
      this.data = data;
      this.series = opts.series;
      plots.push(this);
    }
    setData(data: Float64Array[]) {
      this.data = data;
    }
    bbox = { left: 0, top: 0, width: 800, height: 300 };
    /** 1 px per ms of the time axis (seconds). */
    valToPos(v: number) {
      return v * 1000;
    }
    redraw() {}
    setSeries() {}
    setSize() {}
    destroy() {}
  }
  return { default: Plot };
});

const { LiveChartController } = await import('../../../src-renderer/features/plots/LiveChartController');

const T0 = 1_700_000_000_000;
let frames: (() => void)[] = [];

beforeEach(() => {
  plots.length = 0;
  frames = [];
  vi.stubGlobal('window', {});
  vi.stubGlobal('devicePixelRatio', 1);
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Points every `dtMs` from `fromMs` (relative to T0) on one channel. */
function batch(fromMs: number, count: number, dtMs: number): SampleBatch {
  const t = Float64Array.from({ length: count }, (_, i) => T0 + fromMs + i * dtMs);
  const y = Float64Array.from({ length: count }, (_, i) => Math.sin(i / 10));
  return { seq: 0, channels: 1, t, y, reset: false };
}

const view = { windowSec: 30, autoScale: true, paused: false, series: [{ visible: true, color: '#4e9cff' }], names: ['ch1'] };

function setup() {
  const host = { clientWidth: 800, clientHeight: 300 } as unknown as HTMLElement;
  const controller = new LiveChartController(host, 1, view);
  const plot = () => plots.at(-1) as FakePlot;
  const flush = () => {
    const pending = frames;
    frames = [];
    for (const f of pending) f();
  };
  /** What the series' gaps refiner returns for the data uPlot has now. */
  const gaps = () => {
    const p = plot();
    const n = p.data[0]?.length ?? 0;
    return p.opts.series[1]?.gaps?.(p, 1, 0, n - 1, []) ?? [];
  };
  return { controller, plot, flush, gaps };
}

const px = (ms: number) => Math.round(((T0 + ms) / 1000) * 1000);

describe('LiveChartController line breaks', () => {
  it('gives every series a gaps refiner that clips the line across a silence', () => {
    const { controller, plot, flush, gaps } = setup();
    controller.ingest(batch(0, 300, 10)); // 0 … 2990 ms
    controller.ingest(batch(6000, 100, 10)); // data again after 3 s of nothing
    flush();
    expect(plot().data[0]).toHaveLength(400);
    expect(gaps()).toEqual([[px(2990), px(6000)]]);
    controller.destroy();
  });

  it('breaks the line after the time the breaker went stale, however short the silence', () => {
    const { controller, flush, gaps } = setup();
    controller.ingest(batch(0, 300, 10));
    flush();
    expect(gaps()).toEqual([]);
    controller.breakLine(T0 + 2995);
    controller.ingest(batch(3000, 10, 10)); // 10 ms later: no silence, but the breaker said so
    flush();
    expect(gaps()).toEqual([[px(2990), px(3000)]]);
    controller.destroy();
  });

  it('keeps the breaks of a paused view while the live data scrolls on', () => {
    const { controller, plot, flush, gaps } = setup();
    controller.ingest(batch(0, 300, 10));
    controller.ingest(batch(6000, 100, 10));
    flush();
    controller.setView({ ...view, paused: true });
    const frozen = plot().data;
    // 40 s later: the live buffer has trimmed the break away.
    controller.ingest(batch(46_000, 100, 10));
    controller.ingest(batch(47_000, 100, 10));
    flush();
    expect(plot().data).toBe(frozen);
    expect(gaps()).toEqual([[px(2990), px(6000)]]);
    // Live again: the break the buffer kept is the one at the end of that 39 s silence.
    controller.setView({ ...view, paused: false });
    flush();
    expect(gaps()).toEqual([[px(6990), px(46_000)]]);
    controller.destroy();
  });

  it('reports the breaks in view to the chart probe', () => {
    const { controller, plot, flush } = setup();
    controller.ingest(batch(0, 300, 10));
    controller.ingest(batch(6000, 100, 10));
    flush();
    const p = plot();
    p.scales.x = { min: (T0 + 0) / 1000, max: (T0 + 7000) / 1000 };
    const drawGaps = p.opts.hooks.draw[0] as (u: unknown) => void; // gap markers, then the probe's figures
    drawGaps(p);
    expect((window as unknown as { __thChart: { breaks: number } }).__thChart.breaks).toBe(1);
    p.scales.x = { min: (T0 + 6500) / 1000, max: (T0 + 7000) / 1000 };
    drawGaps(p);
    expect((window as unknown as { __thChart: { breaks: number } }).__thChart.breaks).toBe(0);
    controller.destroy();
  });
});
