// Opens panels that exist once per instance (plots): a new one goes beside the newest of its kind,
// else beside the live plot or the Plots panel, else where a centre panel goes. It always splits
// (along the longer side): a plot in a hidden tab draws nothing, so a new one must be seen.
import type { AddPanelOptions, DockviewApi, IDockviewPanel } from 'dockview-react';
import type { PlotOpener } from '../../features/plots';
import type { DockPosition, InstancePanelDefinition } from '../../ui/panel';
import { placePanel } from './placement';

function besides(ref: IDockviewPanel): Partial<AddPanelOptions> {
  const g = ref.group;
  if (g.api.location.type !== 'grid') return { position: { referenceGroup: g } };
  return { position: { referencePanel: ref, direction: g.width >= g.height ? 'right' : 'below' } };
}

export function instancePlacement(api: DockviewApi, def: InstancePanelDefinition, near: readonly string[], dockOf: (kind: string) => DockPosition | undefined): Partial<AddPanelOptions> {
  const same = api.panels.filter((p) => p.api.component === def.kind && p.group.api.location.type === 'grid');
  const ref = same[same.length - 1] ?? near.map((id) => api.getPanel(id)).find((p) => p !== undefined);
  if (ref) return besides(ref);
  return placePanel(api, { id: 'plots', title: def.title, defaultDock: def.defaultDock }, dockOf);
}

/** The plots store's way into the dock: plot panels carry their config as params. */
export function plotOpener(api: DockviewApi, def: InstancePanelDefinition, dockOf: (kind: string) => DockPosition | undefined): PlotOpener {
  const ofKind = () => api.panels.filter((p) => p.api.component === def.kind);
  return {
    open(config) {
      api.addPanel({ id: config.id, component: def.kind, title: config.title, params: { ...config }, ...instancePlacement(api, def, ['plot', 'plots'], dockOf) });
    },
    close(id) {
      ofKind()
        .find((p) => p.id === id)
        ?.api.close();
    },
    ids: () => ofKind().map((p) => p.id),
  };
}
