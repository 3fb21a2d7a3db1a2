// The open project: its name, where it lives, and whether the window differs from what was last
// opened or saved (the unsaved mark). Open applies a project whole or not at all: it is validated
// with the shared schema first, then its settings go to the engine in one updateConfig (validated
// again there, all or nothing), and only then does its layout replace the current one.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppConfig } from '@shared/config/app-config.js';
import type { ApiResult } from '@shared/domain/result.js';
import { newProject, PROJECT_EXTENSION, projectText, readProject, type ProjectFile } from '@shared/project/project-file.js';
import type { ProjectFiles } from '../../platform/projectFiles';
import type { WorkbenchStore } from '../workbench/workbenchStore';

export const UNTITLED = 'Untitled';

export interface ProjectState {
  name: string;
  /** Where it was opened from or saved to; null until saved. */
  location: string | null;
  dirty: boolean;
  actions: ProjectActions;
}

export interface ProjectActions {
  /** A new, unsaved project from the running settings and layout. */
  newProject(): void;
  /** Picks a file and opens it; a refusal is a notice naming the field, and nothing changes. */
  open(): Promise<boolean>;
  /** Opens project text (a picked file, a recent entry); true when applied. */
  openText(text: string, fileName: string, location: string): Promise<boolean>;
  save(): Promise<boolean>;
  saveAs(name: string): Promise<boolean>;
  /** Re-checks the unsaved mark (settings or layout changed). */
  check(): void;
  /** What the window shows now counts as saved (once the first settings and layout are in place). */
  resetBaseline(): void;
  current(): ProjectFile | null;
}

export interface ProjectDeps {
  files: ProjectFiles;
  workbench: WorkbenchStore;
  config(): AppConfig | null;
  updateConfig(patch: ProjectFile['config']): Promise<ApiResult<AppConfig>>;
  notify(message: string): void;
  /** Browser shells keep a copy of recent projects (they cannot reopen a file by its name). */
  keepText: boolean;
}

export type ProjectStore = StoreApi<ProjectState>;

function fileNameFor(name: string): string {
  return `${name.replace(/[\\/:*?"<>|]+/g, '_')}${PROJECT_EXTENSION}`;
}

export function createProjectStore(deps: ProjectDeps): ProjectStore {
  let baseline: string | null = null;

  return createStore<ProjectState>()((set, get) => {
    const current = (name = get().name): ProjectFile | null => {
      const config = deps.config();
      if (!config) return null;
      const wb = deps.workbench.getState();
      const layout = wb.actions.currentLayout();
      return newProject(name, config, layout ? { name: wb.current, layout } : undefined);
    };
    const textNow = (name?: string) => {
      const p = current(name);
      return p ? projectText(p) : null;
    };
    const remember = (name: string, location: string, text: string) =>
      deps.workbench.getState().actions.rememberProject({ name, location, openedAt: Date.now(), ...(deps.keepText ? { text } : {}) });

    const actions: ProjectActions = {
      newProject() {
        set({ name: UNTITLED, location: null });
        baseline = textNow(UNTITLED);
        set({ dirty: false });
      },
      async open() {
        const file = await deps.files.open();
        if (!file) return false;
        return actions.openText(file.text, file.name, file.location);
      },
      async openText(text, fileName, location) {
        const read = readProject(text, fileName.replace(/(\.thproj)?\.json$/i, ''));
        if (!read.ok) {
          deps.notify(`${read.message} — nothing was changed.`);
          return false;
        }
        const project = read.project;
        const applied = await deps.updateConfig(project.config);
        if (!applied.ok) {
          const issue = applied.error.issues?.[0];
          const where = issue ? `config.${issue.path}: ${issue.message}` : applied.error.message;
          deps.notify(`The project was not opened: ${where} — nothing was changed.`);
          return false;
        }
        if (project.workspace) deps.workbench.getState().actions.applyLayout(project.workspace.name, project.workspace.layout);
        set({ name: project.name, location });
        baseline = textNow(project.name);
        set({ dirty: false });
        remember(project.name, location, text);
        return true;
      },
      async save() {
        const { location, name } = get();
        if (location === null) return actions.saveAs(name);
        const text = textNow();
        if (!text) return false;
        const saved = await deps.files.save(fileNameFor(name), text, location);
        if (!saved) return false;
        baseline = text;
        set({ location: saved.location, dirty: false });
        remember(name, saved.location, text);
        return true;
      },
      async saveAs(name) {
        const text = textNow(name);
        if (!text) return false;
        const saved = await deps.files.save(fileNameFor(name), text);
        if (!saved) return false;
        baseline = text;
        set({ name, location: saved.location, dirty: false });
        remember(name, saved.location, text);
        return true;
      },
      resetBaseline() {
        baseline = textNow();
        set({ dirty: false });
      },
      check() {
        if (baseline === null) return;
        const text = textNow();
        const dirty = text !== null && text !== baseline;
        if (dirty !== get().dirty) set({ dirty });
      },
      current: () => current(),
    };
    return { name: UNTITLED, location: null, dirty: false, actions };
  });
}
