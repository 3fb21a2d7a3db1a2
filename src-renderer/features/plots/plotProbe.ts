// What a plot panel shows, readable by e2e tests and benchmarks: `window.__thPlots[id]`.
// Values come from the arrays handed to the chart, never from pixels.

export interface PlotProbe {
  mode: string;
  /** Draws since the plot was created (its uPlot draw hook, or the XY canvas). */
  draws: number;
  /** Copies of the drawn columns: [x, y1, y2, …] (time plots: seconds; FFT: Hz; XY: [x, y]). */
  data(): number[][];
  /** Series labels in data order (after x). */
  labels: string[];
  /** Channels the plot is bound to that no longer exist. */
  gone: string[];
  /** Trigger mode: the shown sweep's trigger time (s, epoch) and how many sweeps were captured. */
  trigger?: { at: number; captured: number; armed: boolean };
  /** FFT: the frequency of the highest bin above DC, and why nothing is drawn (if so). */
  fft?: { peakHz: number; binHz: number; message: string | null };
  /** Times (s) of the notes this plot draws. */
  notes?: number[];
  /** Page x/y (CSS px) of a data point, for tests that click on the plot. */
  clientPos?(x: number, y?: number): { x: number; y: number };
  /** Epoch ms of the newest sample drawn, and when it was drawn (performance.now()). */
  lastDrawn?: { sampleMs: number; at: number };
}

declare global {
  interface Window {
    __thPlots?: Record<string, PlotProbe>;
  }
}

export function registerProbe(id: string, probe: PlotProbe): () => void {
  window.__thPlots ??= {};
  window.__thPlots[id] = probe;
  return () => {
    if (window.__thPlots?.[id] === probe) delete window.__thPlots[id];
  };
}
