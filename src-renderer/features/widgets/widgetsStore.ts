// The widgets' configs: validated data, kept in localStorage until the workbench's layouts
// store them. A refused edit leaves the widget as it was and names the field.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { widgetConfigSchema, widgetListSchema, type WidgetConfig, type WidgetKind } from './widgetConfig';

export interface WidgetsState {
  widgets: WidgetConfig[];
  errors: Readonly<Record<string, string>>;
}

export interface WidgetsActions {
  add(kind: WidgetKind, channels: readonly string[]): string;
  remove(id: string): void;
  update(id: string, patch: Partial<WidgetConfig>): boolean;
}

export type WidgetsStore = StoreApi<WidgetsState> & { actions: WidgetsActions };

const STORAGE_KEY = 'telemetryhub.widgets.v1';

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function restore(storage: Storage | undefined): WidgetConfig[] {
  try {
    const parsed = widgetListSchema.safeParse(JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function createWidgetsStore(storage?: Storage): WidgetsStore {
  const store = createStore<WidgetsState>()(() => ({ widgets: restore(storage), errors: {} }));
  let counter = 0;
  const save = (): void => storage?.setItem(STORAGE_KEY, JSON.stringify(store.getState().widgets));
  const actions: WidgetsActions = {
    add(kind, channels) {
      const taken = new Set(store.getState().widgets.map((w) => w.id));
      let id: string;
      do id = `widget-${++counter}`;
      while (taken.has(id));
      const widget = widgetConfigSchema.parse({ id, kind, channels: kind === 'table' ? [...channels] : channels.slice(0, 1) });
      store.setState({ widgets: [...store.getState().widgets, widget] });
      save();
      return id;
    },
    remove(id) {
      store.setState({ widgets: store.getState().widgets.filter((w) => w.id !== id) });
      save();
    },
    update(id, patch) {
      const { widgets, errors } = store.getState();
      const current = widgets.find((w) => w.id === id);
      if (!current) return false;
      const parsed = widgetConfigSchema.safeParse({ ...current, ...patch, id });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        store.setState({ errors: { ...errors, [id]: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` } });
        return false;
      }
      const { [id]: _e, ...rest } = errors;
      store.setState({ widgets: widgets.map((w) => (w.id === id ? parsed.data : w)), errors: rest });
      save();
      return true;
    },
  };
  return Object.assign(store, { actions });
}
