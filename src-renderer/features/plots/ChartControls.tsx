// Header strip above the chart: time window, Y scaling and the live/paused badge.
import { windowLabel, windowOptions } from './timeWindow';
import { usePlots, usePlotsActions } from './usePlots';

export function ChartControls() {
  const windowSec = usePlots((s) => s.config?.chart.windowSec ?? 30);
  const autoScale = usePlots((s) => s.config?.chart.autoScale ?? true);
  const paused = usePlots((s) => s.paused);
  // With the breaker not closed nothing on screen is live, paused or not.
  const stale = usePlots((s) => s.breaker?.stale ?? false);
  const ready = usePlots((s) => s.config !== null);
  const actions = usePlotsActions();

  return (
    <div className="chart-controls">
      <label className="field-inline">
        Window
        <select
          data-testid="chart-window"
          value={windowSec}
          disabled={!ready}
          onChange={(e) => actions.setWindowSec(Number(e.target.value))}
        >
          {windowOptions(windowSec).map((sec) => (
            <option key={sec} value={sec}>
              {windowLabel(sec)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline" title="When off, the Y range stays where it is now">
        <input type="checkbox" checked={autoScale} disabled={!ready} onChange={(e) => actions.setAutoScale(e.target.checked)} />
        Auto-scale Y
      </label>
      <span className="spacer" />
      <span className={paused ? 'badge badge-paused' : stale ? 'badge badge-stale' : 'badge badge-live'} data-testid="chart-mode">
        {paused ? 'PAUSED' : stale ? 'STALE' : 'LIVE'}
      </span>
    </div>
  );
}
