// Which panels are open and which dialog shows: the shell owns it, features may open a panel
// (a status-bar cell opens the Breaker panel) through these actions.
import type { PanelId } from '@shared/ui/panels.js';
import type { ViewCommand } from '@shared/ui/menu.js';

export type DialogKind = 'shortcuts' | 'about' | 'export' | 'workspace-save-as' | 'project-save-as';

export interface UiState {
  /** Open panels (the workbench shows exactly these). */
  panels: Readonly<Record<PanelId, boolean>>;
  dialog: DialogKind | null;
}

export interface ViewActions {
  runView(command: ViewCommand): void;
  /** Opens a panel; no-op when it is open. */
  openPanel(panel: PanelId): void;
  /** Closes a panel (its dock tab was closed). */
  closePanel(panel: PanelId): void;
  closeDialog(): void;
  /**
   * Lets the shell's workbench and project code take a view command (layouts, workspaces, themes,
   * project files, panel toggles). Returns the unregister function.
   */
  handleCommand(command: ViewCommand, handler: () => void): () => void;
  /** The panels the workbench shows now (it reports every change). */
  setOpenPanels(open: readonly PanelId[]): void;
}

export interface ViewState {
  ui: UiState;
  /** File › Quit does something here (a browser tab cannot close itself). */
  canQuit: boolean;
  actions: ViewActions;
}
