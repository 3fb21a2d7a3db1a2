// Typed access to the telemetry store for the faults feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { FaultsState } from './faultsSlice';
import type { DeviceState } from '../device';

export type FaultsView = FaultsState & CoreState & Pick<DeviceState, 'device'>;

export function useFaults<T>(selector: (state: FaultsView) => T): T {
  return useSelect(selector);
}

export function useFaultsActions(): FaultsView['actions'] {
  return useFaults((s) => s.actions);
}
