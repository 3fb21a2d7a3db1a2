// Pure UI-state transitions for the view commands (menu, shortcuts, native menu events).
import type { ViewCommand } from '@shared/ui/menu.js';

export type DialogKind = 'shortcuts' | 'about' | 'export';

export interface UiState {
  paused: boolean;
  showDevicePanel: boolean;
  showMetricsPanel: boolean;
  showAlarmPanel: boolean;
  showSessionsPanel: boolean;
  showConsolePanel: boolean;
  showIntegrityPanel: boolean;
  showBreakerPanel: boolean;
  showFaultsPanel: boolean;
  dialog: DialogKind | null;
}

export const INITIAL_UI: UiState = {
  paused: false,
  showDevicePanel: true,
  showMetricsPanel: true,
  showAlarmPanel: true,
  showSessionsPanel: false,
  showConsolePanel: true,
  showIntegrityPanel: false,
  // Off by default so the chart keeps its room; the status-bar breaker cell opens the Breaker panel.
  showBreakerPanel: false,
  showFaultsPanel: false,
  dialog: null,
};

/** Panels that can be opened directly (not only toggled), e.g. from a status-bar cell. */
export type PanelKey = 'showBreakerPanel' | 'showFaultsPanel';

/** The UI state after a view command; window steps are config changes and handled by the store. */
export function reduceUi(ui: UiState, command: ViewCommand): UiState {
  switch (command) {
    case 'view-toggle-pause':
      return { ...ui, paused: !ui.paused };
    case 'view-toggle-device-panel':
      return { ...ui, showDevicePanel: !ui.showDevicePanel };
    case 'view-toggle-metrics-panel':
      return { ...ui, showMetricsPanel: !ui.showMetricsPanel };
    case 'view-toggle-alarm-panel':
      return { ...ui, showAlarmPanel: !ui.showAlarmPanel };
    case 'view-toggle-sessions-panel':
      return { ...ui, showSessionsPanel: !ui.showSessionsPanel };
    case 'file-export':
      return { ...ui, dialog: 'export' };
    case 'view-toggle-console-panel':
      return { ...ui, showConsolePanel: !ui.showConsolePanel };
    case 'view-toggle-integrity-panel':
      return { ...ui, showIntegrityPanel: !ui.showIntegrityPanel };
    case 'view-toggle-breaker-panel':
      return { ...ui, showBreakerPanel: !ui.showBreakerPanel };
    case 'view-toggle-faults-panel':
      return { ...ui, showFaultsPanel: !ui.showFaultsPanel };
    case 'help-shortcuts':
      return { ...ui, dialog: 'shortcuts' };
    case 'help-about':
      return { ...ui, dialog: 'about' };
    case 'view-window-longer':
    case 'view-window-shorter':
      return ui;
  }
}
