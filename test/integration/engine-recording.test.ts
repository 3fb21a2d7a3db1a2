// The real engine with the recorder: a session follows start/stop, exports stream
// through the host's GET /export/<id>, and an unwritable folder stops recording with
// a clear error while monitoring goes on, then resumes once fixed.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress, RecordingStatus } from '@shared/domain/recording.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { startHostServer, type HostServer } from '../../src-main/host/server.js';
import { parseCsv } from '../helpers/csv-parse.js';
import { tempDir } from '../helpers/recorder.js';
import { testEngineWithRecorder } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;
let server: HostServer;
const progress: ExportProgress[] = [];
const statuses: RecordingStatus[] = [];

beforeAll(async () => {
  dataDir = await tempDir('th-engine-rec-');
  await writeFile(join(dataDir, 'config.json'), JSON.stringify({ version: 1, device: { autoStart: false, rateHz: 1000, channels: 3 } }));
  const logger = pino({ level: 'silent' });
  engine = await createEngine({ dataDir, ...testEngineWithRecorder, logger });
  await engine.start();
  engine.api.on('exportProgress', (p) => progress.push(p));
  engine.api.on('recording', (s) => statuses.push(s));
  server = await startHostServer({ api: engine.api, rendererDir: join(dataDir, 'none'), host: '127.0.0.1', port: 0, logger, exports: { file: (id, part) => engine.exportFile(id, part) } });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
});

async function frames(): Promise<number> {
  const s = await engine.api.getSnapshot();
  return s.ok ? s.value.metrics.framesTotal : 0;
}

describe('engine recording', () => {
  it('records a session from start to stop and streams its CSV export over HTTP', async () => {
    const api = engine.api;
    expect((await api.deviceCommand('connect')).ok).toBe(true);
    expect((await api.deviceCommand('start')).ok).toBe(true);
    await expect.poll(async () => (await api.getRecordingStatus()).ok && statuses.at(-1)?.rowsWritten, { timeout: 15_000 }).toBeGreaterThan(300);
    const during = await api.listSessions();
    expect(during.ok && during.value[0]?.recording).toBe(true);
    await api.deviceCommand('stop');
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value[0]?.endedAt : null;
    }, { timeout: 10_000 }).not.toBeNull();
    const list = await api.listSessions();
    if (!list.ok) throw new Error(list.error.message);
    const s = list.value[0]!;
    expect(s).toMatchObject({ source: 'simulated', interrupted: false, recording: false });
    expect(s.channels.map((c) => c.name)).toEqual(['ch1', 'ch2', 'ch3']);
    expect(s.frames).toBeGreaterThan(300);
    // Every frame measured in the session was recorded, including those still in the pool at Stop.
    const snap = await api.getSnapshot();
    expect(snap.ok && snap.value.stats[0]?.count).toBe(s.frames);
    expect(statuses.at(-1)?.droppedRows).toBe(0);

    const bad = await api.startExport({ sessionId: s.id, delimiter: 'comma', decimal: 'comma' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('decimal: decimal comma needs the semicolon or tab delimiter');
    const missing = await api.startExport({ sessionId: 9999 });
    expect(!missing.ok && missing.error).toMatchObject({ code: 'not-found', message: 'session 9999 does not exist' });

    const started = await api.startExport({ sessionId: s.id, channels: [0, 2], fromMs: s.startedAt, toMs: s.endedAt ?? undefined });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => progress.find((p) => p.exportId === started.value.exportId && p.state !== 'running')?.state, { timeout: 20_000 }).toBe('done');
    const done = progress.find((p) => p.exportId === started.value.exportId && p.state === 'done')!;
    expect(done.rowsDone).toBe(s.frames);
    const res = await fetch(`${server.url}${done.downloadUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(started.value.fileName);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'ch1', 'ch3']);
    expect(rows).toHaveLength(s.frames + 1);
    expect((await fetch(`${server.url}/export/not-an-export`)).status).toBe(404);
    expect((await fetch(`${server.url}${done.downloadUrl}/events`)).status).toBe(404); // no sidecar asked for

    // With the events sidecar: operator actions (start/stop) were journaled into the session.
    const withEvents = await api.startExport({ sessionId: s.id, eventsSidecar: true });
    if (!withEvents.ok) throw new Error(withEvents.error.message);
    await expect.poll(() => progress.find((p) => p.exportId === withEvents.value.exportId && p.state !== 'running')?.state, { timeout: 20_000 }).toBe('done');
    const evDone = progress.find((p) => p.exportId === withEvents.value.exportId && p.state === 'done')!;
    expect(evDone.eventsUrl).toBe(`/export/${evDone.exportId}/events`);
    const ev = await fetch(`${server.url}${evDone.eventsUrl}`);
    expect(ev.status).toBe(200);
    const evRows = parseCsv((await ev.text()).replace(/^\uFEFF/, ''));
    expect(evRows.slice(1).map((r) => [r[2], JSON.parse(r[3] ?? '{}').command])).toEqual([['operator', 'start'], ['operator', 'stop']]);

    const h = await api.historyQuery({ sessionId: s.id, buckets: 50 });
    expect(h.ok && h.value.frames).toBe(s.frames);
    expect((await api.renameSession({ sessionId: s.id, name: '  ' })).ok).toBe(false);
    expect((await api.deleteSession({ sessionId: s.id })).ok).toBe(true);
  });

  it('a Stop followed at once by a Start ends the session and records the rest into a new one', async () => {
    const api = engine.api;
    const before = await api.listSessions();
    const known = new Set(before.ok ? before.value.map((x) => x.id) : []);
    const measured = async (): Promise<number> => {
      const snap = await api.getSnapshot();
      return snap.ok ? (snap.value.stats[0]?.count ?? 0) : NaN;
    };
    const framesBefore = await measured();
    await api.deviceCommand('start');
    await expect.poll(() => statuses.at(-1)?.rowsWritten ?? 0, { timeout: 15_000 }).toBeGreaterThan(300);
    // No await between them: the second command arrives while the first session's batches are still in the pool.
    const [stop, start] = await Promise.all([api.deviceCommand('stop'), api.deviceCommand('start')]);
    expect(stop.ok && start.ok).toBe(true);
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value.filter((x) => !known.has(x.id)).length : 0;
    }, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => statuses.at(-1)?.rowsWritten ?? 0, { timeout: 15_000 }).toBeGreaterThan(300);
    await api.deviceCommand('stop');
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value.filter((x) => !known.has(x.id) && x.endedAt !== null).length : 0;
    }, { timeout: 10_000 }).toBe(2);
    const list = await api.listSessions();
    if (!list.ok) throw new Error(list.error.message);
    const [second, first] = list.value.filter((x) => !known.has(x.id));
    expect(first!.id).toBeLessThan(second!.id);
    expect(first!.endedAt).toBeLessThanOrEqual(second!.startedAt);
    expect(first!.frames).toBeGreaterThan(300);
    expect(second!.frames).toBeGreaterThan(300);
    // Every frame measured over both runs is in exactly one of the two sessions.
    expect(first!.frames + second!.frames).toBe((await measured()) - framesBefore);
    expect(statuses.at(-1)?.droppedRows).toBe(0);
  });

  it('records alarm journal entries as events of the session they happened in', async () => {
    const api = engine.api;
    // ch1 is a unit sine: a Hi limit at 0.5 is crossed every period.
    expect((await api.updateConfig({ alarms: { rules: [{ channel: 0, hi: { value: 0.5 }, priority: 'high', message: 'ch1 high' }] } })).ok).toBe(true);
    await api.deviceCommand('start');
    const alarms: number[] = [];
    const off = api.on('alarmJournal', (entries) => alarms.push(entries.length));
    await expect.poll(() => alarms.length, { timeout: 15_000 }).toBeGreaterThan(0);
    off();
    await api.deviceCommand('stop');
    expect((await api.updateConfig({ alarms: { rules: [] } })).ok).toBe(true);
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value[0]?.endedAt : null;
    }, { timeout: 10_000 }).not.toBeNull();
    const list = await api.listSessions();
    if (!list.ok) throw new Error(list.error.message);
    const started = await api.startExport({ sessionId: list.value[0]!.id, eventsSidecar: true });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => progress.find((p) => p.exportId === started.value.exportId && p.state !== 'running')?.state, { timeout: 20_000 }).toBe('done');
    const done = progress.find((p) => p.exportId === started.value.exportId && p.state === 'done')!;
    const rows = parseCsv((await (await fetch(`${server.url}${done.eventsUrl}`)).text()).replace(/^\uFEFF/, '')).slice(1);
    const alarmRows = rows.filter((r) => r[2] === 'alarm').map((r) => JSON.parse(r[3] ?? '{}') as { alarmId: string; condition: string; to: string });
    expect(alarmRows.length).toBeGreaterThan(0);
    expect(alarmRows[0]).toMatchObject({ alarmId: 'ch1:level', condition: 'hi', to: 'unack' });
  });

  it('an annotation is stored as an event of the session being recorded and exported with the events sidecar; none without a session', async () => {
    const api = engine.api;
    const idle = await api.addAnnotation({ t: Date.now(), text: 'not recording' });
    expect(idle.ok ? 'accepted' : idle.error.code).toBe('invalid-state');
    await api.deviceCommand('start');
    await expect.poll(() => frames(), { timeout: 10_000 }).toBeGreaterThan(100);
    const at = Date.now() - 50;
    const added = await api.addAnnotation({ t: at, text: 'valve opened; "check" later' });
    expect(added).toEqual({ ok: true, value: { t: at, text: 'valve opened; "check" later' } });
    const empty = await api.addAnnotation({ t: at, text: '   ' });
    expect(empty.ok ? 'accepted' : empty.error.message).toMatch(/text: the note is empty/);
    await api.deviceCommand('stop');
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value[0]?.endedAt : null;
    }, { timeout: 10_000 }).not.toBeNull();
    const list = await api.listSessions();
    if (!list.ok) throw new Error(list.error.message);
    const started = await api.startExport({ sessionId: list.value[0]!.id, eventsSidecar: true });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => progress.find((p) => p.exportId === started.value.exportId && p.state !== 'running')?.state, { timeout: 20_000 }).toBe('done');
    const done = progress.find((p) => p.exportId === started.value.exportId && p.state === 'done')!;
    const rows = parseCsv((await (await fetch(`${server.url}${done.eventsUrl}`)).text()).replace(/^\uFEFF/, '')).slice(1);
    const notes = rows.filter((r) => r[2] === 'annotation');
    expect(notes).toHaveLength(1);
    expect(JSON.parse(notes[0]?.[3] ?? '{}')).toEqual({ text: 'valve opened; "check" later' });
    expect(notes[0]?.[0]).toBe(new Date(at).toISOString().replace('Z', '000Z'));
  });

  it('records the fault journal and breaker transitions; the session cut by SafeState keeps its rows and a new one follows', async () => {
    const api = engine.api;
    expect((await api.updateConfig({ resilience: { breaker: { windowMs: 300, halfOpenInitialMs: 200, halfOpenMaxMs: 400, probeTimeoutMs: 1500 } } })).ok).toBe(true);
    const before = await api.listSessions();
    const known = new Set(before.ok ? before.value.map((x) => x.id) : []);
    await api.deviceCommand('start');
    await expect.poll(() => statuses.at(-1)?.rowsWritten ?? 0, { timeout: 15_000 }).toBeGreaterThan(200);
    const breaker: string[] = [];
    const off = api.on('breaker', (b) => breaker.push(b.state));
    const injected = await api.injectFault({ kind: 'corrupt', percent: 60, durationMs: 1500 });
    expect(injected.ok).toBe(true);
    await expect.poll(() => breaker.includes('open'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => breaker.at(-1), { timeout: 20_000 }).toBe('closed');
    off();
    await expect.poll(frames, { timeout: 10_000 }).toBeGreaterThan(0);
    await api.deviceCommand('stop');
    expect((await api.updateConfig({ resilience: { breaker: {} } })).ok).toBe(true);
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value.filter((x) => !known.has(x.id) && x.endedAt !== null).length : 0;
    }, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const list = await api.listSessions();
    if (!list.ok) throw new Error(list.error.message);
    // Newest first: [after recovery, cut by SafeState].
    const fresh = list.value.filter((x) => !known.has(x.id));
    const cut = fresh[fresh.length - 1]!;
    expect(cut.frames).toBeGreaterThan(200);
    expect(cut.interrupted).toBe(false);
    const started = await api.startExport({ sessionId: cut.id, eventsSidecar: true });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => progress.find((p) => p.exportId === started.value.exportId && p.state !== 'running')?.state, { timeout: 20_000 }).toBe('done');
    const done = progress.find((p) => p.exportId === started.value.exportId && p.state === 'done')!;
    const rows = parseCsv((await (await fetch(`${server.url}${done.eventsUrl}`)).text()).replace(/^\uFEFF/, '')).slice(1);
    const faults = rows.filter((r) => r[2] === 'fault').map((r) => JSON.parse(r[3] ?? '{}') as { kind: string; action: string; params: Record<string, unknown> });
    expect(faults.map((f) => f.action)).toEqual(expect.arrayContaining(['injected', 'started']));
    expect(faults[0]).toMatchObject({ kind: 'corrupt', params: { percent: 60, durationMs: 1500 } });
    const trips = rows.filter((r) => r[2] === 'breaker').map((r) => JSON.parse(r[3] ?? '{}') as { to: string; reason: string });
    expect(trips[0]).toMatchObject({ to: 'open' });
    expect(trips[0]?.reason).toMatch(/rejected frames/);
  });

  it('an unwritable recording folder stops recording with a clear error; monitoring goes on; fixing it resumes', async () => {
    const api = engine.api;
    const blocker = join(dataDir, 'a-file');
    await writeFile(blocker, 'x');
    expect((await api.updateConfig({ recording: { folder: join(blocker, 'rec') } })).ok).toBe(true);
    await expect.poll(() => statuses.at(-1)?.lastError ?? '', { timeout: 10_000 }).toMatch(/Recording stopped: .*a-file/);
    await api.deviceCommand('start');
    const before = await frames();
    await expect.poll(frames, { timeout: 10_000 }).toBeGreaterThan(before + 200); // monitoring continues
    await expect.poll(() => statuses.at(-1)?.droppedRows ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(statuses.at(-1)?.active).toBe(false);

    // The operator points it back to a good folder: recording resumes, earlier sessions are intact.
    expect((await api.updateConfig({ recording: { folder: '' } })).ok).toBe(true);
    await expect.poll(() => statuses.at(-1)?.lastError, { timeout: 10_000 }).toBeNull();
    const r = await api.resumeRecording();
    expect(r.ok).toBe(true);
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value.find((x) => x.recording)?.frames ?? 0 : 0;
    }, { timeout: 15_000 }).toBeGreaterThan(100);
    // Switching folders while measuring closes the session there and continues in a new one here.
    const other = join(dataDir, 'other');
    expect((await api.updateConfig({ recording: { folder: other } })).ok).toBe(true);
    await expect.poll(async () => {
      const l = await api.listSessions();
      return l.ok ? l.value.find((x) => x.recording)?.frames ?? 0 : 0;
    }, { timeout: 15_000 }).toBeGreaterThan(100);
    expect(statuses.at(-1)?.dbPath).toBe(join(other, 'recordings.duckdb'));
    await api.deviceCommand('stop');
  });
});
