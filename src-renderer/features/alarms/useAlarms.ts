// Typed access to the telemetry store for the alarms feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { ViewState } from '../../state/viewState';
import type { AlarmsState } from './alarmsSlice';
import type { DeviceState } from '../device';

export type AlarmsView = AlarmsState & CoreState & ViewState & Pick<DeviceState, 'channels'>;

export function useAlarms<T>(selector: (state: AlarmsView) => T): T {
  return useSelect(selector);
}

export function useAlarmsActions(): AlarmsView['actions'] {
  return useAlarms((s) => s.actions);
}
