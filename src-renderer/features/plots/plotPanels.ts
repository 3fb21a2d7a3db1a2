// Wires the plots store to the dock once the workbench is ready: "Add plot" opens a dock panel,
// and plots left in localStorage by earlier versions are moved into the layout (once).
import { takeLegacyPlots, withFreeIds } from './legacyPlots';
import type { PlotOpener, PlotsStore } from './plotsStore';

interface KeyStore {
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

/** Sets the dock opener and migrates legacy plots; returns the disconnect. */
export function connectPlotPanels(plots: PlotsStore, opener: PlotOpener, storage: KeyStore | undefined): () => void {
  plots.actions.setOpener(opener);
  const legacy = takeLegacyPlots(storage);
  if (legacy.notice) plots.actions.setNotice(legacy.notice);
  for (const config of withFreeIds(legacy.plots, opener.ids())) opener.open(config);
  return () => plots.actions.setOpener(null);
}
