// Pure UI-state transitions for the view commands (menu, shortcuts, native menu events).
import type { ViewCommand } from '@shared/ui/menu.js';
import { PANEL_IDS, panelForCommand, type PanelId } from '@shared/ui/panels.js';
import type { UiState } from '../state/viewState';

/** Panels open on first start (the chart keeps most of the room; the breaker cell opens Breaker). */
export const DEFAULT_OPEN_PANELS: readonly PanelId[] = ['plot', 'device', 'metrics', 'alarms', 'console'];

export function panelsOpen(open: readonly PanelId[]): Record<PanelId, boolean> {
  return Object.fromEntries(PANEL_IDS.map((id) => [id, open.includes(id)])) as Record<PanelId, boolean>;
}

export const INITIAL_UI: UiState = { panels: panelsOpen(DEFAULT_OPEN_PANELS), dialog: null };

export function setPanel(ui: UiState, panel: PanelId, open: boolean): UiState {
  return ui.panels[panel] === open ? ui : { ...ui, panels: { ...ui.panels, [panel]: open } };
}

/** The UI state after a view command; pause and window steps belong to the chart and are handled by the store. */
export function reduceUi(ui: UiState, command: ViewCommand): UiState {
  const panel = panelForCommand(command);
  if (panel) return setPanel(ui, panel, !ui.panels[panel]);
  switch (command) {
    case 'file-export':
      return { ...ui, dialog: 'export' };
    case 'help-shortcuts':
      return { ...ui, dialog: 'shortcuts' };
    case 'help-about':
      return { ...ui, dialog: 'about' };
    case 'view-workspace-save-as':
      return { ...ui, dialog: 'workspace-save-as' };
    case 'file-project-save-as':
      return { ...ui, dialog: 'project-save-as' };
    default:
      return ui;
  }
}
