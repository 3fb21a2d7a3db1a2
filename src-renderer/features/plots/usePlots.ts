// Typed access to the telemetry store for the plots feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { ChartState } from './chartSlice';
import type { AlarmsState } from '../alarms';
import type { BreakerState } from '../breaker';
import type { DeviceState } from '../device';
import type { MetricsState } from '../metrics';

export type PlotsView = ChartState & CoreState & Pick<DeviceState, 'channels'> & Pick<MetricsState, 'stats'> & Pick<AlarmsState, 'journal'> & Pick<BreakerState, 'breaker'>;

export function usePlots<T>(selector: (state: PlotsView) => T): T {
  return useSelect(selector);
}

export function usePlotsActions(): PlotsView['actions'] {
  return usePlots((s) => s.actions);
}
