// Typed access to the telemetry store for the device feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { DeviceState } from './deviceSlice';

export type DeviceView = DeviceState & CoreState;

export function useDevice<T>(selector: (state: DeviceView) => T): T {
  return useSelect(selector);
}

export function useDeviceActions(): DeviceView['actions'] {
  return useDevice((s) => s.actions);
}
