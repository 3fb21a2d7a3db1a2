// A/B cursors and the crosshair on the History chart, as uPlot hooks: a click (not a drag, which
// zooms) places A, then B (Shift: B; a third click moves the nearer one); both are drawn as
// vertical lines. Measurements use the same code as the live plots, on the buckets shown.
import type uPlot from 'uplot';

export interface HistoryCursors {
  a?: number;
  b?: number;
}

const A_COLOR = '#ffd166';
const B_COLOR = '#06d6a0';

/** The next cursors after a click at `t` (seconds). */
export function pickCursor(c: HistoryCursors, t: number, shift: boolean): HistoryCursors {
  if (shift || (c.a !== undefined && c.b === undefined)) return { ...c, b: t };
  if (c.a !== undefined && c.b !== undefined) return Math.abs(t - c.a) <= Math.abs(t - c.b) ? { ...c, a: t } : { ...c, b: t };
  return { a: t };
}

/** The draw hook: A and B as vertical lines over the plot area. */
export function drawCursors(u: uPlot, c: HistoryCursors): void {
  const ctx = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  for (const [t, color] of [
    [c.a, A_COLOR],
    [c.b, B_COLOR],
  ] as const) {
    if (t === undefined) continue;
    const x = Math.round(u.valToPos(t, 'x', true)) + 0.5;
    ctx.strokeStyle = color;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

/** The crosshair's time and the values of every series there (null off the data). */
export function hoverAt(u: uPlot): { t: number; values: number[] } | null {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined) return null;
  const t = u.data[0]?.[idx];
  if (t === undefined) return null;
  return { t, values: u.data.slice(1).map((col) => (col[idx] as number | null | undefined) ?? Number.NaN) };
}
