// The plot panels' own state: the configs of the plot panels open now (validated data), A/B cursors
// and the paused view's position. Kept apart from the telemetry store: it holds no engine state,
// and nothing here runs per sample. Each plot is a dock panel whose params hold its config (saved
// with layouts and projects): a panel adopts its config on mount, and every accepted edit goes
// back to the panel's params through its binding.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { describeIssue, newPlot, plotConfigSchema, type PlotConfig, type PlotMode } from '@shared/plots/plot-config.js';

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
  /** Plots that could not be restored (the rest were kept). */
  notice: string | null;
  /** Notes put on the time axis this run (seconds), drawn on every time plot. */
  annotations: readonly { t: number; text: string }[];
  /** A note being written (time in s), from Ctrl+M or Alt+click. */
  pendingNote: number | null;
}

/** Opens plot panels in the dock (set by the workbench once it is ready). */
export interface PlotOpener {
  open(config: PlotConfig): void;
  close(id: string): void;
  /** Ids of the plot panels in the dock now (mounted or not). */
  ids(): string[];
}

export interface PlotsActions {
  /** A new plot panel with defaults; its id, or null when there is no dock to put it in. */
  add(mode: PlotMode, channels: readonly string[]): string | null;
  /** Closes the plot's dock panel. */
  remove(id: string): void;
  /** A plot panel mounted with this config (from its params). */
  adopt(config: PlotConfig): void;
  /** A plot panel went away (closed, or another layout was put in place). */
  release(id: string): void;
  setOpener(opener: PlotOpener | null): void;
  setNotice(notice: string | null): void;
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

export function createPlotsStore(): PlotsStore {
  let counter = 0;
  let opener: PlotOpener | null = null;
  const store = createStore<PlotsState>()(() => ({ plots: [], cursors: {}, viewEnd: null, errors: {}, notice: null, annotations: [], pendingNote: null }));
  const nextId = (): string => {
    const taken = new Set([...store.getState().plots.map((p) => p.id), ...(opener?.ids() ?? [])]);
    let id: string;
    do id = `plot-${++counter}`;
    while (taken.has(id));
    return id;
  };
  const actions: PlotsActions = {
    add(mode, channels) {
      if (!opener) return null;
      const config = newPlot(nextId(), mode, channels);
      opener.open(config);
      return config.id;
    },
    remove(id) {
      if (opener) opener.close(id);
      else actions.release(id);
    },
    adopt(config) {
      const plots = store.getState().plots;
      const at = plots.findIndex((p) => p.id === config.id);
      store.setState({ plots: at < 0 ? [...plots, config] : plots.map((p, i) => (i === at ? config : p)) });
    },
    release(id) {
      const { plots, cursors, errors } = store.getState();
      if (!plots.some((p) => p.id === id)) return;
      const { [id]: _c, ...restCursors } = cursors;
      const { [id]: _e, ...restErrors } = errors;
      store.setState({ plots: plots.filter((p) => p.id !== id), cursors: restCursors, errors: restErrors });
    },
    setOpener(next) {
      opener = next;
    },
    setNotice(notice) {
      store.setState({ notice });
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
