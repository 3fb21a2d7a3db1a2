import { describe, expect, it } from 'vitest';
import { RecordingSettingsSchema } from '@shared/config/app-config.js';
import { folderPathProblem, recordingFolderProblem } from '@shared/config/folder-path.js';

describe('folderPathProblem', () => {
  it('accepts absolute local paths', () => {
    expect(folderPathProblem('/data/telemetry')).toBeUndefined();
    expect(folderPathProblem('C:\\Data\\Telemetry')).toBeUndefined();
    expect(folderPathProblem('D:/x', 'win32')).toBeUndefined();
    expect(folderPathProblem('/srv/x', 'posix')).toBeUndefined();
  });

  it('refuses relative paths, naming the path', () => {
    expect(folderPathProblem('../../etc')).toBe('"../../etc" is not an absolute path: give the full path (e.g. /data/telemetry or C:\\Data\\Telemetry)');
    expect(folderPathProblem('data')).toMatch(/not an absolute path/);
    expect(folderPathProblem('C:data')).toMatch(/not an absolute path/);
    // Each OS only its own absolute form.
    expect(folderPathProblem('C:\\Data', 'posix')).toMatch(/not an absolute path/);
    expect(folderPathProblem('/data', 'win32')).toMatch(/not an absolute path/);
  });

  it('refuses UNC and device paths', () => {
    for (const p of ['\\\\server\\share\\rec', '//server/share', '\\\\?\\UNC\\server\\share', '\\\\.\\pipe\\x', '\\\\?\\C:\\x']) {
      expect(folderPathProblem(p), p).toMatch(/is a network \(UNC\) or device path: choose a folder on a local drive/);
    }
  });

  it('refuses .. segments, NUL and empty', () => {
    expect(folderPathProblem('/data/../etc')).toMatch(/contains ".."/);
    expect(folderPathProblem('/data\0x')).toBe('must not contain a NUL character');
    expect(folderPathProblem('  ')).toBe('must not be empty');
    expect(recordingFolderProblem('')).toBeUndefined();
  });
});

describe('recording.folder in the shared schema', () => {
  it('rejects a relative or UNC folder with a message naming it', () => {
    const rel = RecordingSettingsSchema.safeParse({ folder: '../../etc' });
    expect(rel.success).toBe(false);
    expect(rel.error?.issues[0]).toMatchObject({ path: ['folder'], message: expect.stringContaining('"../../etc" is not an absolute path') });
    expect(RecordingSettingsSchema.safeParse({ folder: '\\\\evil\\share' }).success).toBe(false);
    expect(RecordingSettingsSchema.parse({ folder: '/var/rec' }).folder).toBe('/var/rec');
    expect(RecordingSettingsSchema.parse({}).folder).toBe('');
  });
});
