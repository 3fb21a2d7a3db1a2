// The panel registry: every panel kind once, with the shared title/accelerator/command and the
// feature's component and default dock. The View menu, shortcuts, shortcuts dialog and layout read it.
import { PANELS, type PanelCommand, type PanelId, type PanelSpec } from '@shared/ui/panels.js';
import { alarmsPanels } from '../features/alarms';
import { breakerPanels } from '../features/breaker';
import { consolePanels } from '../features/console';
import { devicePanels } from '../features/device';
import { faultsPanels } from '../features/faults';
import { integrityPanels } from '../features/integrity';
import { metricsPanels } from '../features/metrics';
import { plotInstancePanels, plotsPanels } from '../features/plots';
import { recordingPanels } from '../features/recording';
import { sourcesPanels } from '../features/sources';
import { widgetsPanels } from '../features/widgets';
import type { InstancePanelDefinition, PanelDefinition } from '../ui/panel';

export interface PanelRegistration extends PanelDefinition, Omit<PanelSpec, 'id' | 'command'> {
  command: PanelCommand;
}

/** Builds the registry; throws when a shared panel kind has no component or one is declared twice. */
export function buildRegistry(definitions: readonly PanelDefinition[]): PanelRegistration[] {
  const byId = new Map<PanelId, PanelDefinition>();
  for (const d of definitions) {
    if (byId.has(d.id)) throw new Error(`panel ${d.id} is declared twice`);
    byId.set(d.id, d);
  }
  return PANELS.map((spec) => {
    const def = byId.get(spec.id);
    if (!def) throw new Error(`panel ${spec.id} has no component`);
    return { ...spec, ...def, id: spec.id };
  });
}

export const PANEL_DEFINITIONS: readonly PanelDefinition[] = [
  ...plotsPanels,
  ...devicePanels,
  ...metricsPanels,
  ...alarmsPanels,
  ...recordingPanels,
  ...consolePanels,
  ...integrityPanels,
  ...breakerPanels,
  ...faultsPanels,
  ...widgetsPanels,
  ...sourcesPanels,
];

export const PANEL_REGISTRY: readonly PanelRegistration[] = buildRegistry(PANEL_DEFINITIONS);

export function registration(id: PanelId): PanelRegistration {
  const r = PANEL_REGISTRY.find((p) => p.id === id);
  if (!r) throw new Error(`unknown panel ${id}`);
  return r;
}

/** Panels that open once per instance (each plot), with their settings in the dock panel's params. */
export const INSTANCE_PANELS: readonly InstancePanelDefinition[] = [...plotInstancePanels];
