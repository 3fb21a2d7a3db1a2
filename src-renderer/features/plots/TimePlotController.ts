// One time plot (rolling or oscilloscope trigger) on uPlot, fed from the shared SampleHub.
// React hands in the view; batches arrive through the hub and only mark the plot dirty. Up to
// four Y axes (scales y0…y3), each auto or fixed, each series on one. A/B cursors are drawn
// here and measured on the same columns uPlot draws.
import uPlot from 'uplot';
import { measureCursors, type CursorMeasure } from './analysis/cursorStats';
import { TriggerState, type Sweep, type TriggerSettings } from './analysis/trigger';
import { Decimator } from './decimate';
import { DrawScheduler } from './drawScheduler';
import type { PlotConfig } from '@shared/plots/plot-config.js';
import { registerProbe, type PlotProbe } from './plotProbe';
import type { Cursors } from './plotsStore';
import type { SampleHub } from './sampleHub';
import { AXIS_STYLE, CURSOR_A, CURSOR_B, NOTE_MARK, TRIGGER_MARK, axisSide } from './plotStyle';

export interface TimePlotView {
  config: PlotConfig;
  /** Channel index by name, −1 when the channel is gone. */
  channelIndex: (name: string) => number;
  color: (name: string) => string;
  paused: boolean;
  /** Right edge (s) while paused; null: the newest point. */
  viewEnd: number | null;
  cursors: Cursors;
  /** Notes on the time axis (s). */
  annotations: readonly { t: number; text: string }[];
}

export interface TimePlotEvents {
  /** A click on the plot area at time t (s); shift asks for cursor B. */
  onPick(t: number, shift: boolean): void;
  /** Alt+click: a note at time t (s). */
  onNote(t: number): void;
  /** Wheel while paused: move the view by this many seconds. */
  onScroll(deltaSec: number): void;
  /** Live A/B measurement (throttled), null when the cursors are not both placed. */
  onMeasure(m: CursorMeasure | null): void;
  /** Crosshair: time and values of the shown series at the pointer, null when it left. */
  onHover(h: { t: number; values: number[] } | null): void;
}

const MEASURE_EVERY_MS = 200;

export class TimePlotController {
  private plot: uPlot | null = null;
  private readonly scheduler: DrawScheduler;
  private readonly resizeObserver: ResizeObserver;
  private readonly offHub: () => void;
  private readonly offProbe: () => void;
  private readonly probe: PlotProbe;
  private trigger: TriggerState | null = null;
  private sweep: Sweep | null = null;
  /** Channel indices drawn, in series order; rebuilt with the plot when they change. */
  private shown: { name: string; index: number; axis: number }[] = [];
  private width = 0;
  private readonly decimator = new Decimator();
  private height = 0;
  private lastMeasure = 0;
  /** The cursors moved: measure at the next draw, whatever the throttle says. */
  private measureNow = false;
  private data: Float64Array[] = [new Float64Array(0)];

  constructor(
    private readonly host: HTMLElement,
    private readonly hub: SampleHub,
    private view: TimePlotView,
    private readonly events: TimePlotEvents,
  ) {
    this.scheduler = new DrawScheduler(host, () => this.draw());
    this.probe = {
      mode: view.config.mode,
      draws: 0,
      labels: [],
      gone: [],
      data: () => this.data.map((c) => Array.from(c)),
      clientPos: (x, y) => this.clientPos(x, y),
    };
    this.offProbe = registerProbe(view.config.id, this.probe);
    this.configureTrigger();
    this.measure();
    this.rebuild();
    this.resizeObserver = new ResizeObserver(() => {
      if (this.measure()) {
        this.plot?.setSize({ width: this.width, height: this.height });
        this.scheduler.invalidate();
      }
    });
    this.resizeObserver.observe(host);
    this.offHub = hub.subscribe(() => this.onSamples());
    this.scheduler.invalidate();
  }

  setView(next: TimePlotView): void {
    const prev = this.view;
    this.view = next;
    this.probe.mode = next.config.mode;
    if (next.cursors !== prev.cursors) this.measureNow = true;
    if (next.annotations !== prev.annotations) this.probe.notes = next.annotations.map((n) => n.t);
    if (next.config.trigger !== prev.config.trigger || next.config.windowSec !== prev.config.windowSec || next.config.mode !== prev.config.mode) {
      this.configureTrigger();
    }
    if (this.resolve().some((s, i) => s.index !== this.shown[i]?.index || s.axis !== this.shown[i]?.axis) || this.resolve().length !== this.shown.length || next.config.axes !== prev.config.axes || next.config.mode !== prev.config.mode) {
      this.rebuild();
    }
    this.scheduler.invalidate();
  }

  /** Re-arms a Single trigger. */
  rearm(): void {
    this.trigger?.rearm();
    this.sweep = null;
    this.scheduler.invalidate();
  }

  destroy(): void {
    this.offHub();
    this.offProbe();
    this.scheduler.dispose();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  private onSamples(): void {
    if (this.view.paused || this.shown.length === 0) return;
    this.scheduler.invalidate();
  }

  private configureTrigger(): void {
    const { mode, trigger, windowSec } = this.view.config;
    if (mode !== 'trigger') {
      this.trigger = null;
      return;
    }
    const settings: TriggerSettings = { level: trigger.level, edge: trigger.edge, prePct: trigger.prePct, mode: trigger.mode, holdoffSec: trigger.holdoffMs / 1000, spanSec: windowSec };
    if (this.trigger) this.trigger.configure(settings);
    else this.trigger = new TriggerState(settings);
    this.sweep = null;
  }

  private resolve(): { name: string; index: number; axis: number }[] {
    return this.view.config.series.map((s) => ({ name: s.channel, index: this.view.channelIndex(s.channel), axis: s.axis })).filter((s) => s.index >= 0);
  }

  private draw(): void {
    if (!this.plot) return;
    this.data = this.view.config.mode === 'trigger' ? this.triggerData() : this.timeData();
    this.plot.setData(this.drawnData());
    const t = this.data[0];
    if (t && t.length > 0 && this.view.config.mode === 'time') {
      this.probe.lastDrawn = { sampleMs: (t[t.length - 1] as number) * 1000, at: performance.now() };
    }
    this.emitMeasure(this.measureNow);
    this.measureNow = false;
  }

  /**
   * What uPlot draws: a live time window folded to min/max per pixel column (the same pixels for a
   * fraction of the path work). The probe, cursors and statistics keep every sample (this.data).
   */
  private drawnData(): Float64Array[] {
    const t = this.data[0];
    if (this.view.config.mode !== 'time' || this.view.paused || !t || t.length === 0 || this.width <= 0) return this.data;
    const end = t[t.length - 1] as number;
    return this.decimator.decimate(this.data, end - this.view.config.windowSec, end, this.width);
  }

  private timeData(): Float64Array[] {
    const last = this.hub.lastTime();
    const end = this.view.paused && this.view.viewEnd !== null ? this.view.viewEnd : last;
    if (Number.isNaN(end)) return [new Float64Array(0), ...this.shown.map(() => new Float64Array(0))];
    const cols = this.hub.range(end - this.view.config.windowSec, end);
    const pick = [cols.t, ...this.shown.map((s) => cols.y[s.index] ?? new Float64Array(cols.t.length))];
    // The hub's views move with the next batch; a paused view keeps its own copy.
    return this.view.paused ? pick.map((c) => c.slice()) : pick;
  }

  /** Columns of the current sweep, time relative to the trigger point (s). */
  private triggerData(): Float64Array[] {
    const ch = this.view.channelIndex(this.view.config.trigger.channel ?? '');
    const empty = [new Float64Array(0), ...this.shown.map(() => new Float64Array(0))];
    if (!this.trigger || ch < 0) return empty;
    const all = this.hub.range(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    if (!this.view.paused) this.sweep = this.trigger.update(all.t, all.y[ch] ?? new Float64Array(0));
    this.probe.trigger = { at: this.sweep?.trigger ?? Number.NaN, captured: this.trigger.captured, armed: this.trigger.isArmed };
    const sweep = this.sweep;
    if (!sweep) return empty;
    const cols = this.hub.range(sweep.start, sweep.end);
    const origin = Number.isNaN(sweep.trigger) ? sweep.end : sweep.trigger;
    const x = new Float64Array(cols.t.length);
    for (let i = 0; i < x.length; i++) x[i] = (cols.t[i] as number) - origin;
    return [x, ...this.shown.map((s) => (cols.y[s.index] ?? new Float64Array(x.length)).slice())];
  }

  private emitMeasure(force: boolean): void {
    const { a, b } = this.view.cursors;
    if (a === undefined || b === undefined) return;
    const now = performance.now();
    if (!force && now - this.lastMeasure < MEASURE_EVERY_MS) return;
    this.lastMeasure = now;
    this.events.onMeasure(measureCursors(this.data, a, b));
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.shown = this.resolve();
    const names = this.view.config.series.map((s) => s.channel);
    this.probe.labels = this.shown.map((s) => s.name);
    this.probe.gone = names.filter((n) => this.view.channelIndex(n) < 0);
    this.data = [new Float64Array(0), ...this.shown.map(() => new Float64Array(0))];
    this.plot = new uPlot(this.options(), this.data, this.host);
    this.plot.over.addEventListener('click', this.onClick);
    this.plot.over.addEventListener('wheel', this.onWheel, { passive: false });
  }

  private readonly onClick = (e: MouseEvent): void => {
    const u = this.plot;
    if (!u || e.ctrlKey || e.metaKey) return;
    if (e.altKey) {
      if (this.view.config.mode === 'time') this.events.onNote(u.posToVal(e.offsetX, 'x'));
      return;
    }
    this.events.onPick(u.posToVal(e.offsetX, 'x'), e.shiftKey);
  };

  private readonly onWheel = (e: WheelEvent): void => {
    if (!this.view.paused || this.view.config.mode !== 'time') return;
    e.preventDefault();
    this.events.onScroll((Math.sign(e.deltaY || e.deltaX) * this.view.config.windowSec) / 10);
  };

  private options(): uPlot.Options {
    const { config } = this.view;
    const trigger = config.mode === 'trigger';
    const axes: uPlot.Axis[] = [{ ...AXIS_STYLE, space: 70, ...(trigger ? { values: (_u, v) => v.map((x) => `${(x * 1000).toFixed(0)} ms`) } : {}) }];
    const scales: uPlot.Scales = {
      x: trigger ? { time: false, range: this.sweepRange } : { time: true, range: this.timeRange },
    };
    config.axes.forEach((axis, k) => {
      const key = `y${k}`;
      scales[key] = { range: axis.auto ? autoRange : () => [axis.min, axis.max] };
      if (k === 0 || this.shown.some((s) => s.axis === k)) {
        axes.push({ ...AXIS_STYLE, scale: key, side: axisSide(k), size: 56, label: axis.unit || undefined, labelSize: axis.unit ? 16 : 0 });
      }
    });
    return {
      width: this.width,
      height: this.height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales,
      axes,
      series: [{}, ...this.shown.map((s) => ({ label: s.name, stroke: this.view.color(s.name), width: 1, scale: `y${s.axis}`, points: { show: false } }))],
      hooks: {
        draw: [(u) => this.drawMarks(u), () => this.probe.draws++],
        setCursor: [(u) => this.hover(u)],
      },
    };
  }

  private readonly timeRange: uPlot.Range.Function = (_u, _min, max) => {
    const end = this.view.paused && this.view.viewEnd !== null ? this.view.viewEnd : Number.isFinite(max) ? max : Date.now() / 1000;
    return [end - this.view.config.windowSec, end];
  };

  private readonly sweepRange: uPlot.Range.Function = () => {
    const s = this.sweep;
    if (!s) return [-this.view.config.windowSec, 0];
    const origin = Number.isNaN(s.trigger) ? s.end : s.trigger;
    return [s.start - origin, s.end - origin];
  };

  private hover(u: uPlot): void {
    const idx = u.cursor.idx;
    if (idx == null || u.cursor.left == null || u.cursor.left < 0) {
      this.events.onHover(null);
      return;
    }
    const t = u.data[0]?.[idx];
    if (t == null) return;
    this.events.onHover({ t, values: u.data.slice(1).map((col) => (col[idx] as number | null | undefined) ?? Number.NaN) });
  }

  /** A/B cursor lines; in trigger mode the trigger point and level. */
  private drawMarks(u: uPlot): void {
    const ctx = u.ctx;
    const { top, height, left, width } = u.bbox;
    ctx.save();
    ctx.lineWidth = Math.max(1, devicePixelRatio);
    const vline = (x: number, color: string): void => {
      const px = Math.round(u.valToPos(x, 'x', true)) + 0.5;
      if (px < left || px > left + width) return;
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(px, top);
      ctx.lineTo(px, top + height);
      ctx.stroke();
    };
    if (this.view.config.mode === 'time') {
      ctx.setLineDash([2 * devicePixelRatio, 2 * devicePixelRatio]);
      ctx.fillStyle = NOTE_MARK;
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      for (const n of this.view.annotations) {
        vline(n.t, NOTE_MARK);
        const px = u.valToPos(n.t, 'x', true);
        if (px >= left && px <= left + width) ctx.fillText(n.text.slice(0, 40), px + 3, top + 12 * devicePixelRatio);
      }
      ctx.setLineDash([]);
    }
    const { a, b } = this.view.cursors;
    if (a !== undefined) vline(a, CURSOR_A);
    if (b !== undefined) vline(b, CURSOR_B);
    if (this.view.config.mode === 'trigger' && this.sweep && !Number.isNaN(this.sweep.trigger)) {
      ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
      vline(0, TRIGGER_MARK);
      const trig = this.shown.find((s) => s.name === this.view.config.trigger.channel);
      if (trig) {
        const py = Math.round(u.valToPos(this.view.config.trigger.level, `y${trig.axis}`, true)) + 0.5;
        ctx.strokeStyle = TRIGGER_MARK;
        ctx.beginPath();
        ctx.moveTo(left, py);
        ctx.lineTo(left + width, py);
        ctx.stroke();
      }
    }
    ctx.restore();
  }

  private clientPos(x: number, y = 0): { x: number; y: number } {
    const u = this.plot;
    if (!u) return { x: Number.NaN, y: Number.NaN };
    const rect = u.over.getBoundingClientRect();
    return { x: rect.left + u.valToPos(x, 'x'), y: rect.top + u.valToPos(y, 'y0') };
  }

  private measure(): boolean {
    const w = Math.max(0, Math.floor(this.host.clientWidth));
    const h = Math.max(0, Math.floor(this.host.clientHeight));
    const changed = w !== this.width || h !== this.height;
    this.width = w;
    this.height = h;
    return changed;
  }
}

const autoRange: uPlot.Range.Function = (_u, min, max) => {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [-1, 1];
  const [lo, hi] = uPlot.rangeNum(min, max, 0.1, true);
  return [lo ?? min, hi ?? max];
};
