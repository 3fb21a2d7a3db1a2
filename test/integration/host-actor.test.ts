// The real engine behind a token-protected host: operator actions sent over the
// WebSocket are journaled with who did them (token name and client address), both
// in the fault journal and in the recorded session's events.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FaultJournalEntry } from '@shared/domain/faults.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { ExportProgress, SessionInfo } from '@shared/domain/recording.js';
import { WS_PATH } from '@shared/api/wire.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { startHostServer, type HostServer } from '../../src-main/host/server.js';
import { parseCsv } from '../helpers/csv-parse.js';
import { tempDir } from '../helpers/recorder.js';
import { testEngineWithRecorder } from '../helpers/worker.js';

const TOKEN = 'actor-test-token-0123456789';
let dataDir: string;
let engine: Engine;
let server: HostServer;

beforeAll(async () => {
  dataDir = await tempDir('th-host-actor-');
  await writeFile(join(dataDir, 'config.json'), JSON.stringify({ version: 1, device: { autoStart: false, rateHz: 500, channels: 2 } }));
  const logger = pino({ level: 'silent' });
  engine = await createEngine({ dataDir, ...testEngineWithRecorder, logger });
  await engine.start();
  server = await startHostServer({ api: engine.api, rendererDir: join(dataDir, 'none'), host: '127.0.0.1', port: 0, logger, token: TOKEN, exports: { file: (id, part) => engine.exportFile(id, part) } });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
});

async function connect() {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}?token=${TOKEN}`);
  const replies = new Map<number, ApiResult<unknown>>();
  const events: { event: string; payload: unknown }[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const msg = JSON.parse(String(data)) as { type: string; id: number; result: ApiResult<unknown>; event: string; payload: unknown };
    if (msg.type === 'res') replies.set(msg.id, msg.result);
    else events.push({ event: msg.event, payload: msg.payload });
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const id = next++;
    ws.send(JSON.stringify({ type: 'req', id, method, input }));
    await expect.poll(() => replies.has(id), { timeout: 10_000 }).toBe(true);
    const r = replies.get(id)!;
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  return { ws, call, events };
}

describe('operator identity', () => {
  it('journals faults and session operator events with the token name and client address', async () => {
    const c = await connect();
    await c.call('deviceCommand', 'connect');
    await c.call('deviceCommand', 'start');
    await expect.poll(async () => (await engine.api.getRecordingStatus()).ok && (await engine.api.getRecordingStatus()), { timeout: 15_000 }).toMatchObject({ value: { active: true } });
    await c.call('injectFault', { kind: 'drop', percent: 10, durationMs: 200 });
    const injected = () => c.events.filter((e) => e.event === 'faultJournal').flatMap((e) => e.payload as FaultJournalEntry[]).find((e) => e.action === 'injected');
    await expect.poll(() => injected()?.operator).toBe('operator@127.0.0.1');
    expect(injected()?.message).toContain('injected by operator@127.0.0.1');
    await c.call('deviceCommand', 'stop');
    await expect.poll(async () => (await c.call<SessionInfo[]>('listSessions'))[0]?.endedAt ?? null, { timeout: 10_000 }).not.toBeNull();
    const session = (await c.call<SessionInfo[]>('listSessions'))[0]!;
    const started = await c.call<{ exportId: string }>('startExport', { sessionId: session.id, eventsSidecar: true });
    await expect.poll(() => c.events.some((e) => e.event === 'exportProgress' && (e.payload as ExportProgress).exportId === started.exportId && (e.payload as ExportProgress).state === 'done'), { timeout: 20_000 }).toBe(true);
    const res = await fetch(`${server.url}/export/${started.exportId}/events?token=${TOKEN}`);
    expect(res.status).toBe(200);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, '')).slice(1);
    const operatorEvents = rows.filter((r) => r[2] === 'operator').map((r) => JSON.parse(r[3] ?? '{}') as { command?: string; operator?: string });
    expect(operatorEvents.map((e) => [e.command, e.operator])).toEqual([
      ['start', 'operator@127.0.0.1'],
      ['stop', 'operator@127.0.0.1'],
    ]);
    const faultRows = rows.filter((r) => r[2] === 'fault').map((r) => JSON.parse(r[3] ?? '{}') as FaultJournalEntry);
    expect(faultRows.find((f) => f.action === 'injected')?.operator).toBe('operator@127.0.0.1');
    c.ws.close();
  });

  it('the in-process api (the desktop app) still journals the OS user', async () => {
    await engine.api.deviceCommand('start');
    const r = await engine.api.injectFault({ kind: 'drop', percent: 10, durationMs: 100 });
    expect(r.ok).toBe(true);
    const snap = await engine.api.getSnapshot();
    const last = snap.ok ? snap.value.faultJournal.filter((e) => e.action === 'injected').at(-1) : undefined;
    expect(last?.operator).not.toContain('@');
    expect(last?.operator).toBe((await import('node:os')).userInfo().username);
    await engine.api.deviceCommand('stop');
  });
});
