// One plot as its own dock panel. Its settings are the panel's params (saved with layouts,
// workspaces and project files): on mount the params are adopted into the plots store, and every
// accepted edit there is written back to the params and the tab title.
import { useEffect, useMemo, useRef } from 'react';
import { plotConfigSchema, type PlotConfig } from '@shared/plots/plot-config.js';
import type { InstancePanelProps } from '../../ui/panel';
import { PlotCard } from './PlotCard';
import { useInstruments, usePlotsStore } from './useInstruments';

export function PlotDockPanel({ id, params, setParams, setTitle }: InstancePanelProps) {
  const { plots } = useInstruments();
  // Layouts are checked with the same schema when read; this parse fills defaults.
  const initial = useMemo(() => plotConfigSchema.safeParse({ ...params, id }), [params, id]);
  const config = usePlotsStore((s) => s.plots.find((p) => p.id === id));
  const written = useRef<PlotConfig | null>(null);

  useEffect(() => {
    if (!initial.success) return;
    written.current = initial.data;
    plots.actions.adopt(initial.data);
    return () => plots.actions.release(id);
    // Params are adopted once per mount; later changes come from the store itself.
  }, [plots, id]);

  useEffect(() => {
    if (!config || config === written.current) return;
    const before = written.current;
    written.current = config;
    setParams({ ...config });
    if (before?.title !== config.title) setTitle(config.title);
  }, [config, setParams, setTitle]);

  if (!initial.success) {
    return (
      <div className="plot-error" role="alert">
        This plot's settings are not valid: {initial.error.issues[0]?.message ?? 'invalid'}
      </div>
    );
  }
  return config ? (
    <div className="plot-dock" data-testid={`plot-panel-${id}`}>
      <PlotCard config={config} />
    </div>
  ) : null;
}
