// Shared look of the plot panels (matches the live chart's axes).
import type uPlot from 'uplot';

export const AXIS_STYLE: uPlot.Axis = {
  stroke: '#9aa4b2',
  font: '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  labelFont: '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  grid: { stroke: 'rgba(255, 255, 255, 0.07)', width: 1 },
  ticks: { stroke: 'rgba(255, 255, 255, 0.07)', width: 1, size: 4 },
};

export const CURSOR_A = '#ffd166';
export const CURSOR_B = '#06d6a0';
export const NOTE_MARK = '#c792ea';
export const TRIGGER_MARK = 'rgba(255, 107, 107, 0.9)';

/** Axis 0 left, 1 right, 2 left (outer), 3 right (outer). */
export function axisSide(k: number): 1 | 3 {
  return k % 2 === 0 ? 3 : 1;
}
