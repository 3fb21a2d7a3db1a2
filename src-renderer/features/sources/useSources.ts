// Typed access to the telemetry store for the sources feature's components.
import { useSelect } from '../../state/StoreContext';
import type { CoreState } from '../../state/coreState';
import type { SourcesState } from './sourcesSlice';

export type SourcesView = SourcesState & CoreState;

export function useSources<T>(selector: (state: SourcesView) => T): T {
  return useSelect(selector);
}

export function useSourcesActions(): SourcesView['actions'] {
  return useSources((s) => s.actions);
}
