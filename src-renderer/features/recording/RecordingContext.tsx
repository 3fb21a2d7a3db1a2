// React access to the recording store (one per app, handed down by context).
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { RecordingActions, RecordingState, RecordingStore } from './recordingStore';

const RecordingContext = createContext<RecordingStore | null>(null);

export function RecordingProvider({ store, children }: { store: RecordingStore; children: ReactNode }) {
  return <RecordingContext.Provider value={store}>{children}</RecordingContext.Provider>;
}

export function useRecording<T>(selector: (state: RecordingState) => T): T {
  const store = useContext(RecordingContext);
  if (!store) throw new Error('useRecording: no <RecordingProvider> above this component');
  return useStore(store, selector);
}

export function useRecordingActions(): RecordingActions {
  return useRecording((s) => s.actions);
}

/** Components that only render when a recording store exists (tests may mount without one). */
export function useHasRecording(): boolean {
  return useContext(RecordingContext) !== null;
}
