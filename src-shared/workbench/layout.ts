// A saved workbench layout: dockview's toJSON() wrapped with our schema version. dockview's JSON has
// no version of its own, and fromJSON throws on a component it does not know, so every layout read
// from storage or a project file goes through migrateLayout → SavedLayoutSchema → sanitizeLayout
// before it reaches dockview. Pure (no DOM): both the renderer and project-file checks use it.
import { z } from 'zod';
import { checkPanelParams } from './panel-params.js';

export const LAYOUT_SCHEMA_VERSION = 1;

/** Panel kinds that were renamed: old contentComponent → current one. */
const RENAMED_COMPONENTS: Readonly<Record<string, string>> = { chart: 'plot', 'live-chart': 'plot', alarm: 'alarms', fault: 'faults' };

export interface GroupState {
  views: string[];
  activeView?: string;
  id: string;
  [key: string]: unknown;
}

export type GridNode =
  | { type: 'leaf'; data: GroupState; size?: number; visible?: boolean }
  | { type: 'branch'; data: GridNode[]; size?: number; visible?: boolean };

const GroupStateSchema = z.looseObject({ views: z.array(z.string()), activeView: z.string().optional(), id: z.string() });

const GridNodeSchema: z.ZodType<GridNode> = z.lazy(() =>
  z.union([
    z.looseObject({ type: z.literal('leaf'), data: GroupStateSchema, size: z.number().optional(), visible: z.boolean().optional() }),
    z.looseObject({ type: z.literal('branch'), data: z.array(GridNodeSchema), size: z.number().optional(), visible: z.boolean().optional() }),
  ]),
) as z.ZodType<GridNode>;

const GridSchema = z.looseObject({
  root: GridNodeSchema,
  width: z.number(),
  height: z.number(),
  orientation: z.enum(['HORIZONTAL', 'VERTICAL']),
});

export const PanelStateSchema = z.looseObject({
  id: z.string().min(1),
  contentComponent: z.string().min(1),
  title: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

const FloatingGroupSchema = z.looseObject({ data: GroupStateSchema.optional(), grid: GridSchema.optional(), position: z.record(z.string(), z.unknown()) });

export const DockLayoutSchema = z.looseObject({
  grid: GridSchema,
  panels: z.record(z.string(), PanelStateSchema),
  activeGroup: z.string().optional(),
  floatingGroups: z.array(FloatingGroupSchema).optional(),
  popoutGroups: z.array(z.unknown()).optional(),
});
export type DockLayout = z.infer<typeof DockLayoutSchema>;

export const SavedLayoutSchema = z
  .object({
    schemaVersion: z.literal(LAYOUT_SCHEMA_VERSION),
    layout: DockLayoutSchema,
  })
  .superRefine((saved, ctx) => {
    // Panels with settings (plots) are checked against their kind's schema: a bad one refuses the layout.
    for (const [id, p] of Object.entries(saved.layout.panels)) {
      const problem = checkPanelParams(id, p.contentComponent, p.params);
      if (problem) ctx.addIssue({ code: 'custom', path: ['layout', 'panels', id, 'params', ...problem.path], message: problem.message });
    }
  });
export type SavedLayout = z.infer<typeof SavedLayoutSchema>;

/**
 * Lifts an older saved layout to the current shape before validation: version 0 was dockview's bare
 * toJSON() (no wrapper); renamed panel kinds get their current name.
 */
export function migrateLayout(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object') return raw;
  const obj = raw as Record<string, unknown>;
  const wrapped = 'schemaVersion' in obj ? obj : { schemaVersion: LAYOUT_SCHEMA_VERSION, layout: obj };
  const layout = wrapped.layout as Record<string, unknown> | undefined;
  const panels = layout?.panels;
  if (!panels || typeof panels !== 'object') return wrapped;
  const renamed = Object.fromEntries(
    Object.entries(panels as Record<string, Record<string, unknown>>).map(([id, p]) => {
      const c = typeof p?.contentComponent === 'string' ? p.contentComponent : undefined;
      return [id, c && RENAMED_COMPONENTS[c] ? { ...p, contentComponent: RENAMED_COMPONENTS[c] } : p];
    }),
  );
  return { ...wrapped, layout: { ...layout, panels: renamed } };
}

export interface SanitizedLayout {
  /** Null when nothing usable is left (the caller loads the default layout). */
  layout: DockLayout | null;
  /** Panel kinds that were dropped because this version has no such panel, one entry per kind. */
  dropped: string[];
  /** Panels that sat in pop-out windows (windows are not reopened on start; their panels are closed). */
  poppedOut: number;
}

function pruneNode(node: GridNode, keep: (id: string) => boolean): GridNode | null {
  if (node.type === 'leaf') {
    const views = node.data.views.filter(keep);
    if (views.length === 0) return null;
    const activeView = node.data.activeView && views.includes(node.data.activeView) ? node.data.activeView : views[0];
    return { ...node, data: { ...node.data, views, activeView } };
  }
  const children = node.data.map((c) => pruneNode(c, keep)).filter((c): c is GridNode => c !== null);
  return children.length === 0 ? null : { ...node, data: children };
}

function viewsOf(node: GridNode): string[] {
  return node.type === 'leaf' ? node.data.views : node.data.flatMap(viewsOf);
}

/**
 * Keeps what this version can show: panels of known kinds, groups that still hold a panel. Pop-out
 * groups are left out (a browser only opens a window from a click).
 */
export function sanitizeLayout(layout: DockLayout, knownKinds: readonly string[]): SanitizedLayout {
  const dropped = new Set<string>();
  const known = new Set<string>();
  for (const [id, p] of Object.entries(layout.panels)) {
    if (knownKinds.includes(p.contentComponent)) known.add(id);
    else dropped.add(p.contentComponent);
  }
  const keep = (id: string) => known.has(id);
  const root = pruneNode(layout.grid.root, keep);
  type Floating = NonNullable<DockLayout['floatingGroups']>[number];
  const floatingGroups = (layout.floatingGroups ?? []).flatMap((g): Floating[] => {
    if (g.data) {
      const views = g.data.views.filter(keep);
      if (views.length === 0) return [];
      const activeView = g.data.activeView && views.includes(g.data.activeView) ? g.data.activeView : views[0];
      return [{ ...g, data: { ...g.data, views, activeView } }];
    }
    if (g.grid) {
      const r = pruneNode(g.grid.root, keep);
      return r ? [{ ...g, grid: { ...g.grid, root: r } }] : [];
    }
    return [];
  });
  const poppedOut = (layout.popoutGroups ?? []).length;
  if (!root) return { layout: null, dropped: [...dropped], poppedOut };
  const used = new Set([...viewsOf(root), ...floatingGroups.flatMap((g: Floating) => (g.data ? g.data.views : g.grid ? viewsOf(g.grid.root) : []))]);
  const panels = Object.fromEntries(Object.entries(layout.panels).filter(([id]) => used.has(id)));
  const next: DockLayout = { ...layout, grid: { ...layout.grid, root }, panels, ...(layout.floatingGroups ? { floatingGroups } : {}) };
  delete next.popoutGroups;
  if (next.activeGroup !== undefined && !groupIds(next).has(next.activeGroup)) delete next.activeGroup;
  return { layout: next, dropped: [...dropped], poppedOut };
}

function groupIds(layout: DockLayout): Set<string> {
  const ids = new Set<string>();
  const walk = (n: GridNode) => (n.type === 'leaf' ? ids.add(n.data.id) : n.data.forEach(walk));
  walk(layout.grid.root);
  for (const g of layout.floatingGroups ?? []) {
    if (g.data) ids.add(g.data.id);
    if (g.grid) walk(g.grid.root);
  }
  return ids;
}

/** The panel kinds a layout shows. */
export function layoutKinds(layout: DockLayout): string[] {
  return [...new Set(Object.values(layout.panels).map((p) => p.contentComponent))];
}

export type LayoutRead = { ok: true; layout: DockLayout | null; notes: string[] } | { ok: false; message: string };

/** Reads a saved layout of any known version: validated, migrated, sanitized, with what changed in words. */
export function readSavedLayout(raw: unknown, knownKinds: readonly string[]): LayoutRead {
  const parsed = SavedLayoutSchema.safeParse(migrateLayout(raw));
  if (!parsed.success) {
    const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).schemaVersion : undefined;
    if (typeof v === 'number' && v > LAYOUT_SCHEMA_VERSION) return { ok: false, message: `the layout is from a newer version (layout version ${v}; this version reads up to ${LAYOUT_SCHEMA_VERSION})` };
    const issue = parsed.error.issues[0];
    return { ok: false, message: `the layout is not readable (${issue ? `${issue.path.join('.') || 'layout'}: ${issue.message}` : 'invalid'})` };
  }
  const s = sanitizeLayout(parsed.data.layout, knownKinds);
  const notes: string[] = [];
  if (s.dropped.length > 0) notes.push(`dropped panels this version does not have: ${s.dropped.join(', ')}`);
  if (!s.layout) notes.push('no panel was left');
  return { ok: true, layout: s.layout, notes };
}
