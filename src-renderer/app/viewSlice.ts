// The shell's slice: open panels and dialogs; menu items and shortcuts run through it.
import type { DeviceCommand, DeviceStatus } from '@shared/domain/device.js';
import type { Slice, SliceContext } from '../state/slice';
import type { ViewState } from '../state/viewState';
import type { ViewCommand } from '@shared/ui/menu.js';
import { PANEL_IDS } from '@shared/ui/panels.js';
import { INITIAL_UI, panelsOpen, reduceUi, setPanel } from './viewCommands';
import type { CommandItem } from './shortcuts';

export interface ShellActions {
  runMenuItem(item: CommandItem): void;
}

export type ShellState = ViewState & { actions: ShellActions };

/** What the shell needs from the chart and device slices (menu items reach them). */
export interface ShellNeeds {
  device: DeviceStatus | null;
  actions: {
    stepWindow(direction: 1 | -1): void;
    setPaused(paused: boolean): void;
    deviceCommand(command: DeviceCommand): Promise<boolean>;
  };
  paused: boolean;
}

export function createViewSlice(
  ctx: SliceContext<ShellState & ShellNeeds>,
  canRun: (command: DeviceCommand, device: DeviceStatus | null) => boolean,
  onQuit?: () => void,
): Slice<ShellState> {
  const { set, get } = ctx;
  const handlers = new Map<ViewCommand, () => void>();
  const actions: ShellState['actions'] = {
    runView(command) {
      const handler = handlers.get(command);
      if (handler) handler();
      else if (command === 'view-window-longer') get().actions.stepWindow(1);
      else if (command === 'view-window-shorter') get().actions.stepWindow(-1);
      else if (command === 'view-toggle-pause') get().actions.setPaused(!get().paused);
      else set({ ui: reduceUi(get().ui, command) });
    },
    runMenuItem(item) {
      switch (item.kind) {
        case 'device':
          if (canRun(item.command, get().device)) void get().actions.deviceCommand(item.command);
          return;
        case 'view':
          actions.runView(item.command);
          return;
        case 'quit':
          onQuit?.();
          return;
      }
    },
    openPanel(panel) {
      set({ ui: setPanel(get().ui, panel, true) });
    },
    closePanel(panel) {
      set({ ui: setPanel(get().ui, panel, false) });
    },
    closeDialog() {
      set({ ui: { ...get().ui, dialog: null } });
    },
    handleCommand(command, handler) {
      handlers.set(command, handler);
      return () => {
        if (handlers.get(command) === handler) handlers.delete(command);
      };
    },
    setOpenPanels(open) {
      const panels = panelsOpen(open);
      const ui = get().ui;
      if (PANEL_IDS.some((id) => ui.panels[id] !== panels[id])) set({ ui: { ...ui, panels } });
    },
  };
  return { state: { ui: INITIAL_UI, canQuit: onQuit !== undefined }, actions };
}
