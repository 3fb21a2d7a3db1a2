// Who gets into the host: tokens on a network bind, the viewer's read-only role,
// Host and Origin allowlists, client/request/export limits and export cleanup.
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiResult } from '@shared/domain/result.js';
import { decodeSampleBatch } from '@shared/api/samples.js';
import { WS_PATH } from '@shared/api/wire.js';
import { startHostServer, type HostServer, type HostServerOptions } from '../../src-main/host/server.js';
import { FakeApi, sampleBatch } from '../helpers/fake-api.js';

const TOKEN = 'operator-token-0123456789';
const VIEWER = 'viewer-token-0123456789ab';
// An any-interface bind whose "interfaces" are fixed, so the test does not depend on the machine.
const NAMES = { interfaces: { eth0: [{ address: '192.0.2.10', family: 'IPv4' as const, internal: false, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }] }, hostname: 'bench-pc' };

let dir: string;
let api: FakeApi;
let server: HostServer;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'th-access-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server?.close();
});

async function start(extra: Partial<HostServerOptions> = {}): Promise<void> {
  api = new FakeApi();
  server = await startHostServer({ api, rendererDir: dir, host: '0.0.0.0', port: 0, logger: pino({ level: 'silent' }), token: TOKEN, viewerToken: VIEWER, names: NAMES, ...extra });
}

interface Res {
  status: number;
  body: string;
}
function get(path: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Status of an upgrade attempt: 101 when it opened, else the HTTP status and the body (the reason). */
function upgrade(query = '', headers: Record<string, string> = {}): Promise<{ status: number; body: string; ws: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}${query}`, { headers });
    sockets.push(ws);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ws }));
    });
    ws.on('open', () => resolve({ status: 101, body: '', ws }));
    ws.on('error', () => undefined);
  });
}

/** An open, authenticated client that collects replies and events. */
async function client(token: string) {
  const { status, ws } = await upgrade(`?token=${token}`);
  expect(status).toBe(101);
  ws.binaryType = 'arraybuffer';
  const replies = new Map<number, ApiResult<unknown>>();
  const binary: ArrayBuffer[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return void binary.push(data as ArrayBuffer);
    const msg = JSON.parse(String(data)) as { type: string; id: number; result: ApiResult<unknown> };
    if (msg.type === 'res') replies.set(msg.id, msg.result);
  });
  let nextId = 1;
  const call = async (method: string, input?: unknown): Promise<ApiResult<unknown>> => {
    const id = nextId++;
    ws.send(JSON.stringify({ type: 'req', id, method, input }));
    await expect.poll(() => replies.has(id), { timeout: 3000 }).toBe(true);
    return replies.get(id)!;
  };
  const send = (method: string, input?: unknown): number => {
    const id = nextId++;
    ws.send(JSON.stringify({ type: 'req', id, method, input }));
    return id;
  };
  return { ws, call, send, replies, binary };
}

describe('host tokens', () => {
  it('refuses to listen beyond loopback without a token', async () => {
    await expect(startHostServer({ api: new FakeApi(), rendererDir: dir, host: '0.0.0.0', port: 0, logger: pino({ level: 'silent' }) })).rejects.toThrow(
      /binding to 0\.0\.0\.0 needs an access token/,
    );
    await expect(start({ token: 'short' })).rejects.toThrow(/--token must be at least 16 characters/);
  });

  it('answers 401 to an upgrade without a token or with a wrong one, and lets the right one in', async () => {
    await start();
    expect(await upgrade()).toMatchObject({ status: 401, body: 'unauthorized: an access token is required\n' });
    expect(await upgrade('?token=wrong-token-000000000000')).toMatchObject({ status: 401, body: 'unauthorized: wrong access token\n' });
    expect((await upgrade('', { authorization: `Bearer ${TOKEN}` })).status).toBe(101);
    expect((await upgrade(`?token=${TOKEN}`)).status).toBe(101);
    expect(api.calls).toEqual([]);
  });

  it('guards /metrics and /export with the token, leaves /healthz and the UI shell open', async () => {
    await start({ metrics: { contentType: 'text/plain', metrics: async () => 'telemetryhub_up 1\n' } });
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics?token=nope-nope-nope-nope')).status).toBe(401);
    expect(await get('/metrics', { authorization: `Bearer ${TOKEN}` })).toEqual({ status: 200, body: 'telemetryhub_up 1\n' });
    expect((await get('/export/abc')).status).toBe(401);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/')).status).toBe(200);
  });
});

describe('host Host and Origin checks', () => {
  it('refuses a foreign Host on HTTP and on the upgrade, accepts the machine own names', async () => {
    await start();
    const port = server.port;
    const foreign = await get('/healthz', { host: `evil.example:${port}` });
    expect(foreign.status).toBe(200); // health needs no Host check: it answers nothing private
    expect(await get('/', { host: `evil.example:${port}` })).toMatchObject({ status: 403, body: expect.stringContaining('Host "evil.example:') });
    expect((await get('/metrics', { host: `evil.example:${port}`, authorization: `Bearer ${TOKEN}` })).status).toBe(403);
    expect((await upgrade(`?token=${TOKEN}`, { host: `evil.example:${port}` })).status).toBe(403);
    // Another port on a known name is not this server either.
    expect((await get('/', { host: `192.0.2.10:${port + 1}` })).status).toBe(403);
    for (const name of ['192.0.2.10', 'bench-pc', 'localhost', '127.0.0.1']) {
      expect((await get('/', { host: `${name}:${port}` })).status, name).toBe(200);
    }
  });

  it('answers 403 to a DNS-rebinding Origin even when Host matches it, and to any foreign Origin', async () => {
    await start({ allowedHosts: ['dash.example'] });
    const port = server.port;
    // Rebinding: attacker.example now resolves to this machine; the browser sends its own name twice.
    expect((await upgrade(`?token=${TOKEN}`, { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` })).status).toBe(403);
    // A known Host with a page from elsewhere.
    const foreign = await upgrade(`?token=${TOKEN}`, { origin: 'http://attacker.example' });
    expect(foreign).toMatchObject({ status: 403, body: expect.stringContaining('Origin "http://attacker.example" may not use this server') });
    expect((await upgrade(`?token=${TOKEN}`, { origin: `http://192.0.2.10:${port}` })).status).toBe(101);
    expect((await upgrade(`?token=${TOKEN}`, { host: `dash.example:${port}`, origin: `http://dash.example:${port}` })).status).toBe(101);
  });

  it('accepts an explicitly allowed extra origin', async () => {
    await start({ extraOrigins: ['https://grafana.example'] });
    expect((await upgrade(`?token=${TOKEN}`, { origin: 'https://grafana.example' })).status).toBe(101);
  });
});

describe('host viewer token', () => {
  it('reads the snapshot and streams samples but every change answers forbidden', async () => {
    await start();
    const viewer = await client(VIEWER);
    expect(await viewer.call('getSnapshot')).toMatchObject({ ok: true, value: { device: { state: 'idle' } } });
    expect(await viewer.call('listSessions')).toMatchObject({ ok: true });
    api.emit('samples', sampleBatch(7, 5, 2));
    await expect.poll(() => viewer.binary.length).toBe(1);
    expect(decodeSampleBatch(viewer.binary[0]!).seq).toBe(7);
    const writes: [string, unknown][] = [
      ['injectFault', { kind: 'drop', percent: 50 }],
      ['sendToDevice', { data: '*RST' }],
      ['deleteSession', { sessionId: 1 }],
      ['updateConfig', { recording: { retentionDays: 1 } }],
      ['deviceCommand', 'stop'],
      ['startExport', { sessionId: 1, format: 'csv' }],
      ['tryParserScript', { format: { kind: 'script', source: 'function parse(l) { return [1]; }' }, sample: { text: 'x\n' } }],
    ];
    for (const [method, input] of writes) {
      const res = await viewer.call(method, input);
      expect(res, method).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`forbidden: ${method} needs the operator token`) } });
    }
    // None of them reached the engine.
    expect(api.calls.map((c) => c.method)).toEqual(['getSnapshot', 'listSessions']);
    const operator = await client(TOKEN);
    expect(await operator.call('deviceCommand', 'start')).toMatchObject({ ok: true });
    expect(api.calls.map((c) => c.method)).toEqual(['getSnapshot', 'listSessions', 'deviceCommand']);
    // The operator may try a parser script: it runs in the QuickJS sandbox, never as host code.
    const tried = await operator.call('tryParserScript', { format: { kind: 'script', source: 'function parse(l) { return l.split(",").map(Number); }' }, sample: { text: '1.5,-2\n' } });
    expect(tried).toMatchObject({ ok: true, value: { names: ['ch1', 'ch2'], rows: [[1.5, -2]], frames: 1, scriptErrors: 0 } });
  });

  it('may not download exports', async () => {
    await start({ exports: { file: async () => ({ path: join(dir, 'index.html'), fileName: 'x.csv' }) } });
    expect(await get(`/export/abc?token=${VIEWER}`)).toMatchObject({ status: 403, body: expect.stringContaining('needs the operator token') });
  });
});

describe('host limits', () => {
  it('refuses a client beyond the cap with a clear 503', async () => {
    await start({ maxClients: 2 });
    expect((await upgrade(`?token=${TOKEN}`)).status).toBe(101);
    expect((await upgrade(`?token=${VIEWER}`)).status).toBe(101);
    const third = await upgrade(`?token=${TOKEN}`);
    expect(third).toEqual({ status: 503, body: 'limit: 2 clients are connected (at most 2); close another tab or raise --max-clients\n', ws: third.ws });
    expect(server.stats().clients).toBe(2);
  });

  it('answers limit to requests beyond the in-flight cap of one connection', async () => {
    await start({ limits: { maxInFlightPerClient: 2 } });
    const c = await client(TOKEN);
    api.hang = true;
    const ids = [c.send('getSnapshot'), c.send('getSnapshot'), c.send('getSnapshot')];
    await expect.poll(() => c.replies.has(ids[2]!)).toBe(true);
    expect(c.replies.get(ids[2]!)).toEqual({
      ok: false,
      error: { code: 'limit', message: 'limit: 2 requests of this connection are still unanswered (at most 2); wait for their replies' },
    });
    expect(c.replies.has(ids[0]!)).toBe(false);
    expect(api.calls).toHaveLength(2);
  });

  it('caps exports per client and on the host, and frees the slot when one ends', async () => {
    await start({ limits: { maxExportsPerClient: 1, maxExports: 1 } });
    const a = await client(TOKEN);
    const b = await client(TOKEN);
    expect(await a.call('startExport', { sessionId: 1, format: 'csv' })).toMatchObject({ ok: true, value: { exportId: 'fake-export' } });
    expect(await a.call('startExport', { sessionId: 1, format: 'csv' })).toEqual({
      ok: false,
      error: { code: 'limit', message: 'limit: this connection already runs 1 export(s) (at most 1); wait for it to finish or cancel it' },
    });
    expect(await b.call('startExport', { sessionId: 1, format: 'csv' })).toEqual({
      ok: false,
      error: { code: 'limit', message: 'limit: 1 exports are running on this host (at most 1); try again when one has finished' },
    });
    api.emit('exportProgress', {
      exportId: 'fake-export', sessionId: 1, format: 'csv', state: 'done', rowsDone: 1, rowsTotal: 1, rowsPerSec: 1,
      etaSec: 0, fileName: 'fake.csv', bytes: 1, downloadUrl: '/export/fake-export', eventsUrl: null, error: null,
    });
    expect(await b.call('startExport', { sessionId: 1, format: 'csv' })).toMatchObject({ ok: true });
    expect(api.calls.filter((c) => c.method === 'startExport')).toHaveLength(2);
  });
});

describe('host export files', () => {
  it('removes an export file once downloaded; a second download answers 410', async () => {
    const exportsDir = await mkdtemp(join(tmpdir(), 'th-exports-'));
    const file = join(exportsDir, 'e1.csv');
    await writeFile(file, 'time,ch0\n1,2\n');
    await start({ exportsDir, exports: { file: async (id) => (id === 'e1' ? { path: file, fileName: 'run.csv' } : undefined) } });
    const res = await get(`/export/e1?token=${TOKEN}`);
    expect(res).toEqual({ status: 200, body: 'time,ch0\n1,2\n' });
    await expect.poll(() => readdir(exportsDir)).toEqual([]);
    expect(await get(`/export/e1?token=${TOKEN}`)).toEqual({ status: 410, body: 'export e1 is no longer available: export it again\n' });
    await rm(exportsDir, { recursive: true, force: true });
  });

  it('removes files older than the age limit and the oldest ones above the size cap', async () => {
    const exportsDir = await mkdtemp(join(tmpdir(), 'th-exports-'));
    const now = Date.now() / 1000;
    const files: [string, number, number][] = [
      ['old.csv', 10, now - 7200], // two hours old: expired
      ['a.parquet', 600, now - 300],
      ['b.csv', 600, now - 200],
      ['c.csv', 600, now - 100],
    ];
    for (const [name, size, mtime] of files) {
      await writeFile(join(exportsDir, name), Buffer.alloc(size));
      await utimes(join(exportsDir, name), mtime, mtime);
    }
    await start({ exportsDir, exportRetention: { maxAgeMs: 3_600_000, maxTotalBytes: 1300, sweepEveryMs: 0 } });
    // The start sweep may already have run; sweeping again is idempotent.
    await server.sweepExports();
    expect((await readdir(exportsDir)).sort()).toEqual(['b.csv', 'c.csv']);
    await rm(exportsDir, { recursive: true, force: true });
  });
});

describe('host recording folder', () => {
  it('refuses to move the recording folder over the WebSocket, even for the operator; other settings pass', async () => {
    await start();
    const op = await client(TOKEN);
    for (const folder of ['/etc', '../../etc', '\\\\evil\\share']) {
      expect(await op.call('updateConfig', { recording: { folder } }), folder).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringContaining('recording.folder cannot be changed over the API'), issues: [{ path: 'recording.folder' }] },
      });
    }
    expect(await op.call('updateConfig', { recording: { folder: '', retentionDays: 7 } })).toMatchObject({ ok: true });
    expect(api.calls.filter((c) => c.method === 'updateConfig').map((c) => c.input)).toEqual([{ recording: { folder: '', retentionDays: 7 } }]);
  });
});
