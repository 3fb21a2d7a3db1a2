// React access to the telemetry store: one store per app, handed down by context
// so components never reach for a module global.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { TelemetryActions, TelemetryState, TelemetryStore } from '../app/telemetryStore';

const StoreContext = createContext<TelemetryStore | null>(null);

export function StoreProvider({ store, children }: { store: TelemetryStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useTelemetryStore(): TelemetryStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useTelemetryStore: no <StoreProvider> above this component');
  return store;
}

/** Selects a slice; the selector must return a stable value (a field, not a new object). */
export function useTelemetry<T>(selector: (state: TelemetryState) => T): T {
  return useStore(useTelemetryStore(), selector);
}

export function useActions(): TelemetryActions {
  return useTelemetry((s) => s.actions);
}
