// Typed store access for the widgets feature, and its per-window widget store.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useSelect } from '../../state/StoreContext';
import type { AlarmsState } from '../alarms';
import type { DeviceState } from '../device';
import { useInstruments } from '../plots';
import { createWidgetsStore, type WidgetsState, type WidgetsStore } from './widgetsStore';

export type WidgetsView = Pick<AlarmsState, 'alarms'> & Pick<DeviceState, 'channels'>;

export function useWidgetsView<T>(selector: (s: WidgetsView) => T): T {
  return useSelect(selector);
}

const storeByHub = new WeakMap<object, WidgetsStore>();

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function useWidgetsStore(): WidgetsStore {
  const { hub } = useInstruments();
  return useMemo(() => {
    let s = storeByHub.get(hub);
    if (!s) {
      s = createWidgetsStore(storage());
      storeByHub.set(hub, s);
    }
    return s;
  }, [hub]);
}

export function useWidgetsState<T>(selector: (s: WidgetsState) => T): T {
  return useStore(useWidgetsStore(), selector);
}
