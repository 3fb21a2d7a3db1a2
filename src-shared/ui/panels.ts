// The workbench's panel kinds as data both shells read: Electron builds its native View menu from
// this list, the renderer's panel registry adds each kind's component and default dock position.
// Adding a panel: one row here (id, title, accelerator) and one registry entry in its feature.

export interface PanelSpec {
  /** Stable id: stored in layouts and project files, and the panel root's `data-panel-id`. */
  readonly id: string;
  readonly title: string;
  /** Electron accelerator syntax (CmdOrCtrl…); also the browser shortcut. */
  readonly accelerator?: string;
  /** The view command that shows or hides the panel (menu, shortcut, native menu event). */
  readonly command: `view-toggle-${string}-panel`;
}

export const PANELS = [
  { id: 'device', title: 'Device', accelerator: 'CmdOrCtrl+1', command: 'view-toggle-device-panel' },
  { id: 'metrics', title: 'Metrics', accelerator: 'CmdOrCtrl+2', command: 'view-toggle-metrics-panel' },
  { id: 'alarms', title: 'Alarms', accelerator: 'CmdOrCtrl+3', command: 'view-toggle-alarm-panel' },
  { id: 'sessions', title: 'Sessions', accelerator: 'CmdOrCtrl+4', command: 'view-toggle-sessions-panel' },
  { id: 'console', title: 'Console', accelerator: 'CmdOrCtrl+5', command: 'view-toggle-console-panel' },
  { id: 'integrity', title: 'Data integrity', accelerator: 'CmdOrCtrl+6', command: 'view-toggle-integrity-panel' },
  { id: 'breaker', title: 'Breaker', accelerator: 'CmdOrCtrl+7', command: 'view-toggle-breaker-panel' },
  { id: 'faults', title: 'Fault injection', accelerator: 'CmdOrCtrl+8', command: 'view-toggle-faults-panel' },
  { id: 'plot', title: 'Live plot', accelerator: 'CmdOrCtrl+9', command: 'view-toggle-plot-panel' },
  { id: 'plots', title: 'Plots', accelerator: 'CmdOrCtrl+0', command: 'view-toggle-plots-panel' },
  { id: 'widgets', title: 'Widgets', accelerator: 'CmdOrCtrl+.', command: 'view-toggle-widgets-panel' },
  { id: 'replay', title: 'Replay', accelerator: 'CmdOrCtrl+Shift+P', command: 'view-toggle-replay-panel' },
  { id: 'mqtt-out', title: 'MQTT out', accelerator: 'CmdOrCtrl+Shift+M', command: 'view-toggle-mqtt-out-panel' },
] as const satisfies readonly PanelSpec[];

export type PanelId = (typeof PANELS)[number]['id'];
export type PanelCommand = (typeof PANELS)[number]['command'];

export const PANEL_IDS: readonly PanelId[] = PANELS.map((p) => p.id);

export function isPanelId(id: string): id is PanelId {
  return (PANEL_IDS as readonly string[]).includes(id);
}

/** The panel a view command toggles, if it is a panel command. */
export function panelForCommand(command: string): PanelId | undefined {
  return PANELS.find((p) => p.command === command)?.id;
}

export function panelSpec(id: PanelId): (typeof PANELS)[number] {
  const spec = PANELS.find((p) => p.id === id);
  if (!spec) throw new Error(`unknown panel ${id}`);
  return spec;
}
