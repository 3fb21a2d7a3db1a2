// Panels that open any number of times carry their settings in the dock panel's params, so saved
// layouts, workspaces and project files hold them. Each such kind names its params schema here;
// a layout whose params do not pass is refused whole, with the panel and field named.
import type { z } from 'zod';
import { plotConfigSchema } from '../plots/plot-config.js';

/** The dock component of a plot panel (one per plot; its params are the plot's PlotConfig). */
export const PLOT_PANEL_KIND = 'plot-view';

export const PANEL_PARAM_SCHEMAS: Readonly<Record<string, z.ZodType>> = { [PLOT_PANEL_KIND]: plotConfigSchema };

/** Panel kinds that open once per instance (not in the View menu's one-per-kind list). */
export const INSTANCE_PANEL_KINDS: readonly string[] = Object.keys(PANEL_PARAM_SCHEMAS);

export interface ParamsProblem {
  /** Path inside the panel's params (empty for the params as a whole). */
  path: (string | number)[];
  message: string;
}

/** The first problem with a panel's params, or null when its kind has no schema or they pass. */
export function checkPanelParams(panelId: string, kind: string, params: unknown): ParamsProblem | null {
  const schema = PANEL_PARAM_SCHEMAS[kind];
  if (!schema) return null;
  if (params === undefined) return { path: [], message: `panel ${panelId} (${kind}) has no settings` };
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { path: (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p)), message: `panel ${panelId} (${kind}): ${issue?.message ?? 'invalid settings'}` };
  }
  const id = (parsed.data as { id?: unknown }).id;
  if (id !== undefined && id !== panelId) return { path: ['id'], message: `panel ${panelId} (${kind}): its settings name another panel (${String(id)})` };
  return null;
}
