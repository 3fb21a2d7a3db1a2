// What the live chart draws for alarms: limit lines of visible channels and a marker where
// each alarm started. Built from the rules and the journal; drawn by a uPlot draw hook.
import type { JournalEntry } from '@shared/alarms/alarm.js';
import type { AlarmRule } from '@shared/alarms/rules.js';
import { LIMIT_KINDS } from '@shared/alarms/rules.js';
import type uPlot from 'uplot';
import { CONDITION_LABEL, isStart, PRIORITY_COLOR } from '../alarms';

export interface LimitLine {
  channel: number;
  value: number;
  label: string;
  color: string;
}

export interface AlarmMarker {
  channel: number;
  /** Seconds (the chart's time unit). */
  t: number;
  color: string;
}

export interface AlarmOverlay {
  limits: LimitLine[];
  markers: AlarmMarker[];
}

export const EMPTY_OVERLAY: AlarmOverlay = { limits: [], markers: [] };

export function buildOverlay(rules: readonly AlarmRule[], journal: readonly JournalEntry[]): AlarmOverlay {
  const limits: LimitLine[] = [];
  for (const r of rules) {
    if (!r.enabled) continue;
    for (const k of LIMIT_KINDS) {
      const l = r[k];
      if (l) limits.push({ channel: r.channel, value: l.value, label: `ch${r.channel + 1} ${CONDITION_LABEL[k]}`, color: PRIORITY_COLOR[l.priority ?? r.priority] });
    }
  }
  const markers = journal.filter(isStart).map((e) => ({ channel: e.channel, t: e.t / 1000, color: PRIORITY_COLOR[e.priority] }));
  return { limits, markers };
}

/** Draws the overlay on the plot's canvas (device pixels); returns how many items were drawn. */
export function drawOverlay(u: uPlot, overlay: AlarmOverlay, isVisible: (channel: number) => boolean): number {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
  let drawn = 0;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.lineWidth = Math.max(1, dpr);
  ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
  ctx.setLineDash([6 * dpr, 4 * dpr]);
  for (const l of overlay.limits) {
    if (!isVisible(l.channel)) continue;
    const y = u.valToPos(l.value, 'y', true);
    if (!Number.isFinite(y) || y < top || y > top + height) continue;
    ctx.strokeStyle = l.color;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.fillStyle = l.color;
    ctx.fillText(l.label, left + 4 * dpr, y - 3 * dpr);
    drawn++;
  }
  ctx.setLineDash([]);
  const size = 5 * dpr;
  for (const m of overlay.markers) {
    if (!isVisible(m.channel)) continue;
    const x = u.valToPos(m.t, 'x', true);
    if (!Number.isFinite(x) || x < left || x > left + width) continue;
    ctx.strokeStyle = m.color;
    ctx.fillStyle = m.color;
    ctx.globalAlpha = 0.5;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.moveTo(x - size, top);
    ctx.lineTo(x + size, top);
    ctx.lineTo(x, top + size * 1.6);
    ctx.closePath();
    ctx.fill();
    drawn++;
  }
  ctx.restore();
  return drawn;
}
