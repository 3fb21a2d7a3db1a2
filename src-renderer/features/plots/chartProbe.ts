// Counters read by benchmarks and e2e tests: `window.__thChart`.

export interface ChartProbe {
  /** uPlot draw-hook calls since the page loaded. */
  draws: number;
  /** Points in the visible window per channel (max over channels; they share the time axis). */
  points: number;
  /** Alarm limit lines and start markers drawn in the last frame. */
  alarmMarks?: number;
  /** Gap markers (lost frames) drawn in the visible window at the last draw. */
  gaps: number;
  /** Line breaks (the data stopped: outage, stall) in the visible window at the last draw. */
  breaks?: number;
}

declare global {
  interface Window {
    __thChart?: ChartProbe;
  }
}

/** The page's one probe object; survives chart rebuilds so `draws` keeps counting. */
export function chartProbe(): ChartProbe {
  window.__thChart ??= { draws: 0, points: 0, gaps: 0, breaks: 0 };
  return window.__thChart;
}
