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
