import { describe, expect, it } from 'vitest';
import { LAYOUT_SCHEMA_VERSION, migrateLayout, readSavedLayout, sanitizeLayout, SavedLayoutSchema, type DockLayout } from '@shared/workbench/layout.js';

const KINDS = ['plot', 'device', 'alarms', 'console'];

/** plot | (device over [alarms, console tabbed]) */
function layout(): DockLayout {
  return {
    grid: {
      root: {
        type: 'branch',
        data: [
          { type: 'leaf', data: { views: ['plot'], activeView: 'plot', id: 'g1' }, size: 600 },
          {
            type: 'branch',
            data: [
              { type: 'leaf', data: { views: ['device'], activeView: 'device', id: 'g2' }, size: 300 },
              { type: 'leaf', data: { views: ['alarms', 'console'], activeView: 'console', id: 'g3' }, size: 300 },
            ],
            size: 400,
          },
        ],
        size: 600,
      },
      width: 1000,
      height: 600,
      orientation: 'HORIZONTAL',
    },
    panels: {
      plot: { id: 'plot', contentComponent: 'plot', title: 'Live plot' },
      device: { id: 'device', contentComponent: 'device', title: 'Device' },
      alarms: { id: 'alarms', contentComponent: 'alarms', title: 'Alarms' },
      console: { id: 'console', contentComponent: 'console', title: 'Console' },
    },
    activeGroup: 'g3',
  };
}

describe('saved layouts', () => {
  it('a current layout passes through unchanged', () => {
    const saved = { schemaVersion: LAYOUT_SCHEMA_VERSION, layout: layout() };
    expect(readSavedLayout(saved, KINDS)).toEqual({ ok: true, layout: layout(), notes: [] });
  });

  it('version 0 (bare dockview JSON) is wrapped, and renamed panel kinds get their current name', () => {
    const old = layout();
    old.panels.plot = { id: 'plot', contentComponent: 'chart', title: 'Chart' };
    const migrated = SavedLayoutSchema.parse(migrateLayout(old));
    expect(migrated.schemaVersion).toBe(1);
    expect(migrated.layout.panels.plot?.contentComponent).toBe('plot');
  });

  it('a panel kind this version does not have is dropped, its group goes, and the notes say which', () => {
    const l = layout();
    l.panels.console = { id: 'console', contentComponent: 'waterfall', title: 'Waterfall' };
    const r = readSavedLayout({ schemaVersion: 1, layout: l }, KINDS);
    expect(r.ok).toBe(true);
    if (!r.ok || !r.layout) throw new Error('expected a layout');
    expect(Object.keys(r.layout.panels)).toEqual(['plot', 'device', 'alarms']);
    expect(r.notes).toEqual(['dropped panels this version does not have: waterfall']);
    // The tab group keeps alarms, now its active view.
    const branch = r.layout.grid.root.type === 'branch' ? r.layout.grid.root.data[1] : undefined;
    expect(branch?.type === 'branch' ? branch.data[1] : undefined).toMatchObject({ data: { views: ['alarms'], activeView: 'alarms' } });
  });

  it('a layout with nothing known left yields no layout (the caller loads the default)', () => {
    const s = sanitizeLayout(layout(), ['metrics']);
    expect(s.layout).toBeNull();
    expect(s.dropped.sort()).toEqual(['alarms', 'console', 'device', 'plot']);
  });

  it('pop-out groups are left out and counted', () => {
    const l = { ...layout(), popoutGroups: [{ data: { views: ['x'], id: 'g9' }, position: null }] };
    l.panels.x = { id: 'x', contentComponent: 'device', title: 'Device' };
    const s = sanitizeLayout(l, KINDS);
    expect(s.poppedOut).toBe(1);
    expect(s.layout?.popoutGroups).toBeUndefined();
    expect(Object.keys(s.layout?.panels ?? {})).not.toContain('x');
  });

  it('corrupt and newer layouts are refused with the reason', () => {
    expect(readSavedLayout('{{{', KINDS)).toMatchObject({ ok: false });
    const r = readSavedLayout({ schemaVersion: 1, layout: { grid: { root: { type: 'leaf' } }, panels: {} } }, KINDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^the layout is not readable \(layout\.grid/);
    expect(readSavedLayout({ schemaVersion: 7, layout: layout() }, KINDS)).toEqual({
      ok: false,
      message: 'the layout is from a newer version (layout version 7; this version reads up to 1)',
    });
  });
});
