// The Electron shell's own narrow channel to its window: native-menu view commands. Not part of
// TelemetryApi: the host never sends them and a browser page has no shell (its menu is in-window).
import { VIEW_COMMANDS, type ViewCommand } from '../ui/menu.js';
import type { Unsubscribe } from './events.js';

export interface TelemetryShell {
  /** A native-menu item that acts on the window (toggle a panel, pause, export…) was chosen. */
  onMenu(listener: (command: ViewCommand) => void): Unsubscribe;
}

const KNOWN: ReadonlySet<string> = new Set(VIEW_COMMANDS);

export function isViewCommand(value: unknown): value is ViewCommand {
  return typeof value === 'string' && KNOWN.has(value);
}
