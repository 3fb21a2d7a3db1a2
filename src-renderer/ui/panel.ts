// What a feature declares about each of its panels; the app's registry adds the shared title and
// accelerator (src-shared/ui/panels.ts) and lays the panels out.
import type { ComponentType } from 'react';
import type { PanelId } from '@shared/ui/panels.js';

/** Where a panel docks when it first opens (and after View › Reset layout). */
export type DockPosition = 'left' | 'center' | 'right' | 'bottom';

export interface PanelDefinition {
  id: PanelId;
  defaultDock: DockPosition;
  component: ComponentType;
  /** Shown only when the engine records (the Sessions panel). */
  needsRecording?: boolean;
}

/** What the dock hands a panel that opens any number of times (a plot): its id and settings. */
export interface InstancePanelProps {
  /** The dock panel's id (also the id inside its params). */
  id: string;
  /** The dock panel's params, as restored from a layout (checked with the kind's schema there). */
  params: Readonly<Record<string, unknown>>;
  /** Stores new settings in the dock panel's params (saved with the layout). */
  setParams(params: Record<string, unknown>): void;
  setTitle(title: string): void;
  close(): void;
}

export interface InstancePanelDefinition {
  /** The dock component name (src-shared/workbench/panel-params.ts). */
  kind: string;
  title: string;
  defaultDock: DockPosition;
  component: ComponentType<InstancePanelProps>;
}
