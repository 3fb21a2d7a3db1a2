// Where a panel goes when it opens: next to the panels of its dock (left, centre, right, bottom).
// A dock splits while each part keeps a usable size, then grows a new column, and only then tabs,
// so opening several panels never squeezes them (the old fixed grid cut each to ~190 px).
import type { AddPanelOptions, DockviewApi, DockviewGroupPanel } from 'dockview-react';
import type { PanelId } from '@shared/ui/panels.js';
import type { DockPosition } from '../../ui/panel';

/** Smallest size a docked panel is given when it opens (px). */
export const MIN_PANEL_WIDTH = 280;
export const MIN_PANEL_HEIGHT = 240;
/** The centre (live plot) keeps at least this width when a new column is added beside it. */
const MIN_CENTER_WIDTH = 480;
const SIDE_WIDTH = 320;
const BOTTOM_HEIGHT = 260;

export interface PanelKind {
  id: PanelId;
  title: string;
  defaultDock: DockPosition;
}

function gridGroups(api: DockviewApi): DockviewGroupPanel[] {
  return api.groups.filter((g) => g.api.location.type === 'grid' && g.panels.length > 0);
}

/** Groups holding a panel of this dock. */
function dockGroups(api: DockviewApi, dock: DockPosition, dockOf: (kind: string) => DockPosition | undefined): DockviewGroupPanel[] {
  return gridGroups(api).filter((g) => g.panels.some((p) => dockOf(p.api.component) === dock));
}

const largest = (groups: DockviewGroupPanel[], by: (g: DockviewGroupPanel) => number) => groups.reduce<DockviewGroupPanel | undefined>((a, g) => (!a || by(g) > by(a) ? g : a), undefined);

/** The position options for a new panel of `kind`. */
export function placePanel(api: DockviewApi, kind: PanelKind, dockOf: (kind: string) => DockPosition | undefined): Partial<AddPanelOptions> {
  const same = dockGroups(api, kind.defaultDock, dockOf);
  const center = dockGroups(api, 'center', dockOf)[0];
  if (api.panels.length === 0) return {};

  switch (kind.defaultDock) {
    case 'left':
      return same[0] ? { position: { referenceGroup: same[0] } } : { position: { direction: 'left' }, initialWidth: SIDE_WIDTH };
    case 'center': {
      const bottom = dockGroups(api, 'bottom', dockOf)[0];
      if (bottom) return { position: { referenceGroup: bottom, direction: 'above' } };
      const left = dockGroups(api, 'left', dockOf)[0];
      if (left) return { position: { referenceGroup: left, direction: 'right' } };
      const right = dockGroups(api, 'right', dockOf)[0];
      return right ? { position: { referenceGroup: right, direction: 'left' } } : { position: { direction: 'right' } };
    }
    case 'bottom': {
      const widest = largest(same, (g) => g.width);
      if (widest && widest.width / 2 >= MIN_PANEL_WIDTH + 80) return { position: { referenceGroup: widest, direction: 'right' } };
      if (widest) return { position: { referenceGroup: widest } };
      return center ? { position: { referenceGroup: center, direction: 'below' }, initialHeight: BOTTOM_HEIGHT } : { position: { direction: 'below' }, initialHeight: BOTTOM_HEIGHT };
    }
    case 'right': {
      const tallest = largest(same, (g) => g.height);
      if (!tallest) return { position: { direction: 'right' }, initialWidth: SIDE_WIDTH };
      if (tallest.height / 2 >= MIN_PANEL_HEIGHT) return { position: { referenceGroup: tallest, direction: 'below' } };
      // A new column beside the right dock while the plot keeps its room.
      if (center && center.width - SIDE_WIDTH >= MIN_CENTER_WIDTH) return { position: { direction: 'right' }, initialWidth: SIDE_WIDTH };
      return { position: { referenceGroup: tallest } };
    }
  }
}
