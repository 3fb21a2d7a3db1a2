// Typed access to the telemetry store for the breaker feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { ViewState } from '../../state/viewState';
import type { BreakerState } from './breakerSlice';

export type BreakerView = BreakerState & CoreState & ViewState;

export function useBreaker<T>(selector: (state: BreakerView) => T): T {
  return useSelect(selector);
}

export function useBreakerActions(): BreakerView['actions'] {
  return useBreaker((s) => s.actions);
}
