// React access to the telemetry store: one store per app, handed down by context so components
// never reach for a module global. Each feature selects with its own slice's type.
import { createContext, useContext, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';

const StoreContext = createContext<StoreApi<object> | null>(null);

export function StoreProvider<S extends object>({ store, children }: { store: StoreApi<S>; children: ReactNode }) {
  return <StoreContext.Provider value={store as unknown as StoreApi<object>}>{children}</StoreContext.Provider>;
}

/** The store, seen through the state type `S` the caller needs (a slice or several). */
export function useStoreApi<S extends object>(): StoreApi<S> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi: no <StoreProvider> above this component');
  return store as unknown as StoreApi<S>;
}

/** Selects a value; the selector must return a stable value (a field, not a new object). */
export function useSelect<S extends object, T>(selector: (state: S) => T): T {
  return useStore(useStoreApi<S>(), selector);
}
