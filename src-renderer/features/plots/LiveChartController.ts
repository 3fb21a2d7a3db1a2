// Imperative owner of the uPlot instance: buffers sample batches and redraws at most
// once per animation frame, only when new data arrived. React only passes view options in,
// so the 30 Hz sample path never touches React state.
//
// Where the data stopped (a silence, the breaker opening) the line is broken rather
// than drawn straight across the outage: see SeriesBuffer's line breaks and lineBreaks.ts.
import uPlot from 'uplot';
import type { SampleBatch } from '@shared/api/samples.js';
import type { ResolvedChannelView } from './channelViews';
import { EMPTY_OVERLAY, drawOverlay, type AlarmOverlay } from './alarmOverlay';
import { chartProbe, type ChartProbe } from './chartProbe';
import { Decimator } from './decimate';
import { GapMarkers } from './gapMarkers';
import { breaksWithin, lineBreakGaps, mergeGaps } from './lineBreaks';
import { DEFAULT_CAPACITY, SeriesBuffer } from './SeriesBuffer';

export interface ChartViewOptions {
  windowSec: number;
  autoScale: boolean;
  /** Freezes the view; data keeps buffering and resume jumps to live. */
  paused: boolean;
  /** By channel index; channels past the end use defaults. */
  series: readonly ResolvedChannelView[];
  names: readonly string[];
}

const AXIS = '#9aa4b2';
const GRID = 'rgba(255, 255, 255, 0.07)';
const FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FALLBACK: ResolvedChannelView = { visible: true, color: '#4e9cff' };
const GAP = 'rgba(255, 107, 107, 0.85)';
/** Silences shorter than this share of the window (or than MIN_SILENCE_SEC) never break the line: they would hardly show. */
const SILENCE_PER_WINDOW = 1 / 200;
const MIN_SILENCE_SEC = 0.1;

export class LiveChartController {
  private readonly host: HTMLElement;
  private readonly buffer: SeriesBuffer;
  private readonly gaps = new GapMarkers();
  private readonly probe: ChartProbe;
  private readonly resizeObserver: ResizeObserver;
  private view: ChartViewOptions;
  private plot: uPlot | null = null;
  /** Copy of the data shown while paused: appends must not move it under the plot. */
  private frozen: Float64Array[] | null = null;
  /** The line breaks of the frozen data (later trims must not drop them from the paused view). */
  private frozenBreaks: readonly number[] = [];
  private yFixed: [number, number] | null = null;
  private dirty = false;
  private raf = 0;
  private width = 0;
  private height = 0;
  private overlay: AlarmOverlay = EMPTY_OVERLAY;
  private readonly decimator = new Decimator();

  constructor(host: HTMLElement, channels: number, view: ChartViewOptions, capacity = DEFAULT_CAPACITY) {
    this.host = host;
    this.view = view;
    this.buffer = new SeriesBuffer(channels, capacity);
    this.buffer.setMinSpacing(this.minSpacing());
    this.buffer.setMinSilence(this.minSilence());
    this.probe = chartProbe();
    this.measure();
    this.build();
    this.resizeObserver = new ResizeObserver(() => this.onResize());
    this.resizeObserver.observe(host);
  }

  ingest(batch: SampleBatch): void {
    // Decided before a reset, which would already adopt the new channel count.
    const layoutChanged = batch.channels !== this.buffer.channels;
    if (batch.reset) {
      this.buffer.reset(batch.channels);
      this.gaps.reset();
    }
    this.buffer.append(batch);
    this.gaps.add(batch.gaps);
    const last = this.buffer.lastTime();
    if (!Number.isNaN(last)) {
      this.buffer.trimBefore(last - this.view.windowSec);
      this.gaps.trimBefore(last - this.view.windowSec);
    }
    if (layoutChanged) {
      if (this.frozen) this.freeze();
      this.build();
    }
    this.dirty = true;
    if (!this.view.paused) this.schedule();
  }

  setView(next: ChartViewOptions): void {
    const prev = this.view;
    this.view = next;
    if (next.windowSec !== prev.windowSec) {
      this.buffer.setMinSpacing(this.minSpacing());
      this.buffer.setMinSilence(this.minSilence());
      this.dirty = true;
    }
    if (next.autoScale !== prev.autoScale) {
      // Turning auto-scale off locks the range the operator is looking at.
      const y = this.plot?.scales.y;
      this.yFixed = !next.autoScale && y?.min != null && y.max != null ? [y.min, y.max] : null;
      this.dirty = true;
    }
    if (this.plot) this.applySeriesStyles(prev);
    if (next.paused !== prev.paused) {
      if (next.paused) {
        this.plot?.setData(this.freeze());
      } else {
        this.frozen = null;
        this.frozenBreaks = [];
        this.dirty = true;
      }
    } else if (this.dirty && next.paused && this.frozen) {
      this.plot?.setData(this.frozen);
    }
    if (this.dirty && !next.paused) this.schedule();
  }

  /**
   * The data stopped at `afterMs` (epoch ms; the breaker went stale): the first point
   * after it starts a new line instead of being joined across the outage.
   */
  breakLine(afterMs: number): void {
    this.buffer.breakLine(afterMs / 1000);
  }

  /** Alarm limit lines and start markers; redrawn without touching the data. */
  setAlarmOverlay(overlay: AlarmOverlay): void {
    this.overlay = overlay;
    this.plot?.redraw(false, false);
  }

  destroy(): void {
    if (this.raf !== 0) cancelAnimationFrame(this.raf);
    this.raf = 0;
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  /**
   * Folding is a safety net: the engine already decimates to ~10,000 points per window
   * (half the cap), so only data denser than twice that (e.g. just after the window
   * changed) is folded, and 1 kHz into a 10 s window keeps every point.
   */
  private minSpacing(): number {
    return this.view.windowSec / this.buffer.capacity;
  }

  /** Silences (s) shorter than this are taken for jitter, not an outage. */
  private minSilence(): number {
    return Math.max(MIN_SILENCE_SEC, this.view.windowSec * SILENCE_PER_WINDOW);
  }

  private freeze(): Float64Array[] {
    this.frozen = this.buffer.snapshot();
    this.frozenBreaks = [...this.buffer.breakTimes()];
    return this.frozen;
  }

  private breakTimes(): readonly number[] {
    return this.frozen ? this.frozenBreaks : this.buffer.breakTimes();
  }

  /** uPlot's `gaps` refiner: the line breaks become clip gaps, next to any from null values (there are none). */
  private readonly seriesGaps: uPlot.Series.GapsRefiner = (u, _seriesIdx, idx0, idx1, nullGaps) => {
    const breaks = this.breakTimes();
    const xs = u.data[0];
    if (breaks.length === 0 || !xs) return nullGaps;
    return mergeGaps(nullGaps, lineBreakGaps(xs as ArrayLike<number>, breaks, idx0, idx1, (t) => Math.round(u.valToPos(t, 'x', true))));
  };

  private schedule(): void {
    if (this.raf === 0) this.raf = requestAnimationFrame(this.frame);
  }

  private readonly frame = (): void => {
    this.raf = 0;
    if (!this.dirty || this.view.paused || !this.plot) return;
    this.dirty = false;
    this.plot.setData(this.liveData());
    this.probe.points = this.buffer.countSince(this.buffer.lastTime() - this.view.windowSec);
  };

  /**
   * The live window folded to two points per pixel column (min and max): the same pixels as every
   * sample, for a fraction of uPlot's path work. A paused view keeps every sample (it may be zoomed).
   */
  private liveData(): Float64Array[] {
    const data = this.buffer.data();
    const last = this.buffer.lastTime();
    if (Number.isNaN(last) || this.width <= 0) return data;
    return this.decimator.decimate(data, last - this.view.windowSec, last, this.width);
  }

  private seriesView(index: number): ResolvedChannelView {
    return this.view.series[index] ?? FALLBACK;
  }

  private applySeriesStyles(prev: ChartViewOptions): void {
    const plot = this.plot;
    if (!plot) return;
    let restroke = false;
    for (let c = 0; c < this.buffer.channels; c++) {
      const s = this.seriesView(c);
      const before = prev.series[c] ?? FALLBACK;
      if (s.visible !== before.visible) {
        plot.setSeries(c + 1, { show: s.visible });
        this.dirty = true;
      }
      const series = plot.series[c + 1];
      if (series && s.color !== before.color) {
        const color = s.color;
        series.stroke = () => color;
        restroke = true;
      }
    }
    if (restroke) plot.redraw(true);
  }

  private options(): uPlot.Options {
    const series: uPlot.Series[] = [{}];
    for (let c = 0; c < this.buffer.channels; c++) {
      const s = this.seriesView(c);
      series.push({
        label: this.view.names[c] ?? `ch${c + 1}`,
        stroke: s.color,
        width: 1,
        show: s.visible,
        points: { show: false },
        gaps: this.seriesGaps,
      });
    }
    const axis: uPlot.Axis = {
      stroke: AXIS,
      font: FONT,
      grid: { stroke: GRID, width: 1 },
      ticks: { stroke: GRID, width: 1, size: 4 },
    };
    return {
      width: this.width,
      height: this.height,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true, range: this.xRange },
        y: { range: this.yRange },
      },
      axes: [{ ...axis, space: 70 }, { ...axis, size: 56 }],
      series,
      hooks: {
        draw: [
          (u) => this.drawGaps(u),
          () => this.probe.draws++,
          (u) => {
            this.probe.alarmMarks = drawOverlay(u, this.overlay, (c) => this.seriesView(c).visible && c < this.buffer.channels);
          },
        ],
      },
    };
  }

  /** Lost frames (sequence gaps): a dashed vertical line where the data resumed. */
  private drawGaps(u: uPlot): void {
    const min = u.scales.x?.min;
    const max = u.scales.x?.max;
    const marks = min == null || max == null ? [] : this.gaps.within(min, max);
    this.probe.gaps = marks.length;
    this.probe.breaks = min == null || max == null ? 0 : breaksWithin(this.breakTimes(), min, max);
    if (marks.length === 0) return;
    const ctx = u.ctx;
    const { top, height } = u.bbox;
    ctx.save();
    ctx.strokeStyle = GAP;
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    for (const t of marks) {
      const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
    }
    ctx.stroke();
    ctx.restore();
  }

  /** The x range always spans the full window ending at the newest point, so the trace scrolls. */
  private readonly xRange: uPlot.Range.Function = (_u, _min, max) => {
    const hi = Number.isFinite(max) ? max : Date.now() / 1000;
    return [hi - this.view.windowSec, hi];
  };

  private readonly yRange: uPlot.Range.Function = (_u, min, max) => {
    if (!this.view.autoScale && this.yFixed) return this.yFixed;
    if (!Number.isFinite(min) || !Number.isFinite(max)) return [-1, 1];
    const [lo, hi] = uPlot.rangeNum(min, max, 0.1, true);
    const range: [number, number] = [lo ?? min, hi ?? max];
    // Auto-scale off before any data was seen: lock to the first real range.
    if (!this.view.autoScale) this.yFixed = range;
    return range;
  };

  private build(): void {
    this.plot?.destroy();
    const data = this.frozen ?? this.buffer.data();
    this.plot = new uPlot(this.options(), data, this.host);
  }

  private measure(): boolean {
    const w = Math.max(0, Math.floor(this.host.clientWidth));
    const h = Math.max(0, Math.floor(this.host.clientHeight));
    const changed = w !== this.width || h !== this.height;
    this.width = w;
    this.height = h;
    return changed;
  }

  private onResize(): void {
    if (this.measure()) this.plot?.setSize({ width: this.width, height: this.height });
  }
}
