// The sample hub and plot store of this window: one each per telemetry store, made on first use
// and subscribed once to the sample stream (every plot, widget and the pause buffer share it).
import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { SampleBatch } from '@shared/api/samples.js';
import type { Unsubscribe } from '@shared/api/events.js';
import { resolveChannelView } from './channelViews';
import { createPlotsStore, type PlotsState, type PlotsStore } from './plotsStore';
import { SampleHub } from './sampleHub';
import { usePlots, usePlotsActions } from './usePlots';

export interface Instruments {
  hub: SampleHub;
  plots: PlotsStore;
}

type OnSamples = (listener: (batch: SampleBatch) => void) => Unsubscribe;

const byStream = new WeakMap<OnSamples, Instruments>();

/** The window's localStorage, when it may be used (legacy plots are read from it once). */
export function localKeyStore(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function instrumentsFor(onSamples: OnSamples): Instruments {
  let found = byStream.get(onSamples);
  if (!found) {
    const hub = new SampleHub();
    onSamples((batch) => hub.ingest(batch));
    found = { hub, plots: createPlotsStore() };
    byStream.set(onSamples, found);
  }
  return found;
}

export function useInstruments(): Instruments {
  const { onSamples } = usePlotsActions();
  return useMemo(() => instrumentsFor(onSamples), [onSamples]);
}

export function usePlotsStore<T>(selector: (s: PlotsState) => T): T {
  return useStore(useInstruments().plots, selector);
}

/** Channel index and colour by name, from the device's channel list and the chart's colours. */
export function useChannelLookup(): { names: string[]; indexOf: (name: string) => number; colorOf: (name: string) => string } {
  const channels = usePlots((s) => s.channels);
  const stored = usePlots((s) => s.config?.chart.channels);
  const names = useMemo(() => channels.map((c) => c.name), [channels]);
  const indexOf = useCallback((name: string) => names.indexOf(name), [names]);
  const colorOf = useCallback((name: string) => resolveChannelView(stored ?? [], Math.max(0, names.indexOf(name))).color, [names, stored]);
  return { names, indexOf, colorOf };
}
