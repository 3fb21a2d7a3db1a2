// One menu model for both shells: Electron builds its native menu from it,
// the browser renders an in-window menu bar and matches the same accelerators.
import type { DeviceCommand } from '../domain/device.js';
import { PANELS, type PanelCommand } from './panels.js';

/** Commands the renderer handles itself (view state); Electron forwards them as the `menu` event. */
const OTHER_VIEW_COMMANDS = [
  'view-toggle-pause',
  'view-window-longer',
  'view-window-shorter',
  'help-shortcuts',
  'help-about',
  'file-export',
  'file-project-new',
  'file-project-open',
  'file-project-save',
  'file-project-save-as',
  'view-reset-layout',
  'view-workspace-monitoring',
  'view-workspace-commissioning',
  'view-workspace-save-as',
  'view-theme-system',
  'view-theme-dark',
  'view-theme-light',
] as const;
/** Other view commands, then one show/hide command per panel kind. */
export type ViewCommand = (typeof OTHER_VIEW_COMMANDS)[number] | PanelCommand;
export const VIEW_COMMANDS: readonly ViewCommand[] = [...OTHER_VIEW_COMMANDS, ...PANELS.map((p) => p.command)];

export type MenuItemSpec =
  | { kind: 'device'; id: string; label: string; accelerator?: string; command: DeviceCommand }
  | { kind: 'view'; id: string; label: string; accelerator?: string; command: ViewCommand }
  | { kind: 'quit'; id: string; label: string; accelerator?: string }
  | { kind: 'separator'; id: string };

export interface MenuSpec {
  id: string;
  label: string;
  items: MenuItemSpec[];
}

/** Accelerators use Electron's syntax; CmdOrCtrl is Cmd on macOS and Ctrl elsewhere. */
export const MENU: MenuSpec[] = [
  {
    id: 'file',
    label: 'File',
    items: [
      { kind: 'view', id: 'file-project-new', label: 'New project', command: 'file-project-new' },
      { kind: 'view', id: 'file-project-open', label: 'Open project…', accelerator: 'CmdOrCtrl+O', command: 'file-project-open' },
      { kind: 'view', id: 'file-project-save', label: 'Save project', accelerator: 'CmdOrCtrl+S', command: 'file-project-save' },
      { kind: 'view', id: 'file-project-save-as', label: 'Save project as…', command: 'file-project-save-as' },
      { kind: 'separator', id: 'file-sep0' },
      { kind: 'view', id: 'file-export', label: 'Export…', accelerator: 'CmdOrCtrl+E', command: 'file-export' },
      { kind: 'separator', id: 'file-sep1' },
      { kind: 'quit', id: 'file-quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  },
  {
    id: 'device',
    label: 'Device',
    items: [
      { kind: 'device', id: 'device-connect', label: 'Connect', accelerator: 'CmdOrCtrl+Shift+K', command: 'connect' },
      { kind: 'device', id: 'device-disconnect', label: 'Disconnect', accelerator: 'CmdOrCtrl+Shift+D', command: 'disconnect' },
      { kind: 'separator', id: 'device-sep1' },
      { kind: 'device', id: 'device-start', label: 'Start measuring', accelerator: 'F5', command: 'start' },
      { kind: 'device', id: 'device-stop', label: 'Stop measuring', accelerator: 'Shift+F5', command: 'stop' },
      { kind: 'device', id: 'device-reset', label: 'Reset', accelerator: 'CmdOrCtrl+Shift+R', command: 'reset' },
      { kind: 'separator', id: 'device-sep2' },
      { kind: 'device', id: 'device-safe', label: 'Enter SafeState', accelerator: 'CmdOrCtrl+Shift+S', command: 'safe' },
    ],
  },
  {
    id: 'view',
    label: 'View',
    items: [
      { kind: 'view', id: 'view-pause', label: 'Pause / resume chart', accelerator: 'F8', command: 'view-toggle-pause' },
      { kind: 'separator', id: 'view-sep1' },
      ...PANELS.map((p): MenuItemSpec => ({ kind: 'view', id: `view-${p.id}`, label: `${p.title} panel`, accelerator: p.accelerator, command: p.command })),
      { kind: 'separator', id: 'view-sep2' },
      { kind: 'view', id: 'view-reset-layout', label: 'Reset layout', command: 'view-reset-layout' },
      { kind: 'view', id: 'view-workspace-monitoring', label: 'Workspace: Monitoring', command: 'view-workspace-monitoring' },
      { kind: 'view', id: 'view-workspace-commissioning', label: 'Workspace: Commissioning', command: 'view-workspace-commissioning' },
      { kind: 'view', id: 'view-workspace-save-as', label: 'Save workspace as…', command: 'view-workspace-save-as' },
      { kind: 'separator', id: 'view-sep3' },
      { kind: 'view', id: 'view-theme-system', label: 'Theme: follow the system', command: 'view-theme-system' },
      { kind: 'view', id: 'view-theme-dark', label: 'Theme: dark', command: 'view-theme-dark' },
      { kind: 'view', id: 'view-theme-light', label: 'Theme: light', command: 'view-theme-light' },
      { kind: 'separator', id: 'view-sep4' },
      { kind: 'view', id: 'view-longer', label: 'Longer time window', accelerator: 'CmdOrCtrl+]', command: 'view-window-longer' },
      { kind: 'view', id: 'view-shorter', label: 'Shorter time window', accelerator: 'CmdOrCtrl+[', command: 'view-window-shorter' },
    ],
  },
  {
    id: 'help',
    label: 'Help',
    items: [
      { kind: 'view', id: 'help-shortcuts', label: 'Keyboard shortcuts', accelerator: 'CmdOrCtrl+/', command: 'help-shortcuts' },
      { kind: 'view', id: 'help-about', label: 'About TelemetryHub', accelerator: 'F1', command: 'help-about' },
    ],
  },
];

/** The parts of a keyboard event an accelerator looks at (kept DOM-free). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** True when the key event is the accelerator; `isMac` picks Cmd for CmdOrCtrl. */
export function matchesAccelerator(ev: KeyLike, accelerator: string, isMac = false): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const wantCtrl = mods.has('ctrl') || (mods.has('cmdorctrl') && !isMac);
  const wantMeta = mods.has('cmd') || mods.has('command') || (mods.has('cmdorctrl') && isMac);
  return (
    ev.key.toLowerCase() === key &&
    ev.ctrlKey === wantCtrl &&
    ev.metaKey === wantMeta &&
    ev.shiftKey === mods.has('shift') &&
    ev.altKey === mods.has('alt')
  );
}

/** Human text for an accelerator on this platform, e.g. "Ctrl+Shift+R". */
export function acceleratorLabel(accelerator: string, isMac = false): string {
  return accelerator.replace('CmdOrCtrl', isMac ? 'Cmd' : 'Ctrl');
}
