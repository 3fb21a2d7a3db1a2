// The shell's own stores (workbench and project), handed down by context like the telemetry store.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ProjectState, ProjectStore } from './project/projectStore';
import type { WorkbenchState, WorkbenchStore } from './workbench/workbenchStore';

export interface ShellStores {
  workbench: WorkbenchStore;
  project: ProjectStore;
}

const ShellContext = createContext<ShellStores | null>(null);

export function ShellProvider({ stores, children }: { stores: ShellStores; children: ReactNode }) {
  return <ShellContext.Provider value={stores}>{children}</ShellContext.Provider>;
}

export function useShellStores(): ShellStores {
  const stores = useContext(ShellContext);
  if (!stores) throw new Error('useShellStores: no <ShellProvider> above this component');
  return stores;
}

export function useWorkbench<T>(selector: (s: WorkbenchState) => T): T {
  return useStore(useShellStores().workbench, selector);
}

export function useProject<T>(selector: (s: ProjectState) => T): T {
  return useStore(useShellStores().project, selector);
}
