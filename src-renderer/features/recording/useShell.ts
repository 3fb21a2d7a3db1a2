// Typed access to the telemetry store for the recording feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { ViewState } from '../../state/viewState';

export type ShellView = CoreState & ViewState;

export function useShell<T>(selector: (state: ShellView) => T): T {
  return useSelect(selector);
}

export function useShellActions(): ShellView['actions'] {
  return useShell((s) => s.actions);
}
