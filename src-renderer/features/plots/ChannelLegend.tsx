// Channel table under the chart: show/hide, colour and running statistics per channel.
import type { ChannelStats } from '@shared/domain/metrics.js';
import { resolveChannelView } from './channelViews';
import { usePlots, usePlotsActions } from './usePlots';

function fmt(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  return abs !== 0 && (abs >= 1e5 || abs < 1e-3) ? v.toExponential(2) : v.toFixed(3);
}

export function ChannelLegend() {
  const channels = usePlots((s) => s.channels);
  const views = usePlots((s) => s.config?.chart.channels);
  const stats = usePlots((s) => s.stats);
  const actions = usePlotsActions();
  const byIndex = new Map<number, ChannelStats>(stats.map((st) => [st.index, st]));

  if (channels.length === 0) return <div className="legend legend-empty">No channels</div>;

  return (
    <div className="legend">
      <table className="grid-table">
        <thead>
          <tr>
            <th className="col-check" aria-label="Visible" />
            <th className="col-color" aria-label="Colour" />
            <th>Channel</th>
            <th className="num">Last</th>
            <th className="num">Min</th>
            <th className="num">Max</th>
            <th className="num">Mean</th>
            <th className="num">Count</th>
          </tr>
        </thead>
        <tbody>
          {channels.map((ch) => {
            const view = resolveChannelView(views ?? [], ch.index);
            const st = byIndex.get(ch.index);
            const label = `${ch.name}${ch.unit ? ` [${ch.unit}]` : ''}`;
            return (
              <tr key={ch.index} className={view.visible ? undefined : 'row-muted'}>
                <td className="col-check">
                  <input
                    type="checkbox"
                    data-testid={`channel-toggle-${ch.index}`}
                    aria-label={`Show ${ch.name}`}
                    checked={view.visible}
                    onChange={(e) => actions.setChannelVisible(ch.index, e.target.checked)}
                  />
                </td>
                <td className="col-color">
                  <input
                    type="color"
                    className="color-swatch"
                    data-testid={`channel-color-${ch.index}`}
                    aria-label={`Colour of ${ch.name}`}
                    value={view.color}
                    onChange={(e) => actions.setChannelColor(ch.index, e.target.value)}
                  />
                </td>
                <td>{label}</td>
                <td className="num">{fmt(st?.last)}</td>
                <td className="num">{fmt(st?.min)}</td>
                <td className="num">{fmt(st?.max)}</td>
                <td className="num">{fmt(st?.mean)}</td>
                <td className="num">{st ? st.count.toLocaleString() : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
