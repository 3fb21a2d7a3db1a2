// Typed access to the telemetry store for the metrics feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { MetricsState } from './metricsSlice';

export type MetricsView = MetricsState & CoreState;

export function useMetrics<T>(selector: (state: MetricsView) => T): T {
  return useSelect(selector);
}

export function useMetricsActions(): MetricsView['actions'] {
  return useMetrics((s) => s.actions);
}
