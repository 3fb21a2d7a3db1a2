import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { DeviceCommand } from '@shared/domain/device.js';
import { MENU, type ViewCommand } from '@shared/ui/menu.js';
import { menuTemplate, type MenuHandlers } from '../../../src-main/electron/menu.js';

function recorder() {
  const log: { device: DeviceCommand[]; view: ViewCommand[]; quit: number } = { device: [], view: [], quit: 0 };
  const handlers: MenuHandlers = {
    deviceCommand: (c) => void log.device.push(c),
    viewCommand: (c) => void log.view.push(c),
    quit: () => void log.quit++,
  };
  return { log, handlers };
}

const submenu = (m: MenuItemConstructorOptions | undefined) => (m?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (template: MenuItemConstructorOptions[], id: string) =>
  template.flatMap(submenu).find((i) => i.id === id) ?? expect.fail(`no menu item ${id}`);
const click = (item: MenuItemConstructorOptions) => item.click?.(undefined as never, undefined, undefined as never);

describe('menuTemplate', () => {
  it('has one top-level menu per MENU entry with every item, label and accelerator', () => {
    const template = menuTemplate(MENU, recorder().handlers);
    expect(template.map((m) => m.label)).toEqual(MENU.map((m) => m.label));
    for (const spec of MENU) {
      const items = submenu(template.find((m) => m.id === spec.id));
      expect(items.map((i) => i.id)).toEqual(spec.items.map((i) => i.id));
      for (const [k, s] of spec.items.entries()) {
        if (s.kind === 'separator') expect(items[k]?.type).toBe('separator');
        else expect(items[k]).toMatchObject({ label: s.label, accelerator: s.accelerator });
      }
    }
    expect(find(template, 'device-start').accelerator).toBe('F5');
  });

  it('device items call the device command, view items go to the renderer, quit quits', () => {
    const { log, handlers } = recorder();
    const template = menuTemplate(MENU, handlers);
    click(find(template, 'device-start'));
    click(find(template, 'device-safe'));
    click(find(template, 'view-pause'));
    click(find(template, 'help-about'));
    expect(log.device).toEqual(['start', 'safe']);
    expect(log.view).toEqual(['view-toggle-pause', 'help-about']);
    expect(log.quit).toBe(0);
    click(find(template, 'file-quit'));
    expect(log.quit).toBe(1);
  });

  it('on macOS puts the app menu first, adds Edit and drops the clashing File > Quit', () => {
    const template = menuTemplate(MENU, recorder().handlers, { isMac: true });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(template.some((m) => m.role === 'editMenu')).toBe(true);
    expect(template.flatMap(submenu).some((i) => i.id === 'file-quit')).toBe(false);
    // File keeps the project items and Export… (and no dangling separator where Quit was).
    const file = template.find((m) => m.id === 'file');
    expect(submenu(file as MenuItemConstructorOptions).map((i) => i.id)).toEqual(['file-project-new', 'file-project-open', 'file-project-save', 'file-project-save-as', 'file-sep0', 'file-export']);
  });

  it('adds devtools only when asked', () => {
    const roles = (t: MenuItemConstructorOptions[]) => t.flatMap(submenu).map((i) => i.role);
    expect(roles(menuTemplate(MENU, recorder().handlers))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate(MENU, recorder().handlers, { devTools: true }))).toContain('toggleDevTools');
  });
});
