// What the window remembers between starts: named workspaces (each a saved layout), the one in use,
// the theme and the recent projects. Browser shell: localStorage; Electron: a file in the data folder.
import { z } from 'zod';

export const WORKBENCH_FILE_VERSION = 1;

/** Built-in workspaces: always offered; their default layouts come with the app. */
export const BUILTIN_WORKSPACES = ['Monitoring', 'Commissioning'] as const;

export const ThemeChoiceSchema = z.enum(['system', 'dark', 'light']);
export type ThemeChoice = z.infer<typeof ThemeChoiceSchema>;

export const WorkspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'a workspace needs a name')
  .max(40, 'a workspace name has at most 40 characters');

export const RecentProjectSchema = z.object({
  name: z.string().min(1),
  /** Where it was opened from: a file path (Electron) or the file name (browser upload). */
  location: z.string().min(1),
  openedAt: z.number(),
  /** The browser shell keeps the project's text: it cannot reopen a file by its name. */
  text: z.string().max(1_000_000).optional(),
});
export type RecentProject = z.infer<typeof RecentProjectSchema>;

export const MAX_RECENT_PROJECTS = 8;

export const WorkbenchFileSchema = z.object({
  schemaVersion: z.literal(WORKBENCH_FILE_VERSION),
  theme: ThemeChoiceSchema.default('system'),
  current: WorkspaceNameSchema,
  /** Saved layouts by workspace name; checked one by one when read (a bad one falls back alone). */
  workspaces: z.record(z.string(), z.unknown()).default({}),
  recentProjects: z.array(RecentProjectSchema).max(MAX_RECENT_PROJECTS).default([]),
});
export type WorkbenchFile = z.infer<typeof WorkbenchFileSchema>;

export function defaultWorkbenchFile(): WorkbenchFile {
  return { schemaVersion: WORKBENCH_FILE_VERSION, theme: 'system', current: BUILTIN_WORKSPACES[0], workspaces: {}, recentProjects: [] };
}

/** The recent list after opening or saving `entry`: newest first, one entry per location. */
export function rememberProject(list: readonly RecentProject[], entry: RecentProject): RecentProject[] {
  return [entry, ...list.filter((r) => r.location !== entry.location)].slice(0, MAX_RECENT_PROJECTS);
}
