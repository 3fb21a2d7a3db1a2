// Electron's save dialog for finished exports, against the fake electron module.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportProgress } from '@shared/domain/recording.js';
import { describe, expect, it } from 'vitest';
import { installExportSave } from '../../../src-main/electron/export-save.js';
import { FakeApi } from '../../helpers/fake-api.js';
import { createFakeElectron } from './fake-electron.js';

function done(exportId: string): ExportProgress {
  return { exportId, sessionId: 1, format: 'csv', state: 'done', rowsDone: 3, rowsTotal: 3, rowsPerSec: 1, etaSec: 0, fileName: 'Run_1.csv', bytes: 10, downloadUrl: '/export/x', eventsUrl: null, error: null };
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'th-save-'));
  const src = join(dir, 'finished.csv');
  await writeFile(src, 'a,b\r\n1,2\r\n');
  const events = join(dir, 'finished.events.csv');
  await writeFile(events, 'ev\r\n');
  const electron = createFakeElectron();
  const api = new FakeApi();
  const errors: string[] = [];
  const saved: string[] = [];
  const removed: string[] = [];
  const off = installExportSave({
    onCopied: async (p) => void removed.push(p),
    api,
    exportFile: async (id, part) => (id !== 'e1' ? undefined : part === 'events' ? { path: events, fileName: 'Run_1.events.csv' } : { path: src, fileName: 'Run_1.csv' }),
    showSaveDialog: (o) => electron.dialog.showSaveDialog(o),
    defaultDir: electron.app.getPath('downloads'),
    onSaved: (p) => saved.push(p),
    onError: (m) => errors.push(m),
  });
  return { dir, electron, api, errors, saved, removed, src, events, off };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('export save dialog', () => {
  it('asks where to save a finished export and copies the file there', async () => {
    const { dir, electron, api, saved } = await setup();
    const target = join(dir, 'chosen.csv');
    electron.dialog.saveAnswer = { canceled: false, filePath: target };
    api.emit('exportProgress', { ...done('e1'), state: 'running' });
    await settle();
    expect(electron.dialog.saveRequests).toHaveLength(0);
    api.emit('exportProgress', done('e1'));
    api.emit('exportProgress', done('e1')); // once per export
    await settle();
    expect(electron.dialog.saveRequests).toEqual([{ title: 'Save export', defaultPath: '/fake/downloads/Run_1.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] }]);
    expect(await readFile(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(saved).toEqual([target]);
  });

  it('saves the events sidecar next to the chosen file', async () => {
    const { dir, electron, api } = await setup();
    electron.dialog.saveAnswer = { canceled: false, filePath: join(dir, 'mine.csv') };
    api.emit('exportProgress', { ...done('e1'), eventsUrl: '/export/e1/events' });
    await settle();
    expect(await readFile(join(dir, 'mine.events.csv'), 'utf8')).toBe('ev\r\n');
  });

  it('hands the export\'s own files over for removal once both are copied, not when cancelled', async () => {
    const { dir, electron, api, removed, src, events } = await setup();
    electron.dialog.saveAnswer = { canceled: true };
    api.emit('exportProgress', done('e1'));
    await settle();
    expect(removed).toEqual([]);
    const again = await setup();
    again.electron.dialog.saveAnswer = { canceled: false, filePath: join(dir, 'kept.csv') };
    again.api.emit('exportProgress', { ...done('e1'), eventsUrl: '/export/e1/events' });
    await settle();
    expect(again.removed).toEqual([again.src, again.events]);
    expect([src, events]).not.toContain(again.src);
  });

  it('does nothing when the operator cancels; names a vanished file', async () => {
    const { electron, api, saved, errors } = await setup();
    electron.dialog.saveAnswer = { canceled: true };
    api.emit('exportProgress', done('e1'));
    api.emit('exportProgress', done('gone'));
    await settle();
    expect(saved).toEqual([]);
    expect(errors).toEqual(['export gone: the finished file is gone']);
  });
});
