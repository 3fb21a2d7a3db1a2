// Plots from before plot panels were dock panels lived in localStorage. They are moved into the
// dock once (each becomes a plot panel, so the layout saves it) and the old key is dropped.
import { describeIssue, plotListSchema, type PlotConfig } from '@shared/plots/plot-config.js';

export const LEGACY_PLOTS_KEY = 'telemetryhub.plots.v1';

interface KeyStore {
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

export interface LegacyPlots {
  plots: PlotConfig[];
  /** Why nothing could be moved (unreadable or invalid), or null. */
  notice: string | null;
}

/** Reads and removes the old key: its plots when valid (a bad list is refused whole, with the field named). */
export function takeLegacyPlots(storage: KeyStore | undefined): LegacyPlots {
  const raw = storage?.getItem(LEGACY_PLOTS_KEY);
  if (!storage || raw === null || raw === undefined) return { plots: [], notice: null };
  storage.removeItem(LEGACY_PLOTS_KEY);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { plots: [], notice: `Saved plots could not be read (${err instanceof Error ? err.message : String(err)}); none were moved into the layout.` };
  }
  const parsed = plotListSchema.safeParse(json);
  if (!parsed.success) return { plots: [], notice: `Saved plots could not be restored (${describeIssue(parsed.error)}); none were moved into the layout.` };
  return { plots: parsed.data, notice: null };
}

/** Gives each plot an id no open panel uses (the layout may already hold plot-1). */
export function withFreeIds(plots: readonly PlotConfig[], taken: readonly string[]): PlotConfig[] {
  // Plots whose id is free keep it; the others take the next free plot-N.
  const open = new Set(taken);
  const used = new Set([...taken, ...plots.map((p) => p.id)]);
  let n = 0;
  return plots.map((p) => {
    if (!open.has(p.id)) return p;
    let id: string;
    do id = `plot-${++n}`;
    while (used.has(id));
    used.add(id);
    return { ...p, id };
  });
}
