// The host server over real sockets, with a fake TelemetryApi: static files,
// the WebSocket request/event protocol, its validation and its defences.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeSampleBatch } from '@shared/api/samples.js';
import { WS_PATH, type WsServerMessage } from '@shared/api/wire.js';
import { startHostServer, type HostServer } from '../../src-main/host/server.js';
import { FakeApi, sampleBatch } from '../helpers/fake-api.js';

const INDEX = '<!doctype html><title>TelemetryHub</title><div id="root"></div>';
let dir: string;
let rendererDir: string;
let api: FakeApi;
let server: HostServer;
const clients: WebSocket[] = [];

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request whose path is sent verbatim (fetch would normalise "/../"). */
function get(path: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a client that buffers every message, text as parsed JSON and binary as ArrayBuffer. */
async function open(headers: Record<string, string> = {}): Promise<{ ws: WebSocket; next: (pred?: (m: unknown) => boolean) => Promise<unknown> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}`, { headers });
  ws.binaryType = 'arraybuffer';
  clients.push(ws);
  const inbox: unknown[] = [];
  const waiters: { pred: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  ws.on('message', (data, isBinary) => {
    const msg: unknown = isBinary ? data : JSON.parse(String(data));
    const w = waiters.findIndex((x) => x.pred(msg));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(msg);
    else inbox.push(msg);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (m: unknown) => boolean = () => true) =>
    new Promise<unknown>((resolve, reject) => {
      const i = inbox.findIndex(pred);
      if (i >= 0) return resolve(inbox.splice(i, 1)[0]);
      waiters.push({ pred, resolve });
      setTimeout(() => reject(new Error('no matching message within 2 s')), 2000).unref();
    });
  return { ws, next };
}

const reply = (id: number) => (m: unknown) => (m as WsServerMessage).type === 'res' && (m as { id: number }).id === id;
const send = (ws: WebSocket, msg: unknown) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'th-host-'));
  rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX);
  await writeFile(join(rendererDir, 'assets', 'app-abc123.js'), 'console.log(1);');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  api = new FakeApi();
  server = await startHostServer({ api, rendererDir, host: '127.0.0.1', port: 0, logger: pino({ level: 'silent' }) });
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate();
  await server.close();
});

describe('host static files', () => {
  it('serves index.html for / with a CSP allowing only its own websocket', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets with their type and a long cache life, HEAD without a body', async () => {
    const res = await get('/assets/app-abc123.js');
    expect(res).toMatchObject({ status: 200, body: 'console.log(1);' });
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toContain('immutable');
    const head = await get('/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(INDEX.length));
  });

  it('answers 404 for missing files and folders, 405 for other methods', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/assets/../../secret.txt', '/..%5csecret.txt', '/%00']) {
      const res = await get(path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body).not.toContain('do not serve');
    }
  });

  it('has /healthz', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, clients: 0 });
  });
});

describe('host websocket api', () => {
  it('answers a request with the api result', async () => {
    const { ws, next } = await open();
    send(ws, { type: 'req', id: 1, method: 'deviceCommand', input: 'start' });
    expect(await next(reply(1))).toEqual({ type: 'res', id: 1, result: { ok: true, value: expect.objectContaining({ state: 'measuring' }) } });
    send(ws, { type: 'req', id: 2, method: 'getSnapshot' });
    expect(await next(reply(2))).toMatchObject({ result: { ok: true, value: { device: { state: 'measuring' } } } });
    expect(api.calls.map((c) => c.method)).toEqual(['deviceCommand', 'getSnapshot']);
  });

  it('rejects an invalid payload with an error naming the field, without calling the api', async () => {
    const { ws, next } = await open();
    send(ws, { type: 'req', id: 3, method: 'configureDevice', input: { rateHz: -1 } });
    const res = (await next(reply(3))) as { result: { ok: false; error: { code: string; message: string; issues: { path: string }[] } } };
    expect(res.result.ok).toBe(false);
    expect(res.result.error.code).toBe('validation');
    expect(res.result.error.issues.map((i) => i.path)).toEqual(['rateHz']);
    expect(res.result.error.message).toContain('rateHz');
    send(ws, { type: 'req', id: 4, method: 'deviceCommand', input: 'explode' });
    expect(await next(reply(4))).toMatchObject({ result: { ok: false, error: { code: 'validation' } } });
    expect(api.calls).toEqual([]);
  });

  it('answers an unknown method with not-found', async () => {
    const { ws, next } = await open();
    send(ws, { type: 'req', id: 5, method: 'formatDisk', input: {} });
    expect(await next(reply(5))).toMatchObject({ result: { ok: false, error: { code: 'not-found' } } });
  });

  it('survives garbage: bad JSON, bad shapes and binary frames', async () => {
    const { ws, next } = await open();
    send(ws, '{not json');
    send(ws, '"just a string"');
    send(ws, { type: 'req', method: 'getSnapshot' });
    ws.send(new Uint8Array([1, 2, 3]));
    // A malformed request that has an id gets an error reply naming the bad field.
    send(ws, { type: 'req', id: 6, method: 42 });
    expect(await next(reply(6))).toMatchObject({ result: { ok: false, error: { code: 'validation', issues: [{ path: 'method' }] } } });
    send(ws, { type: 'req', id: 7, method: 'getSnapshot' });
    expect(await next(reply(7))).toMatchObject({ result: { ok: true } });
    expect((await get('/healthz')).status).toBe(200);
  });

  it('pushes events as JSON and sample batches as one binary frame each', async () => {
    const { next } = await open();
    api.emit('device', api.status);
    expect(await next()).toEqual({ type: 'evt', event: 'device', payload: api.status });
    const batch = sampleBatch(11, 50, 3);
    api.emit('samples', batch);
    const frame = await next();
    expect(frame).toBeInstanceOf(ArrayBuffer);
    const decoded = decodeSampleBatch(frame as ArrayBuffer);
    expect(decoded.seq).toBe(11);
    expect(decoded.channels).toBe(3);
    expect(Array.from(decoded.y)).toEqual(Array.from(batch.y));
  });

  it('subscribes to every host event (the shell menu is none) while clients are connected, and unsubscribes after', async () => {
    expect(api.listenerCount('samples')).toBe(0);
    const a = await open();
    const b = await open();
    expect(api.listenerCount('samples')).toBe(1);
    expect(api.listenerCount('metrics')).toBe(1);
    expect(api.listenerCount('resync')).toBe(0);
    api.emit('config', api.config);
    expect(await a.next()).toMatchObject({ event: 'config' });
    expect(await b.next()).toMatchObject({ event: 'config' });
    a.ws.close();
    b.ws.close();
    await expect.poll(() => api.listenerCount('samples')).toBe(0);
    expect(server.stats().clients).toBe(0);
  });

  it('refuses a foreign Origin and a wrong path, accepts its own origin', async () => {
    const status = (path: string, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, origin ? { origin } : {});
        clients.push(ws);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await status(WS_PATH, 'http://evil.example')).toBe(403);
    expect(await status(WS_PATH, `http://evil.example:${server.port}`)).toBe(403);
    expect(await status('/other')).toBe(404);
    expect(await status(WS_PATH, `http://127.0.0.1:${server.port}`)).toBe(101);
    expect(await status(WS_PATH, `http://localhost:${server.port}`)).toBe(101);
  });
});

describe('host backpressure', () => {
  it('skips sample batches for a client that stops reading instead of queueing them', async () => {
    await server.close();
    server = await startHostServer({
      api,
      rendererDir,
      host: '127.0.0.1',
      port: 0,
      logger: pino({ level: 'silent' }),
      maxBufferedBytes: 64 * 1024,
    });
    // A raw client that completes the handshake and then never reads.
    const socket = netConnect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `GET ${WS_PATH} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause();
    const big = sampleBatch(1, 16_384, 8); // ~1.1 MB per batch
    for (let i = 0; i < 60; i++) {
      api.emit('samples', { ...big, seq: i });
      await new Promise((r) => setImmediate(r));
    }
    expect(server.stats().skippedSampleBatches).toBeGreaterThan(0);
    socket.destroy();
  });
});
