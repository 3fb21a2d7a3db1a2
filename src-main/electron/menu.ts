// The native menu, built from the shared MENU model so Electron and the browser
// UI offer the same commands and accelerators.
import type { MenuItemConstructorOptions } from 'electron';
import type { DeviceCommand } from '@shared/domain/device.js';
import type { MenuItemSpec, MenuSpec, ViewCommand } from '@shared/ui/menu.js';

export interface MenuHandlers {
  deviceCommand(command: DeviceCommand): void;
  /** View commands are handled by the renderer (forwarded as the `menu` event). */
  viewCommand(command: ViewCommand): void;
  quit(): void;
}

export interface MenuTemplateOptions {
  /** macOS: app menu first (it holds Quit) and an Edit menu so Cmd+C/V work in inputs. */
  isMac?: boolean;
  /** Adds reload and devtools to View (development builds only). */
  devTools?: boolean;
}

function item(spec: MenuItemSpec, handlers: MenuHandlers): MenuItemConstructorOptions {
  switch (spec.kind) {
    case 'separator':
      return { id: spec.id, type: 'separator' };
    case 'device':
      return { id: spec.id, label: spec.label, accelerator: spec.accelerator, click: () => handlers.deviceCommand(spec.command) };
    case 'view':
      return { id: spec.id, label: spec.label, accelerator: spec.accelerator, click: () => handlers.viewCommand(spec.command) };
    case 'quit':
      return { id: spec.id, label: spec.label, accelerator: spec.accelerator, click: () => handlers.quit() };
  }
}

/** No separator may lead or trail a menu (one does once macOS drops File › Quit). */
function trimSeparators(items: MenuItemSpec[]): MenuItemSpec[] {
  let start = 0;
  let end = items.length;
  while (start < end && items[start]?.kind === 'separator') start++;
  while (end > start && items[end - 1]?.kind === 'separator') end--;
  return items.slice(start, end);
}

/** Pure: MENU in, Electron template out. */
export function menuTemplate(spec: readonly MenuSpec[], handlers: MenuHandlers, opts: MenuTemplateOptions = {}): MenuItemConstructorOptions[] {
  const menus: MenuItemConstructorOptions[] = [];
  if (opts.isMac) menus.push({ role: 'appMenu' });
  for (const menu of spec) {
    // On macOS Quit lives in the app menu; a second Cmd+Q item would clash.
    const items = trimSeparators(menu.items.filter((i) => !(opts.isMac && i.kind === 'quit'))).map((i) => item(i, handlers));
    if (menu.id === 'view' && opts.devTools) {
      items.push({ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' });
    }
    if (items.some((i) => i.type !== 'separator')) menus.push({ id: menu.id, label: menu.label, submenu: items });
    if (menu.id === 'file' && opts.isMac) menus.push({ role: 'editMenu' });
  }
  return menus;
}
