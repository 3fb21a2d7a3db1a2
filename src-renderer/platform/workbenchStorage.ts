// Where the workbench file (workspaces, theme, recent projects) lives. The browser shell keeps it
// in localStorage (per browser), so a reload keeps the layout; Electron keeps it in the data folder
// through the TelemetryApi (loadWorkbench / saveWorkbench), so it survives updates.
import type { TelemetryApi } from '@shared/api/contract.js';
export interface WorkbenchStorage {
  load(): Promise<string | null>;
  save(text: string): Promise<void>;
  /** Saves at once during page unload (no awaiting possible there). */
  saveNow(text: string): void;
}

export const WORKBENCH_STORAGE_KEY = 'telemetryhub.workbench';

export function browserWorkbenchStorage(storage: Storage = window.localStorage, key = WORKBENCH_STORAGE_KEY): WorkbenchStorage {
  return {
    load: async () => storage.getItem(key),
    save: async (text) => storage.setItem(key, text),
    saveNow: (text) => storage.setItem(key, text),
  };
}

/** For tests and shells without storage: keeps the file in memory. */
export function memoryWorkbenchStorage(initial: string | null = null): WorkbenchStorage & { text: string | null } {
  const s = {
    text: initial,
    load: async () => s.text,
    save: async (text: string) => {
      s.text = text;
    },
    saveNow: (text: string) => {
      s.text = text;
    },
  };
  return s;
}

/** Electron: the engine keeps the file in its data folder. */
export function apiWorkbenchStorage(api: Pick<TelemetryApi, 'loadWorkbench' | 'saveWorkbench'>): WorkbenchStorage {
  const save = async (text: string) => {
    const r = await api.saveWorkbench({ text });
    if (!r.ok) throw new Error(r.error.message);
  };
  return {
    async load() {
      const r = await api.loadWorkbench();
      if (!r.ok) throw new Error(r.error.message);
      return r.value.text;
    },
    save,
    // Unload cannot wait: the request is sent and the main process finishes it.
    saveNow: (text) => void save(text).catch(() => undefined),
  };
}
