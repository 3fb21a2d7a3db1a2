// An XY plot: one channel against another over the newest `trail` points, on a plain canvas
// (uPlot wants ascending x). Auto-scaled to the trail with a little margin; older points fade.
import { DrawScheduler } from './drawScheduler';
import type { PlotConfig } from '@shared/plots/plot-config.js';
import { registerProbe, type PlotProbe } from './plotProbe';
import type { SampleHub } from './sampleHub';
import { AXIS_STYLE } from './plotStyle';

export interface XyPlotView {
  config: PlotConfig;
  channelIndex: (name: string) => number;
  color: (name: string) => string;
  paused: boolean;
}

const PAD = 36;

export class XyPlotController {
  private readonly canvas: HTMLCanvasElement;
  private readonly scheduler: DrawScheduler;
  private readonly resizeObserver: ResizeObserver;
  private readonly offHub: () => void;
  private readonly offProbe: () => void;
  private readonly probe: PlotProbe;
  private xs = new Float64Array(0);
  private ys = new Float64Array(0);

  constructor(
    private readonly host: HTMLElement,
    private readonly hub: SampleHub,
    private view: XyPlotView,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'xy-canvas';
    host.appendChild(this.canvas);
    this.scheduler = new DrawScheduler(host, () => this.draw());
    this.probe = { mode: 'xy', draws: 0, labels: [], gone: [], data: () => [Array.from(this.xs), Array.from(this.ys)] };
    this.offProbe = registerProbe(view.config.id, this.probe);
    this.resizeObserver = new ResizeObserver(() => this.scheduler.invalidate());
    this.resizeObserver.observe(host);
    this.offHub = hub.subscribe(() => {
      if (!this.view.paused) this.scheduler.invalidate();
    });
    this.scheduler.invalidate();
  }

  setView(next: XyPlotView): void {
    this.view = next;
    this.scheduler.invalidate();
  }

  destroy(): void {
    this.offHub();
    this.offProbe();
    this.scheduler.dispose();
    this.resizeObserver.disconnect();
    this.canvas.remove();
  }

  private draw(): void {
    const { x, y, trail } = this.view.config.xy;
    const xi = this.view.channelIndex(x ?? '');
    const yi = this.view.channelIndex(y ?? '');
    this.probe.labels = [x ?? '', y ?? ''];
    this.probe.gone = [x, y].filter((n): n is string => n !== undefined && this.view.channelIndex(n) < 0);
    if (!this.view.paused) {
      const cols = this.hub.tail(trail);
      this.xs = xi >= 0 ? (cols.y[xi] ?? new Float64Array(0)).slice() : new Float64Array(0);
      this.ys = yi >= 0 ? (cols.y[yi] ?? new Float64Array(0)).slice() : new Float64Array(0);
    }
    this.render();
    this.probe.draws++;
  }

  private render(): void {
    const dpr = devicePixelRatio || 1;
    const w = Math.max(0, Math.floor(this.host.clientWidth));
    const h = Math.max(0, Math.floor(this.host.clientHeight));
    if (this.canvas.width !== w * dpr || this.canvas.height !== h * dpr) {
      this.canvas.width = w * dpr;
      this.canvas.height = h * dpr;
      this.canvas.style.width = `${w}px`;
      this.canvas.style.height = `${h}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const n = Math.min(this.xs.length, this.ys.length);
    const [x0, x1] = extent(this.xs, n);
    const [y0, y1] = extent(this.ys, n);
    const px = (v: number): number => PAD + ((v - x0) / (x1 - x0)) * (w - 2 * PAD);
    const py = (v: number): number => h - PAD - ((v - y0) / (y1 - y0)) * (h - 2 * PAD);
    ctx.font = AXIS_STYLE.font as string;
    ctx.fillStyle = AXIS_STYLE.stroke as string;
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.15)';
    ctx.strokeRect(PAD, PAD, w - 2 * PAD, h - 2 * PAD);
    ctx.fillText(fmt(x0), PAD, h - PAD + 14);
    ctx.fillText(fmt(x1), w - PAD - 30, h - PAD + 14);
    ctx.fillText(fmt(y1), 2, PAD + 4);
    ctx.fillText(fmt(y0), 2, h - PAD);
    ctx.fillText(`${this.view.config.xy.y ?? '?'} vs ${this.view.config.xy.x ?? '?'}`, PAD, PAD - 8);
    if (n < 2) return;
    ctx.strokeStyle = this.view.color(this.view.config.xy.y ?? '');
    ctx.lineWidth = 1;
    // Four segments of the trail, older ones fainter.
    const parts = 4;
    for (let p = 0; p < parts; p++) {
      const from = Math.floor((p * (n - 1)) / parts);
      const to = Math.floor(((p + 1) * (n - 1)) / parts);
      ctx.globalAlpha = 0.25 + (0.75 * (p + 1)) / parts;
      ctx.beginPath();
      ctx.moveTo(px(this.xs[from] as number), py(this.ys[from] as number));
      for (let i = from + 1; i <= to; i++) ctx.lineTo(px(this.xs[i] as number), py(this.ys[i] as number));
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
}

function extent(v: Float64Array, n: number): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const x = v[i] as number;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo - 1, lo + 1] : [-1, 1];
  const m = (hi - lo) * 0.05;
  return [lo - m, hi + m];
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(+v.toPrecision(3)) : '';
}
