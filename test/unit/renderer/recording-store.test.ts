import { emptyRecordingStatus, type SessionInfo } from '@shared/domain/recording.js';
import { describe, expect, it } from 'vitest';
import { createRecordingStore } from '../../../src-renderer/features/recording/recordingStore';
import { FakeApi } from '../../helpers/fake-api.js';

const flush = () => new Promise((r) => setTimeout(r, 0));
const session = (id: number): SessionInfo => ({ id, name: `S${id}`, source: 'simulated', startedAt: 1, endedAt: 2, frames: 10, channels: [], interrupted: false, sizeBytes: 1, recording: false });

describe('recording store', () => {
  it('follows recording status, refreshes sessions when a session starts, tracks exports', async () => {
    const api = new FakeApi();
    api.sessions = [session(1)];
    const store = createRecordingStore(api);
    const off = store.getState().actions.connect();
    await flush();
    expect(store.getState().sessions.map((s) => s.id)).toEqual([1]);
    api.sessions = [session(2), session(1)];
    api.emit('recording', { ...emptyRecordingStatus(), enabled: true, active: true, sessionId: 2 });
    await flush();
    expect(store.getState().status?.sessionId).toBe(2);
    expect(store.getState().sessions.map((s) => s.id)).toEqual([2, 1]);

    const r = await store.getState().actions.startExport({ sessionId: 2 });
    expect(r.ok).toBe(true);
    expect(store.getState().activeExportId).toBe('fake-export');
    const p = { exportId: 'fake-export', sessionId: 2, format: 'csv' as const, state: 'running' as const, rowsDone: 5, rowsTotal: 10, rowsPerSec: 5, etaSec: 1, fileName: 'f.csv', bytes: 0, downloadUrl: null, eventsUrl: null, error: null };
    api.emit('exportProgress', p);
    api.emit('exportProgress', { ...p, state: 'done', rowsDone: 10 });
    expect(store.getState().exports).toHaveLength(1);
    expect(store.getState().exports[0]?.state).toBe('done');

    await store.getState().actions.remove(1);
    expect(api.calls.some((c) => c.method === 'deleteSession')).toBe(true);
    expect(store.getState().sessions.map((s) => s.id)).toEqual([2]);
    off();
  });

  it('shows a rename error and keeps the name', async () => {
    const api = new FakeApi();
    const store = createRecordingStore(api);
    const r = await store.getState().actions.rename(99, 'x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('session 99 does not exist');
  });
});
