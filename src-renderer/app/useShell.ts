// The shell sees the whole composed store.
import { useSelect } from '../state/StoreContext';
import type { TelemetryActions, TelemetryState } from './telemetryStore';

export function useShell<T>(selector: (state: TelemetryState) => T): T {
  return useSelect(selector);
}

export function useShellActions(): TelemetryActions {
  return useShell((s) => s.actions);
}
