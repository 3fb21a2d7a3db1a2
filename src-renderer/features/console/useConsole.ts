// Typed access to the telemetry store for the console feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { ConsoleState } from './consoleSlice';
import type { DeviceState } from '../device';

export type ConsoleView = ConsoleState & CoreState & Pick<DeviceState, 'device'>;

export function useConsole<T>(selector: (state: ConsoleView) => T): T {
  return useSelect(selector);
}

export function useConsoleActions(): ConsoleView['actions'] {
  return useConsole((s) => s.actions);
}
