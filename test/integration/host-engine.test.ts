// The real engine (from source, real worker threads) behind the host server:
// what a browser sees over the WebSocket.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeSampleBatch, type SampleBatch } from '@shared/api/samples.js';
import { WS_PATH } from '@shared/api/wire.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { startHostServer, type HostServer } from '../../src-main/host/server.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;
let server: HostServer;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-host-engine-'));
  const logger = pino({ level: 'silent' });
  engine = await createEngine({ dataDir, ...testWorker, logger });
  await engine.start();
  server = await startHostServer({ api: engine.api, rendererDir: join(dataDir, 'none'), host: '127.0.0.1', port: 0, logger, metrics: engine.registry });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('host + engine', () => {
  it('streams coalesced sample batches as binary frames and answers requests', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${WS_PATH}`);
    ws.binaryType = 'arraybuffer';
    const batches: SampleBatch[] = [];
    const replies: unknown[] = [];
    const events = new Set<string>();
    ws.on('message', (data, isBinary) => {
      if (isBinary) batches.push(decodeSampleBatch(data as ArrayBuffer));
      else {
        const msg = JSON.parse(String(data)) as { type: string; event?: string };
        if (msg.type === 'res') replies.push(msg);
        else if (msg.event) events.add(msg.event);
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'req', id: 1, method: 'getSnapshot' }));
    await expect.poll(() => replies.length, { timeout: 5000 }).toBe(1);
    expect(replies[0]).toMatchObject({ id: 1, result: { ok: true, value: { device: { state: 'measuring' } } } });

    await expect.poll(() => batches.reduce((n, b) => n + b.t.length, 0), { timeout: 15_000, interval: 100 }).toBeGreaterThan(50);
    const first = batches[0]!;
    expect(first.channels).toBeGreaterThan(0);
    expect(first.y.length).toBe(first.t.length * first.channels);
    // Sequence numbers increase (one frame per publish, none duplicated).
    for (let i = 1; i < batches.length; i++) expect(batches[i]!.seq).toBeGreaterThan(batches[i - 1]!.seq);
    await expect.poll(() => events.has('metrics'), { timeout: 5000 }).toBe(true);
    expect(events.has('menu')).toBe(false);
    ws.close();
  });

  it('exposes the engine metrics for Prometheus', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('telemetryhub_frames_total');
    // Resilience: the breaker's state (closed now), trips and failure signals; pool faults.
    expect(text).toContain('telemetryhub_breaker_state{state="closed"} 1');
    expect(text).toContain('telemetryhub_breaker_state{state="open"} 0');
    expect(text).toMatch(/telemetryhub_breaker_trips_total \d+/);
    expect(text).toContain('telemetryhub_breaker_failures_total{signal="watchdog"}');
    expect(text).toContain('telemetryhub_pool_batches_retried_total');
  });
});
