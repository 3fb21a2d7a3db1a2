// The layouts a workspace starts with (and View › Reset layout returns to). Built with dockview's
// public API so they are always valid for the panels this version has.
import type { DockviewApi } from 'dockview-react';
import type { PanelId } from '@shared/ui/panels.js';

interface Step {
  id: PanelId;
  /** Relative to an earlier panel; absent for the first. */
  at?: { ref: PanelId; direction: 'left' | 'right' | 'above' | 'below' | 'within' };
  width?: number;
  height?: number;
}

const MONITORING: Step[] = [
  { id: 'plot' },
  { id: 'device', at: { ref: 'plot', direction: 'left' }, width: 320 },
  { id: 'metrics', at: { ref: 'plot', direction: 'right' }, width: 320 },
  { id: 'alarms', at: { ref: 'plot', direction: 'below' }, height: 280 },
  { id: 'console', at: { ref: 'alarms', direction: 'right' } },
];

const COMMISSIONING: Step[] = [
  { id: 'plot' },
  { id: 'device', at: { ref: 'plot', direction: 'left' }, width: 340 },
  { id: 'console', at: { ref: 'plot', direction: 'below' }, height: 300 },
  { id: 'integrity', at: { ref: 'console', direction: 'right' } },
  { id: 'breaker', at: { ref: 'plot', direction: 'right' }, width: 330 },
  { id: 'faults', at: { ref: 'breaker', direction: 'below' } },
];

export const DEFAULT_LAYOUTS: Readonly<Record<string, readonly Step[]>> = { Monitoring: MONITORING, Commissioning: COMMISSIONING };

/** The panel kinds a workspace's default layout opens (an operator's own workspace starts as Monitoring). */
export function defaultPanels(workspace: string): PanelId[] {
  return (DEFAULT_LAYOUTS[workspace] ?? MONITORING).map((s) => s.id);
}

/** Clears the dock and lays out the workspace's default panels; `title` and `exists` come from the registry. */
export function buildDefaultLayout(api: DockviewApi, workspace: string, title: (id: PanelId) => string, exists: (id: PanelId) => boolean): void {
  api.clear();
  for (const step of DEFAULT_LAYOUTS[workspace] ?? MONITORING) {
    if (!exists(step.id)) continue;
    const ref = step.at && api.getPanel(step.at.ref);
    api.addPanel({
      id: step.id,
      component: step.id,
      title: title(step.id),
      ...(ref && step.at ? { position: { referencePanel: ref, direction: step.at.direction } } : {}),
      ...(step.width ? { initialWidth: step.width } : {}),
      ...(step.height ? { initialHeight: step.height } : {}),
    });
  }
}
