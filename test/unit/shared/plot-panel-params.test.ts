import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@shared/config/app-config.js';
import { newPlot } from '@shared/plots/plot-config.js';
import { newProject, projectText, readProject } from '@shared/project/project-file.js';
import { readSavedLayout, type DockLayout } from '@shared/workbench/layout.js';
import { checkPanelParams, PLOT_PANEL_KIND } from '@shared/workbench/panel-params.js';

const KINDS = ['plot', 'plots', PLOT_PANEL_KIND];

/** Two plot panels side by side, each with its settings in its params. */
function twoPlots(): DockLayout {
  const fft = { ...newPlot('plot-2', 'fft', ['ch3']), fft: { size: 4096 as const, window: 'hamming' as const, scale: 'linear' as const } };
  return {
    grid: {
      root: {
        type: 'branch',
        data: [
          { type: 'leaf', data: { views: ['plot-1'], activeView: 'plot-1', id: 'g1' }, size: 500 },
          { type: 'leaf', data: { views: ['plot-2'], activeView: 'plot-2', id: 'g2' }, size: 500 },
        ],
        size: 600,
      },
      width: 1000,
      height: 600,
      orientation: 'HORIZONTAL',
    },
    panels: {
      'plot-1': { id: 'plot-1', contentComponent: PLOT_PANEL_KIND, title: 'Plot', params: { ...newPlot('plot-1', 'time', ['ch1', 'ch2']), windowSec: 30 } },
      'plot-2': { id: 'plot-2', contentComponent: PLOT_PANEL_KIND, title: 'Spectrum', params: fft },
    },
  };
}

describe('plot panel params', () => {
  it('a layout with valid plot settings is read unchanged, each plot keeping its own', () => {
    const r = readSavedLayout({ schemaVersion: 1, layout: twoPlots() }, KINDS);
    expect(r).toEqual({ ok: true, layout: twoPlots(), notes: [] });
    if (!r.ok || !r.layout) throw new Error('expected a layout');
    expect(r.layout.panels['plot-1']?.params).toMatchObject({ mode: 'time', windowSec: 30, series: [{ channel: 'ch1' }, { channel: 'ch2' }] });
    expect(r.layout.panels['plot-2']?.params).toMatchObject({ mode: 'fft', fft: { size: 4096, window: 'hamming', scale: 'linear' } });
  });

  it('a bad plot setting refuses the whole layout, naming the panel and the field', () => {
    const l = twoPlots();
    const p2 = l.panels['plot-2'];
    if (!p2?.params) throw new Error('fixture');
    p2.params = { ...p2.params, fft: { size: 1000, window: 'hann', scale: 'db' } };
    const r = readSavedLayout({ schemaVersion: 1, layout: l }, KINDS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^the layout is not readable \(layout\.panels\.plot-2\.params\.fft\.size: panel plot-2 \(plot-view\): /);
  });

  it('a plot panel without settings, or with another panel\'s id in them, is refused', () => {
    expect(checkPanelParams('plot-1', PLOT_PANEL_KIND, undefined)).toEqual({ path: [], message: 'panel plot-1 (plot-view) has no settings' });
    expect(checkPanelParams('plot-1', PLOT_PANEL_KIND, newPlot('plot-9', 'time', []))).toEqual({ path: ['id'], message: 'panel plot-1 (plot-view): its settings name another panel (plot-9)' });
    // Kinds without settings are not checked.
    expect(checkPanelParams('device', 'device', { anything: 1 })).toBeNull();
  });

  it('a project whose layout has a bad plot setting is not opened, naming the field', () => {
    const l = twoPlots();
    const p1 = l.panels['plot-1'];
    if (!p1?.params) throw new Error('fixture');
    p1.params = { ...p1.params, series: [{ channel: 'ch1', axis: 3 }] };
    const text = projectText(newProject('Line 3', defaultConfig(), { name: 'Monitoring', layout: { schemaVersion: 1, layout: l } }));
    const r = readProject(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe('workspace.layout.layout.panels.plot-1.params.series');
      expect(r.message).toContain('a series uses an axis the plot does not have');
    }
  });

  it('a project with good plot settings round-trips them exactly', () => {
    const p = newProject('Line 3', defaultConfig(), { name: 'Monitoring', layout: { schemaVersion: 1, layout: twoPlots() } });
    const r = readProject(projectText(p));
    expect(r).toEqual({ ok: true, project: p });
  });
});
