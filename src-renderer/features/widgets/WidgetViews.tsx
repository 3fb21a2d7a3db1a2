// The widget faces: big readout, gauge, bar, LED and the latest-values table. Colour comes from
// the alarm on the channel (priority colour), else the normal accent.
import type { Stat } from './channelStats';

export const NORMAL_COLOR = '#2ed47a';

const fmt = (v: number, decimals: number): string => (Number.isFinite(v) ? v.toFixed(decimals) : '—');
const frac = (v: number, min: number, max: number): number => (Number.isFinite(v) ? Math.min(1, Math.max(0, (v - min) / (max - min))) : 0);

interface FaceProps {
  value: number;
  unit: string;
  color: string;
  min: number;
  max: number;
  decimals: number;
}

export function Readout({ value, unit, color, decimals }: FaceProps) {
  return (
    <div className="widget-readout" style={{ color }}>
      <span className="widget-value" data-field="value">
        {fmt(value, decimals)}
      </span>
      {unit ? <span className="widget-unit">{unit}</span> : null}
    </div>
  );
}

export function Gauge({ value, unit, color, min, max, decimals }: FaceProps) {
  // A 240° arc from lower left to lower right.
  const f = frac(value, min, max);
  const r = 40;
  const start = (150 * Math.PI) / 180;
  const end = start + ((240 * Math.PI) / 180) * f;
  const p = (a: number): string => `${50 + r * Math.cos(a)} ${55 + r * Math.sin(a)}`;
  const full = start + (240 * Math.PI) / 180;
  return (
    <svg className="widget-gauge" viewBox="0 0 100 90" role="img" aria-label={`${fmt(value, decimals)} ${unit}`}>
      <path d={`M ${p(start)} A ${r} ${r} 0 1 1 ${p(full)}`} stroke="rgba(255,255,255,0.15)" strokeWidth="8" fill="none" />
      {f > 0 ? <path d={`M ${p(start)} A ${r} ${r} 0 ${end - start > Math.PI ? 1 : 0} 1 ${p(end)}`} stroke={color} strokeWidth="8" fill="none" /> : null}
      <text x="50" y="60" textAnchor="middle" fill={color} fontSize="16" data-field="value">
        {fmt(value, decimals)}
      </text>
      <text x="50" y="76" textAnchor="middle" fill="#9aa4b2" fontSize="9">
        {unit}
      </text>
    </svg>
  );
}

export function Bar({ value, unit, color, min, max, decimals }: FaceProps) {
  return (
    <div className="widget-bar">
      <div className="widget-bar-track">
        <div className="widget-bar-fill" style={{ width: `${frac(value, min, max) * 100}%`, background: color }} />
      </div>
      <span data-field="value">{fmt(value, decimals)}</span> {unit}
    </div>
  );
}

export function Led({ value, color, threshold, decimals }: FaceProps & { threshold: number }) {
  const lit = Number.isFinite(value) && value >= threshold;
  return (
    <div className="widget-led-row">
      <span className={lit ? 'widget-led widget-led-on' : 'widget-led'} data-lit={lit} style={lit ? { background: color, boxShadow: `0 0 8px ${color}` } : undefined} />
      <span data-field="value">{fmt(value, decimals)}</span> ≥ {threshold}
    </div>
  );
}

export function StatsTable({ rows, decimals }: { rows: { name: string; stat: Stat; color: string; alarm: string }[]; decimals: number }) {
  return (
    <table className="widget-table">
      <thead>
        <tr>
          <th>Channel</th>
          <th>Latest</th>
          <th>Min</th>
          <th>Max</th>
          <th>Mean</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} data-testid={`widget-row-${r.name}`} data-alarm={r.alarm} style={r.alarm !== 'normal' ? { color: r.color } : undefined}>
            <td>{r.name}</td>
            <td data-field="latest">{fmt(r.stat.latest, decimals)}</td>
            <td data-field="min">{fmt(r.stat.min, decimals)}</td>
            <td data-field="max">{fmt(r.stat.max, decimals)}</td>
            <td data-field="mean">{fmt(r.stat.mean, decimals)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
