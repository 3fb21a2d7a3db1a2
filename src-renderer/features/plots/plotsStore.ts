// The plot panels' own state: their configs (validated data), A/B cursors and the paused view's
// position. Kept apart from the telemetry store: it holds no engine state, and nothing here runs
// per sample. Configs are kept in localStorage until the workbench's layouts store them.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { describeIssue, newPlot, plotConfigSchema, plotListSchema, type PlotConfig, type PlotMode } from './plotConfig';

export interface Cursors {
  /** Seconds (epoch); undefined until placed. */
  a?: number;
  b?: number;
}

export interface PlotsState {
  plots: PlotConfig[];
  cursors: Readonly<Record<string, Cursors>>;
  /** While paused: the right edge (s) of every time plot's view; null follows live. */
  viewEnd: number | null;
  /** The last refused edit, by plot id. */
  errors: Readonly<Record<string, string>>;
  /** A plot that could not be restored (the rest were kept). */
  notice: string | null;
  /** Notes put on the time axis this run (seconds), drawn on every time plot. */
  annotations: readonly { t: number; text: string }[];
  /** A note being written (time in s), from Ctrl+M or Alt+click. */
  pendingNote: number | null;
}

export interface PlotsActions {
  add(mode: PlotMode, channels: readonly string[]): string;
  remove(id: string): void;
  /** Applies the patch if the result is valid; otherwise records the error and changes nothing. */
  update(id: string, patch: Partial<PlotConfig>): boolean;
  /** Records a refused edit the schema cannot see (unreadable text, a level out of range). */
  reportError(id: string, message: string): void;
  setCursor(id: string, which: 'a' | 'b', t: number | undefined): void;
  setViewEnd(t: number | null): void;
  startNote(t: number | null): void;
  noteAdded(t: number, text: string): void;
}

export type PlotsStore = StoreApi<PlotsState> & { actions: PlotsActions };

const STORAGE_KEY = 'telemetryhub.plots.v1';

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function restore(storage: Storage | undefined): { plots: PlotConfig[]; notice: string | null } {
  const raw = storage?.getItem(STORAGE_KEY);
  if (!raw) return { plots: [], notice: null };
  try {
    const parsed = plotListSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { plots: parsed.data, notice: null };
    return { plots: [], notice: `Saved plots could not be restored (${describeIssue(parsed.error)}); starting empty.` };
  } catch (err) {
    return { plots: [], notice: `Saved plots could not be read (${err instanceof Error ? err.message : String(err)}); starting empty.` };
  }
}

export function createPlotsStore(storage?: Storage): PlotsStore {
  const initial = restore(storage);
  let counter = 0;
  const store = createStore<PlotsState>()(() => ({ plots: initial.plots, cursors: {}, viewEnd: null, errors: {}, notice: initial.notice, annotations: [], pendingNote: null }));
  const save = (): void => storage?.setItem(STORAGE_KEY, JSON.stringify(store.getState().plots));
  const nextId = (): string => {
    const taken = new Set(store.getState().plots.map((p) => p.id));
    let id: string;
    do id = `plot-${++counter}`;
    while (taken.has(id));
    return id;
  };
  const actions: PlotsActions = {
    add(mode, channels) {
      const id = nextId();
      store.setState({ plots: [...store.getState().plots, newPlot(id, mode, channels)] });
      save();
      return id;
    },
    remove(id) {
      const { plots, cursors, errors } = store.getState();
      const { [id]: _c, ...restCursors } = cursors;
      const { [id]: _e, ...restErrors } = errors;
      store.setState({ plots: plots.filter((p) => p.id !== id), cursors: restCursors, errors: restErrors });
      save();
    },
    update(id, patch) {
      const { plots, errors } = store.getState();
      const current = plots.find((p) => p.id === id);
      if (!current) return false;
      const parsed = plotConfigSchema.safeParse({ ...current, ...patch, id });
      if (!parsed.success) {
        store.setState({ errors: { ...errors, [id]: describeIssue(parsed.error) } });
        return false;
      }
      const { [id]: _e, ...rest } = errors;
      store.setState({ plots: plots.map((p) => (p.id === id ? parsed.data : p)), errors: rest });
      save();
      return true;
    },
    reportError(id, message) {
      store.setState({ errors: { ...store.getState().errors, [id]: message } });
    },
    setCursor(id, which, t) {
      const cursors = store.getState().cursors;
      store.setState({ cursors: { ...cursors, [id]: { ...cursors[id], [which]: t } } });
    },
    setViewEnd(t) {
      store.setState({ viewEnd: t });
    },
    startNote(t) {
      store.setState({ pendingNote: t });
    },
    noteAdded(t, text) {
      store.setState({ annotations: [...store.getState().annotations, { t, text }].slice(-500), pendingNote: null });
    },
  };
  return Object.assign(store, { actions });
}
