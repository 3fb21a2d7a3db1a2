// The numbers under a time plot: the crosshair's values, and with both cursors placed Δt, 1/Δt
// and per series Δy with min/max/mean/RMS between A and B.
import type { CursorMeasure } from './analysis/cursorStats';

const num = (v: number): string => (Number.isFinite(v) ? String(+v.toPrecision(5)) : '—');

export function HoverReadout({ labels, hover }: { labels: string[]; hover: { t: number; values: number[] } | null }) {
  if (!hover) return null;
  return (
    <div className="plot-hover" data-testid="plot-hover">
      {labels.map((l, i) => (
        <span key={l}>
          {l} <strong>{num(hover.values[i] ?? Number.NaN)}</strong>
        </span>
      ))}
    </div>
  );
}

export function CursorReadout({ id, labels, measure, onClear }: { id: string; labels: string[]; measure: CursorMeasure | null; onClear(): void }) {
  if (!measure) return null;
  return (
    <div className="plot-cursors" data-testid={`plot-cursors-${id}`}>
      <div className="plot-cursor-head">
        Δt <strong data-testid="cursor-dt">{num(measure.dt)}</strong> s · 1/Δt <strong data-testid="cursor-freq">{num(measure.freq)}</strong> Hz
        <button type="button" className="link-button" onClick={onClear}>
          Clear cursors
        </button>
      </div>
      <table className="plot-cursor-table">
        <thead>
          <tr>
            <th>Series</th>
            <th>A</th>
            <th>B</th>
            <th>Δy</th>
            <th>min</th>
            <th>max</th>
            <th>mean</th>
            <th>RMS</th>
          </tr>
        </thead>
        <tbody>
          {measure.series.map((s, i) => (
            <tr key={labels[i] ?? i} data-testid={`cursor-row-${labels[i] ?? i}`}>
              <td>{labels[i]}</td>
              <td>{num(s.atA)}</td>
              <td>{num(s.atB)}</td>
              <td data-field="dy">{num(s.dy)}</td>
              <td data-field="min">{num(s.min)}</td>
              <td data-field="max">{num(s.max)}</td>
              <td data-field="mean">{num(s.mean)}</td>
              <td data-field="rms">{num(s.rms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
