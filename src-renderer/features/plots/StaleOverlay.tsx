// Over the chart while the breaker is not closed: what is drawn is not live data.
import { usePlots } from './usePlots';

export function StaleOverlay() {
  const breaker = usePlots((s) => s.breaker);
  if (!breaker?.stale) return null;
  return (
    <div className="chart-stale" role="status" data-testid="chart-stale" data-state={breaker.state} title={breaker.reason}>
      Data stale — breaker {breaker.state}: {breaker.reason}
    </div>
  );
}
