import { describe, expect, it } from 'vitest';
import { DeviceCommandSchema } from '@shared/domain/device.js';
import { MENU, VIEW_COMMANDS, acceleratorLabel, matchesAccelerator, type KeyLike } from '@shared/ui/menu.js';

function key(k: string, mods: Partial<Omit<KeyLike, 'key'>> = {}): KeyLike {
  return { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

const ITEMS = MENU.flatMap((m) => m.items);
const ACCELERATORS = ITEMS.flatMap((i) => ('accelerator' in i && i.accelerator ? [i.accelerator] : []));

describe('matchesAccelerator', () => {
  it('CmdOrCtrl is Ctrl off the Mac and Cmd on the Mac', () => {
    expect(matchesAccelerator(key('q', { ctrlKey: true }), 'CmdOrCtrl+Q')).toBe(true);
    expect(matchesAccelerator(key('q', { metaKey: true }), 'CmdOrCtrl+Q')).toBe(false);
    expect(matchesAccelerator(key('q', { metaKey: true }), 'CmdOrCtrl+Q', true)).toBe(true);
    expect(matchesAccelerator(key('q', { ctrlKey: true }), 'CmdOrCtrl+Q', true)).toBe(false);
    expect(matchesAccelerator(key('q', { ctrlKey: true, metaKey: true }), 'CmdOrCtrl+Q')).toBe(false);
    expect(matchesAccelerator(key('q'), 'CmdOrCtrl+Q')).toBe(false);
  });

  it('matches the key case-insensitively (Shift turns k into K)', () => {
    expect(matchesAccelerator(key('K', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+K')).toBe(true);
    expect(matchesAccelerator(key('k', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+K')).toBe(true);
    expect(matchesAccelerator(key('Q', { ctrlKey: true }), 'CmdOrCtrl+Q')).toBe(true);
  });

  it('Shift must match exactly', () => {
    expect(matchesAccelerator(key('K', { ctrlKey: true }), 'CmdOrCtrl+Shift+K')).toBe(false);
    expect(matchesAccelerator(key('Q', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+Q')).toBe(false);
    expect(matchesAccelerator(key('F5', { shiftKey: true }), 'Shift+F5')).toBe(true);
    expect(matchesAccelerator(key('F5'), 'Shift+F5')).toBe(false);
    expect(matchesAccelerator(key('F5', { shiftKey: true }), 'F5')).toBe(false);
  });

  it('Alt must match exactly', () => {
    expect(matchesAccelerator(key('F5', { altKey: true }), 'F5')).toBe(false);
    expect(matchesAccelerator(key('x', { altKey: true }), 'Alt+X')).toBe(true);
    expect(matchesAccelerator(key('x'), 'Alt+X')).toBe(false);
  });

  it('F-keys match by name, not by prefix', () => {
    expect(matchesAccelerator(key('F5'), 'F5')).toBe(true);
    expect(matchesAccelerator(key('F1'), 'F1')).toBe(true);
    expect(matchesAccelerator(key('F8'), 'F8')).toBe(true);
    expect(matchesAccelerator(key('F1'), 'F5')).toBe(false);
    expect(matchesAccelerator(key('F10'), 'F1')).toBe(false);
    expect(matchesAccelerator(key('F'), 'F1')).toBe(false);
    expect(matchesAccelerator(key('F5', { ctrlKey: true }), 'F5')).toBe(false);
  });

  it('bracket, slash and digit keys', () => {
    expect(matchesAccelerator(key(']', { ctrlKey: true }), 'CmdOrCtrl+]')).toBe(true);
    expect(matchesAccelerator(key('[', { ctrlKey: true }), 'CmdOrCtrl+]')).toBe(false);
    expect(matchesAccelerator(key('[', { metaKey: true }), 'CmdOrCtrl+[', true)).toBe(true);
    expect(matchesAccelerator(key('/', { ctrlKey: true }), 'CmdOrCtrl+/')).toBe(true);
    expect(matchesAccelerator(key('1', { ctrlKey: true }), 'CmdOrCtrl+1')).toBe(true);
    expect(matchesAccelerator(key('2', { ctrlKey: true }), 'CmdOrCtrl+1')).toBe(false);
  });

  it('explicit Ctrl and Cmd modifiers', () => {
    expect(matchesAccelerator(key('a', { ctrlKey: true }), 'Ctrl+A', true)).toBe(true);
    expect(matchesAccelerator(key('a', { metaKey: true }), 'Cmd+A')).toBe(true);
    expect(matchesAccelerator(key('a', { metaKey: true }), 'Command+A')).toBe(true);
    expect(matchesAccelerator(key('a', { ctrlKey: true }), 'Cmd+A')).toBe(false);
  });

  it('every MENU accelerator matches its own key event on both platforms', () => {
    for (const acc of ACCELERATORS) {
      const parts = acc.split('+');
      const k = parts.pop() as string;
      for (const isMac of [false, true]) {
        const ev = key(k, {
          ctrlKey: parts.includes('CmdOrCtrl') && !isMac,
          metaKey: parts.includes('CmdOrCtrl') && isMac,
          shiftKey: parts.includes('Shift'),
        });
        expect(matchesAccelerator(ev, acc, isMac), `${acc} mac=${isMac}`).toBe(true);
        // and no other accelerator of the menu
        for (const other of ACCELERATORS) if (other !== acc) expect(matchesAccelerator(ev, other, isMac), `${acc} vs ${other}`).toBe(false);
      }
    }
  });
});

describe('MENU', () => {
  it('every accelerator is unique (case-insensitively)', () => {
    expect(ACCELERATORS.length).toBeGreaterThan(10);
    const norm = ACCELERATORS.map((a) => a.toLowerCase());
    expect(new Set(norm).size).toBe(norm.length);
  });

  it('every id is unique across menus and items', () => {
    const ids = [...MENU.map((m) => m.id), ...ITEMS.map((i) => i.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('device items carry valid device commands; view items valid view commands', () => {
    for (const item of ITEMS) {
      if (item.kind === 'device') expect(DeviceCommandSchema.safeParse(item.command).success).toBe(true);
      if (item.kind === 'view') expect(VIEW_COMMANDS).toContain(item.command);
    }
    const deviceCommands = ITEMS.flatMap((i) => (i.kind === 'device' ? [i.command] : []));
    expect(deviceCommands.sort()).toEqual([...DeviceCommandSchema.options].sort());
  });

  it('View has the Breaker (Ctrl+7) and Fault injection (Ctrl+8) panels', () => {
    const view = MENU.find((m) => m.id === 'view')?.items ?? [];
    expect(view.find((i) => i.id === 'view-breaker')).toEqual({ kind: 'view', id: 'view-breaker', label: 'Breaker panel', accelerator: 'CmdOrCtrl+7', command: 'view-toggle-breaker-panel' });
    expect(view.find((i) => i.id === 'view-faults')).toMatchObject({ kind: 'view', accelerator: 'CmdOrCtrl+8', command: 'view-toggle-faults-panel' });
  });

  it('there is exactly one quit item, CmdOrCtrl+Q', () => {
    const quits = ITEMS.filter((i) => i.kind === 'quit');
    expect(quits).toEqual([{ kind: 'quit', id: 'file-quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' }]);
  });
});

describe('acceleratorLabel', () => {
  it('names the platform modifier', () => {
    expect(acceleratorLabel('CmdOrCtrl+Shift+R')).toBe('Ctrl+Shift+R');
    expect(acceleratorLabel('CmdOrCtrl+Shift+R', true)).toBe('Cmd+Shift+R');
    expect(acceleratorLabel('F5')).toBe('F5');
    expect(acceleratorLabel('Shift+F5', true)).toBe('Shift+F5');
  });
});
