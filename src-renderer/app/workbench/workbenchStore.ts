// The workbench's memory: named workspaces (each a saved dockview layout), the one in use, the
// theme and recent projects. Restores the layout when dockview is ready, saves it (debounced) on
// every change and at once when the page goes away. A layout it cannot use falls back to the
// workspace's default with a notice saying why — never a blank window.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DockviewApi, SerializedDockview } from 'dockview-react';
import type { PanelId } from '@shared/ui/panels.js';
import { LAYOUT_SCHEMA_VERSION, readSavedLayout, type SavedLayout } from '@shared/workbench/layout.js';
import {
  BUILTIN_WORKSPACES,
  defaultWorkbenchFile,
  rememberProject,
  WorkbenchFileSchema,
  WorkspaceNameSchema,
  type RecentProject,
  type ThemeChoice,
  type WorkbenchFile,
} from '@shared/workbench/workbench-file.js';
import type { WorkbenchStorage } from '../../platform/workbenchStorage';
import { buildDefaultLayout } from './defaultLayouts';

export interface WorkbenchState {
  /** The file was read (or found missing/corrupt and replaced by defaults). */
  loaded: boolean;
  theme: ThemeChoice;
  current: string;
  /** Built-in workspaces first, then the operator's own. */
  names: string[];
  recent: RecentProject[];
  actions: WorkbenchActions;
}

export interface WorkbenchActions {
  load(): Promise<void>;
  /** Dockview is ready: restore the current workspace (idempotent for the same api). */
  attach(api: DockviewApi): void;
  detach(api: DockviewApi): void;
  switchWorkspace(name: string): void;
  /** Saves the current layout under a new (or existing) name and switches to it; returns an error text or null. */
  saveWorkspaceAs(name: string): string | null;
  resetLayout(): void;
  setTheme(theme: ThemeChoice): void;
  rememberProject(entry: RecentProject): void;
  /** The current layout, as saved in workspaces and project files. */
  currentLayout(): SavedLayout | null;
  /** Puts a project's layout in place as workspace `name`; returns notes on what was dropped. */
  applyLayout(name: string, layout: SavedLayout): void;
  /** Writes pending changes now (page unload). */
  flush(): void;
}

export interface WorkbenchDeps {
  storage: WorkbenchStorage;
  /** A visible message (the error banner). */
  notify(message: string): void;
  /** Dockview's panels changed: which kinds are open now. */
  onPanelsChanged(open: PanelId[]): void;
  title(id: PanelId): string;
  /** Panel kinds this window can show. */
  kinds: readonly string[];
  saveDelayMs?: number;
}

export type WorkbenchStore = StoreApi<WorkbenchState>;

function namesOf(file: WorkbenchFile): string[] {
  const own = Object.keys(file.workspaces).filter((n) => !(BUILTIN_WORKSPACES as readonly string[]).includes(n));
  const extra = (BUILTIN_WORKSPACES as readonly string[]).includes(file.current) || own.includes(file.current) ? [] : [file.current];
  return [...BUILTIN_WORKSPACES, ...own.sort((a, b) => a.localeCompare(b)), ...extra];
}

export function createWorkbenchStore(deps: WorkbenchDeps): WorkbenchStore {
  let file = defaultWorkbenchFile();
  let api: DockviewApi | null = null;
  let subs: { dispose(): void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** While a layout is being put in place, dockview's events are not the operator's changes. */
  let restoring = false;
  const delay = deps.saveDelayMs ?? 300;

  return createStore<WorkbenchState>()((set, get) => {
    const publish = () => set({ theme: file.theme, current: file.current, names: namesOf(file), recent: file.recentProjects });
    const text = () => JSON.stringify(file);
    const persist = () => void deps.storage.save(text()).catch((err: unknown) => deps.notify(`Saving the workbench failed: ${err instanceof Error ? err.message : String(err)}`));
    const report = () => {
      if (api) deps.onPanelsChanged([...new Set(api.panels.map((p) => p.api.component as PanelId))]);
    };
    const capture = () => {
      if (!api || restoring) return;
      file = { ...file, workspaces: { ...file.workspaces, [file.current]: { schemaVersion: LAYOUT_SCHEMA_VERSION, layout: api.toJSON() } } };
    };
    const scheduleSave = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        capture();
        persist();
      }, delay);
    };

    const buildDefault = (a: DockviewApi, name: string) => buildDefaultLayout(a, name, deps.title, (id) => deps.kinds.includes(id));

    /** Puts workspace `name` into dockview: its saved layout, or its default (with a notice when the saved one was unusable). */
    const restore = (name: string) => {
      const a = api;
      if (!a) return;
      restoring = true;
      try {
        const raw = file.workspaces[name];
        if (raw === undefined) {
          buildDefault(a, name);
          return;
        }
        const read = readSavedLayout(raw, deps.kinds);
        if (!read.ok || !read.layout) {
          const why = read.ok ? read.notes.join('; ') : read.message;
          deps.notify(`The saved layout of workspace "${name}" could not be used (${why}); its default layout is shown.`);
          buildDefault(a, name);
          return;
        }
        try {
          a.fromJSON(read.layout as unknown as SerializedDockview);
        } catch (err) {
          a.clear();
          buildDefault(a, name);
          deps.notify(`The saved layout of workspace "${name}" could not be used (${err instanceof Error ? err.message : String(err)}); its default layout is shown.`);
          return;
        }
        if (read.notes.length > 0) deps.notify(`Workspace "${name}": ${read.notes.join('; ')}.`);
      } finally {
        restoring = false;
        report();
      }
    };

    const actions: WorkbenchActions = {
      async load() {
        let raw: string | null = null;
        try {
          raw = await deps.storage.load();
        } catch (err) {
          deps.notify(`Reading the saved workbench failed (${err instanceof Error ? err.message : String(err)}); defaults are used.`);
        }
        if (raw !== null) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(raw);
          } catch {
            parsed = undefined;
          }
          const result = WorkbenchFileSchema.safeParse(parsed);
          if (result.success) file = result.data;
          else deps.notify('The saved workbench (layouts and workspaces) was not readable; the default layout is shown.');
        }
        publish();
        set({ loaded: true });
        if (api) restore(file.current);
      },
      attach(next) {
        if (api === next) return;
        for (const s of subs) s.dispose();
        api = next;
        subs = [
          next.onDidLayoutChange(() => {
            if (!restoring) scheduleSave();
          }),
          next.onDidAddPanel(() => {
            if (!restoring) report();
          }),
          next.onDidRemovePanel(() => {
            if (!restoring) report();
          }),
        ];
        if (get().loaded) restore(file.current);
      },
      detach(old) {
        if (api !== old) return;
        actions.flush();
        for (const s of subs) s.dispose();
        subs = [];
        api = null;
      },
      switchWorkspace(name) {
        if (name === file.current) return;
        capture();
        file = { ...file, current: name };
        restore(name);
        capture();
        publish();
        persist();
      },
      saveWorkspaceAs(name) {
        const parsed = WorkspaceNameSchema.safeParse(name);
        if (!parsed.success) return parsed.error.issues[0]?.message ?? 'invalid name';
        capture();
        const layout = file.workspaces[file.current];
        file = { ...file, current: parsed.data, workspaces: { ...file.workspaces, ...(layout ? { [parsed.data]: layout } : {}) } };
        capture();
        publish();
        persist();
        return null;
      },
      resetLayout() {
        const a = api;
        if (!a) return;
        restoring = true;
        try {
          buildDefault(a, file.current);
        } finally {
          restoring = false;
        }
        report();
        capture();
        persist();
      },
      setTheme(theme) {
        file = { ...file, theme };
        publish();
        persist();
      },
      rememberProject(entry) {
        file = { ...file, recentProjects: rememberProject(file.recentProjects, entry) };
        publish();
        persist();
      },
      currentLayout() {
        return api ? { schemaVersion: LAYOUT_SCHEMA_VERSION, layout: api.toJSON() as unknown as SavedLayout['layout'] } : null;
      },
      applyLayout(name, layout) {
        file = { ...file, current: name, workspaces: { ...file.workspaces, [name]: layout } };
        restore(name);
        capture();
        publish();
        persist();
      },
      flush() {
        if (timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
        capture();
        deps.storage.saveNow(text());
      },
    };

    return { loaded: false, theme: file.theme, current: file.current, names: namesOf(file), recent: [], actions };
  });
}

