import { describe, expect, it } from 'vitest';
import { defaultConfig } from '@shared/config/app-config.js';
import { newProject, PROJECT_FORMAT, PROJECT_VERSION, projectText, readProject } from '@shared/project/project-file.js';
import { rememberProject } from '@shared/workbench/workbench-file.js';

const LAYOUT = {
  schemaVersion: 1 as const,
  layout: {
    grid: { root: { type: 'leaf' as const, data: { views: ['plot'], activeView: 'plot', id: 'g1' } }, width: 800, height: 600, orientation: 'HORIZONTAL' as const },
    panels: { plot: { id: 'plot', contentComponent: 'plot', title: 'Live plot' } },
  },
};

describe('project files', () => {
  it('round-trips: what is saved opens to the same project', () => {
    const config = defaultConfig();
    config.device.rateHz = 250;
    const p = newProject('Line 3', config, { name: 'Commissioning', layout: LAYOUT });
    const r = readProject(projectText(p));
    expect(r).toEqual({ ok: true, project: p });
    if (r.ok) expect(r.project.config.device.rateHz).toBe(250);
  });

  it('migrates version 1 (the settings file of earlier releases) to the current version, named after the file', () => {
    const v1 = { ...defaultConfig(), version: 1 };
    v1.device = { ...v1.device, rateHz: 123 };
    v1.alarms = { ...v1.alarms, rules: [] };
    const r = readProject(JSON.stringify(v1), 'plant-config');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.format).toBe(PROJECT_FORMAT);
    expect(r.project.version).toBe(PROJECT_VERSION);
    expect(r.project.name).toBe('plant-config');
    expect(r.project.config.device.rateHz).toBe(123);
    expect(r.project.workspace).toBeUndefined();
    // The machine's pipeline tuning is not part of a project.
    expect('pipeline' in r.project.config).toBe(false);
  });

  it('a version 1 file with a bad field is refused naming that field', () => {
    const v1 = { ...defaultConfig(), version: 1, device: { ...defaultConfig().device, rateHz: -5 } };
    const r = readProject(JSON.stringify(v1));
    expect(r).toMatchObject({ ok: false, field: 'config.device.rateHz' });
  });

  it('refuses a project with one bad field, naming the field', () => {
    const p = JSON.parse(projectText(newProject('x', defaultConfig()))) as { config: { device: { channels: number } } };
    p.config.device.channels = 500;
    const r = readProject(JSON.stringify(p));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe('config.device.channels');
      expect(r.message).toMatch(/^The project was not opened: config\.device\.channels: /);
    }
  });

  it('refuses a newer version naming it, other formats and non-JSON', () => {
    const p = { ...newProject('x', defaultConfig()), version: 3 };
    expect(readProject(JSON.stringify(p))).toEqual({
      ok: false,
      field: 'version',
      message: 'The project is from a newer version (project version 3; this version opens up to 2)',
    });
    expect(readProject(JSON.stringify({ format: 'other-app', version: 1 }))).toMatchObject({ ok: false, field: 'format' });
    expect(readProject('not json')).toMatchObject({ ok: false, message: expect.stringMatching(/^The project is not JSON/) });
  });

  it('recent projects: newest first, one per location, at most 8', () => {
    let list = rememberProject([], { name: 'a', location: 'a.json', openedAt: 1 });
    for (let i = 0; i < 10; i++) list = rememberProject(list, { name: `p${i}`, location: `p${i}.json`, openedAt: i + 2 });
    list = rememberProject(list, { name: 'p5 again', location: 'p5.json', openedAt: 99 });
    expect(list.map((r) => r.location)).toEqual(['p5.json', 'p9.json', 'p8.json', 'p7.json', 'p6.json', 'p4.json', 'p3.json', 'p2.json']);
  });
});
