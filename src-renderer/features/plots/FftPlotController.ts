// An FFT plot: spectra of its channels, computed in the shared FFT worker from the hub's newest
// points, drawn with uPlot over frequency. One request in flight per plot: while the worker is
// busy, new batches only mark the plot stale, so a slow machine drops spectra, never queues them.
import uPlot from 'uplot';
import { peakBin } from './analysis/fft';
import { computeSpectrum } from './analysis/fftClient';
import { medianSpacing } from './analysis/resample';
import type { SpectrumResult } from './analysis/spectrumJob';
import { DrawScheduler } from './drawScheduler';
import type { PlotConfig } from '@shared/plots/plot-config.js';
import { registerProbe, type PlotProbe } from './plotProbe';
import type { SampleHub } from './sampleHub';
import { AXIS_STYLE } from './plotStyle';

export interface FftPlotView {
  config: PlotConfig;
  channelIndex: (name: string) => number;
  color: (name: string) => string;
  paused: boolean;
}

export class FftPlotController {
  private plot: uPlot | null = null;
  private readonly scheduler: DrawScheduler;
  private readonly resizeObserver: ResizeObserver;
  private readonly offHub: () => void;
  private readonly offProbe: () => void;
  private readonly probe: PlotProbe;
  private shown: { name: string; index: number }[] = [];
  private inFlight = false;
  private stale = false;
  private data: Float64Array[] = [new Float64Array(0)];
  private width = 0;
  private height = 0;
  private disposed = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly hub: SampleHub,
    private view: FftPlotView,
    private readonly onMessage: (message: string | null) => void,
  ) {
    this.scheduler = new DrawScheduler(host, () => this.request());
    this.probe = { mode: 'fft', draws: 0, labels: [], gone: [], data: () => this.data.map((c) => Array.from(c)) };
    this.offProbe = registerProbe(view.config.id, this.probe);
    this.measure();
    this.rebuild();
    this.resizeObserver = new ResizeObserver(() => {
      if (this.measure()) this.plot?.setSize({ width: this.width, height: this.height });
    });
    this.resizeObserver.observe(host);
    this.offHub = hub.subscribe(() => {
      if (!this.view.paused && this.shown.length > 0) this.scheduler.invalidate();
    });
    this.scheduler.invalidate();
  }

  setView(next: FftPlotView): void {
    const prev = this.view;
    this.view = next;
    const resolved = this.resolve();
    if (resolved.length !== this.shown.length || resolved.some((s, i) => s.index !== this.shown[i]?.index) || next.config.fft.scale !== prev.config.fft.scale) this.rebuild();
    this.scheduler.invalidate();
  }

  destroy(): void {
    this.disposed = true;
    this.offHub();
    this.offProbe();
    this.scheduler.dispose();
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  private resolve(): { name: string; index: number }[] {
    return this.view.config.series.map((s) => ({ name: s.channel, index: this.view.channelIndex(s.channel) })).filter((s) => s.index >= 0);
  }

  /** Sends the newest points to the worker (copies: the hub's arrays stay put). */
  private request(): void {
    if (this.inFlight) {
      this.stale = true;
      return;
    }
    if (this.shown.length === 0) return;
    const { size, window, scale } = this.view.config.fft;
    const recent = this.hub.tail(4096);
    const dt = medianSpacing(recent.t);
    const last = this.hub.lastTime();
    if (Number.isNaN(dt) || Number.isNaN(last)) return;
    const cols = this.hub.range(last - size * dt * 1.02, last);
    this.inFlight = true;
    this.stale = false;
    void computeSpectrum({ t: cols.t.slice(), ys: this.shown.map((s) => (cols.y[s.index] ?? new Float64Array(cols.t.length)).slice()), size, window, scale }).then((r) => this.show(r));
  }

  private show(r: SpectrumResult): void {
    this.inFlight = false;
    if (this.disposed) return;
    this.onMessage(r.message);
    const first = r.values[0];
    this.probe.fft = { peakHz: first ? (r.freq[peakBin(first)] ?? Number.NaN) : Number.NaN, binHz: r.binHz, message: r.message };
    if (!r.message && this.plot && r.values.length === this.shown.length) {
      this.data = [r.freq, ...r.values];
      this.plot.setData(this.data);
    } else if (r.message && this.plot) {
      // Too little data: say so (onMessage) and draw nothing rather than noise.
      this.data = [new Float64Array(0), ...this.shown.map(() => new Float64Array(0))];
      this.plot.setData(this.data);
    }
    if (this.stale) this.scheduler.invalidate();
  }

  private rebuild(): void {
    this.plot?.destroy();
    this.shown = this.resolve();
    this.probe.labels = this.shown.map((s) => s.name);
    this.probe.gone = this.view.config.series.map((s) => s.channel).filter((n) => this.view.channelIndex(n) < 0);
    this.data = [new Float64Array(0), ...this.shown.map(() => new Float64Array(0))];
    const db = this.view.config.fft.scale === 'db';
    this.plot = new uPlot(
      {
        width: this.width,
        height: this.height,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false }, y: { auto: true } },
        axes: [
          { ...AXIS_STYLE, space: 70, values: (_u, v) => v.map((x) => `${+x.toPrecision(3)} Hz`) },
          { ...AXIS_STYLE, size: 56, label: db ? 'dB' : 'amplitude', labelSize: 16 },
        ],
        series: [{}, ...this.shown.map((s) => ({ label: s.name, stroke: this.view.color(s.name), width: 1, points: { show: false } }))],
        hooks: { draw: [() => this.probe.draws++] },
      },
      this.data,
      this.host,
    );
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
