// Typed access to the telemetry store for the integrity feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { IntegrityState } from './integritySlice';

export type IntegrityView = IntegrityState & CoreState;

export function useIntegrity<T>(selector: (state: IntegrityView) => T): T {
  return useSelect(selector);
}

export function useIntegrityActions(): IntegrityView['actions'] {
  return useIntegrity((s) => s.actions);
}
