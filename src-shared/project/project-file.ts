// A project file: everything an operator sets up for one installation in one JSON file — device,
// link and frame format (channel names, units, scale), chart, alarm rules, breaker and recording
// settings, and the workspace layout with every panel's settings (the layout's panel params).
// Opening one is whole or nothing: it is validated here first, then applied with one updateConfig.
import { z } from 'zod';
import { AppConfigSchema, CONFIG_VERSION, type AppConfig } from '../config/app-config.js';
import { SavedLayoutSchema, migrateLayout } from '../workbench/layout.js';
import { WorkspaceNameSchema } from '../workbench/workbench-file.js';

export const PROJECT_FORMAT = 'telemetryhub-project';
export const PROJECT_VERSION = 2;
export const PROJECT_EXTENSION = '.thproj.json';

/**
 * The settings a project carries: the whole configuration except the machine's pipeline tuning and
 * its MQTT out (the station's own broker, credentials and topic tree).
 */
export const ProjectConfigSchema = AppConfigSchema.omit({ version: true, pipeline: true, mqttOut: true }).strict();
export type ProjectConfig = z.infer<typeof ProjectConfigSchema>;

export const ProjectFileSchema = z
  .object({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(PROJECT_VERSION),
    name: z.string().trim().min(1, 'a project needs a name').max(120),
    config: ProjectConfigSchema,
    /** Absent in projects migrated from a settings file: the current layout stays. */
    workspace: z.object({ name: WorkspaceNameSchema, layout: SavedLayoutSchema }).optional(),
  })
  .strict();
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

export function projectConfigOf(config: AppConfig): ProjectConfig {
  return { device: config.device, chart: config.chart, alarms: config.alarms, recording: config.recording, resilience: config.resilience };
}

/**
 * Lifts an older project to the current shape (before validation). Version 1 is the settings file
 * (config.json, `version: 1`, no `format`) that earlier releases wrote: its settings become the
 * project's, named after the file; it has no layout.
 */
export function migrateProject(raw: unknown, fallbackName = 'Imported settings'): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const obj = raw as Record<string, unknown>;
  if (obj.format === undefined && (obj.version === CONFIG_VERSION || obj.version === undefined) && ('device' in obj || 'alarms' in obj || 'chart' in obj)) {
    const { version: _v, pipeline: _p, ...settings } = obj;
    const config = AppConfigSchema.safeParse(settings);
    // An invalid v1 file keeps its fields so validation names the bad one.
    const projectConfig = config.success ? projectConfigOf(config.data) : settings;
    return { format: PROJECT_FORMAT, version: PROJECT_VERSION, name: fallbackName, config: projectConfig };
  }
  if (obj.format === PROJECT_FORMAT && obj.version === PROJECT_VERSION && obj.workspace && typeof obj.workspace === 'object') {
    const ws = obj.workspace as Record<string, unknown>;
    return { ...obj, workspace: { ...ws, layout: migrateLayout(ws.layout) } };
  }
  return obj;
}

export type ProjectRead = { ok: true; project: ProjectFile } | { ok: false; message: string; field?: string };

/** Parses a project file's text: migrated, validated whole; a refusal names the field or the version. */
export function readProject(text: string, fallbackName?: string): ProjectRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The project is not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const obj = raw as Record<string, unknown>;
    if (obj.format !== undefined && obj.format !== PROJECT_FORMAT) return { ok: false, message: `This is not a TelemetryHub project (format "${String(obj.format)}")`, field: 'format' };
    if (obj.format === PROJECT_FORMAT && typeof obj.version === 'number' && obj.version > PROJECT_VERSION)
      return { ok: false, message: `The project is from a newer version (project version ${obj.version}; this version opens up to ${PROJECT_VERSION})`, field: 'version' };
  }
  const parsed = ProjectFileSchema.safeParse(migrateProject(raw, fallbackName));
  if (parsed.success) return { ok: true, project: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  return { ok: false, field, message: `The project was not opened: ${field ?? 'project'}: ${issue?.message ?? 'invalid'}` };
}

export function newProject(name: string, config: AppConfig, workspace?: ProjectFile['workspace']): ProjectFile {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, name, config: projectConfigOf(config), ...(workspace ? { workspace } : {}) };
}

/** Stable text for saving and for comparing with what was last saved (the unsaved mark). */
export function projectText(project: ProjectFile): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}
