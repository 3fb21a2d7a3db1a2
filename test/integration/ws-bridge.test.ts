// The browser-side WebSocket TelemetryApi against the real host server (with a
// fake engine api): requests, events, binary samples, timeouts and reconnection.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SampleBatch } from '@shared/api/samples.js';
import { WS_PATH } from '@shared/api/wire.js';
import { SNAPSHOT_KEYS, type Snapshot } from '@shared/api/snapshot.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { startHostServer, type HostServer } from '../../src-main/host/server.js';
import { createWsApi, type WsApi } from '../../src-renderer/platform/ws.js';
import { FakeApi, sampleBatch } from '../helpers/fake-api.js';

const logger = pino({ level: 'silent' });
const createSocket = (url: string) => new WebSocket(url);

let api: FakeApi;
let server: HostServer;
let client: WsApi;

async function listen(port = 0): Promise<HostServer> {
  return startHostServer({ api, rendererDir: '/nonexistent', host: '127.0.0.1', port, logger });
}

function connectClient(opts: { requestTimeoutMs?: number } = {}): WsApi {
  return createWsApi(`ws://127.0.0.1:${server.port}${WS_PATH}`, { createSocket, minBackoffMs: 20, maxBackoffMs: 100, ...opts });
}

beforeEach(async () => {
  api = new FakeApi();
  server = await listen();
});

afterEach(async () => {
  client?.close();
  await server.close();
});

describe('createWsApi', () => {
  it('round-trips requests, including validation errors', async () => {
    client = connectClient();
    expect(await client.deviceCommand('start')).toMatchObject({ ok: true, value: { state: 'measuring' } });
    const snap = await client.getSnapshot();
    expect(snap.ok && snap.value.device.state).toBe('measuring');
    const bad = await client.configureDevice({ rateHz: -1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]?.path).toBe('rateHz');
    expect(client.connected).toBe(true);
  });

  it('delivers events by name and decodes binary sample frames', async () => {
    client = connectClient();
    await client.getSnapshot(); // connected and subscribed on the server
    const devices: DeviceStatus[] = [];
    const batches: SampleBatch[] = [];
    client.on('device', (d) => devices.push(d));
    const off = client.on('samples', (b) => batches.push(b));
    api.emit('device', api.status);
    api.emit('samples', sampleBatch(5, 10, 2));
    await expect.poll(() => batches.length).toBe(1);
    expect(devices).toEqual([api.status]);
    expect(batches[0]!.seq).toBe(5);
    expect(batches[0]!.t).toBeInstanceOf(Float64Array);
    expect(Array.from(batches[0]!.y)).toEqual(Array.from(sampleBatch(5, 10, 2).y));
    off();
    api.emit('samples', sampleBatch(6));
    api.emit('device', api.status);
    await expect.poll(() => devices.length).toBe(2);
    expect(batches).toHaveLength(1);
  });

  it('resolves a request the server never answers with a timeout error', async () => {
    client = connectClient({ requestTimeoutMs: 200 });
    api.hang = true;
    const res = await client.getSnapshot();
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/timed out/) } });
  });

  it('reconnects after the server restarts; requests made while down wait; state is replayed', async () => {
    client = connectClient({ requestTimeoutMs: 5000 });
    expect((await client.getSnapshot()).ok).toBe(true);
    const port = server.port;
    await server.close();
    await expect.poll(() => client.connected).toBe(false);

    const devices: DeviceStatus[] = [];
    client.on('device', (d) => devices.push(d));
    const waiting = client.deviceCommand('start');
    await new Promise((r) => setTimeout(r, 150));
    server = await listen(port);

    expect(await waiting).toMatchObject({ ok: true, value: { state: 'measuring' } });
    expect(client.connected).toBe(true);
    // After a reconnect the bridge replays the server's state as events.
    await expect.poll(() => devices.length).toBeGreaterThan(0);
  });

  it('after a host restart the whole snapshot is loaded: breaker, faults and both journals too', async () => {
    client = connectClient({ requestTimeoutMs: 5000 });
    expect((await client.getSnapshot()).ok).toBe(true);
    const port = server.port;
    await server.close();
    await expect.poll(() => client.connected).toBe(false);

    const replayed = new Map<string, unknown>();
    for (const name of SNAPSHOT_KEYS) client.on(name, (payload) => replayed.set(name, payload));
    const resyncs: Snapshot[] = [];
    client.on('resync', (snap) => resyncs.push(snap));
    // The restarted host has new state in every part of the snapshot.
    api = new FakeApi();
    await api.breakerAction({ action: 'isolate' });
    await api.injectFault({ kind: 'corrupt', percent: 5 });
    api.alarmJournal = [{ seq: 1, t: 5, alarmId: 'ch1:level', channel: 0, condition: 'hi', priority: 'high', action: 'occur', from: 'normal', to: 'unack', value: 9, limit: 8, message: 'ch1 high' }];
    server = await listen(port);

    await expect.poll(() => resyncs.length, { timeout: 5000 }).toBe(1);
    const snap = resyncs[0]!;
    expect(snap.breaker.state).toBe('isolated');
    expect(snap.faults.map((f) => f.kind)).toEqual(['corrupt']);
    expect(snap.faultJournal.map((e) => e.action)).toEqual(['injected']);
    expect(snap.alarmJournal.map((e) => e.seq)).toEqual([1]);
    // Every state field is replayed as its own event; the journals (append-only events) come whole in resync.
    expect([...replayed.keys()].sort()).toEqual(SNAPSHOT_KEYS.filter((k) => k !== 'alarmJournal' && k !== 'faultJournal').sort());
    expect(replayed.get('breaker')).toEqual(snap.breaker);
    expect(replayed.get('faults')).toEqual(snap.faults);
  });

  it('fails pending requests when closed', async () => {
    client = connectClient();
    api.hang = true;
    await new Promise((r) => setTimeout(r, 50));
    const pending = client.getSnapshot();
    client.close();
    expect(await pending).toMatchObject({ ok: false, error: { message: expect.stringMatching(/closed/) } });
    expect(await client.getSnapshot()).toMatchObject({ ok: false });
  });
});
