// Typed access to the telemetry store for the device feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { DeviceState } from './deviceSlice';
import type { BreakerView } from '@shared/domain/device-commands.js';

export type DeviceView = DeviceState & CoreState;

export function useDevice<T>(selector: (state: DeviceView) => T): T {
  return useSelect(selector);
}

export function useDeviceActions(): DeviceView['actions'] {
  return useDevice((s) => s.actions);
}

/** The breaker status from the same store: device commands wait while it holds the link. */
export function useDeviceBreaker(): BreakerView | null {
  return useSelect((s: DeviceView & { breaker?: BreakerView | null }) => s.breaker ?? null);
}
