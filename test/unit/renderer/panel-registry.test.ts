import { describe, expect, it } from 'vitest';
import { MENU } from '@shared/ui/menu.js';
import { PANELS, panelForCommand } from '@shared/ui/panels.js';
import { buildRegistry, PANEL_DEFINITIONS, PANEL_REGISTRY } from '../../../src-renderer/app/panelRegistry';
import { findShortcut } from '../../../src-renderer/app/shortcuts';

const noop = () => null;

describe('panel registry', () => {
  it('has every shared panel kind exactly once, in the shared order, with its component', () => {
    expect(PANEL_REGISTRY.map((p) => p.id)).toEqual(PANELS.map((p) => p.id));
    for (const p of PANEL_REGISTRY) expect(typeof p.component).toBe('function');
    expect(PANEL_REGISTRY.find((p) => p.id === 'breaker')).toMatchObject({ title: 'Breaker', accelerator: 'CmdOrCtrl+7', command: 'view-toggle-breaker-panel', defaultDock: 'right' });
    expect(PANEL_REGISTRY.find((p) => p.id === 'plot')?.defaultDock).toBe('center');
  });

  it('refuses a panel kind without a component and one declared twice', () => {
    const withoutPlot = PANEL_DEFINITIONS.filter((d) => d.id !== 'plot');
    expect(() => buildRegistry(withoutPlot)).toThrow('panel plot has no component');
    expect(() => buildRegistry([...PANEL_DEFINITIONS, { id: 'device', defaultDock: 'left', component: noop }])).toThrow('panel device is declared twice');
  });

  it('drives the View menu: one item per panel with its accelerator and command', () => {
    const view = MENU.find((m) => m.id === 'view')?.items ?? [];
    for (const p of PANEL_REGISTRY) {
      expect(view).toContainEqual({ kind: 'view', id: `view-${p.id}`, label: `${p.title} panel`, accelerator: p.accelerator, command: p.command });
      expect(panelForCommand(p.command)).toBe(p.id);
    }
  });

  it('drives the shortcuts: each accelerator finds its panel command', () => {
    for (const p of PANEL_REGISTRY) {
      const parts = (p.accelerator ?? '').split('+');
      const key = parts.pop() ?? '';
      expect(findShortcut({ key, ctrlKey: true, metaKey: false, shiftKey: parts.includes('Shift'), altKey: false }, false)).toMatchObject({ command: p.command });
    }
  });
});
