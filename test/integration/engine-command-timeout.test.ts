// The command-timeout path of the real engine: a TCP device that stops reading lets the
// kernel buffers fill until a command's write cannot complete; the command then fails
// after commandTimeoutMs with a message naming the device and the time, and the breaker
// counts exactly one command-timeout.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;
let server: Server;
let port = 0;
const peers: Socket[] = [];
let breaker: BreakerStatus | undefined;

beforeAll(async () => {
  // A device that accepts the connection and then never reads a byte.
  server = createServer((s) => {
    s.pause();
    peers.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  dataDir = await mkdtemp(join(tmpdir(), 'th-cmd-timeout-'));
  await writeFile(
    join(dataDir, 'config.json'),
    JSON.stringify({
      version: 1,
      device: { autoStart: false, source: 'tcp', link: { kind: 'tcp', host: '127.0.0.1', port } },
      resilience: { breaker: { commandTimeoutMs: 300 } },
    }),
  );
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
  engine.api.on('breaker', (b) => (breaker = b));
  await engine.start();
});

afterAll(async () => {
  await engine?.close();
  for (const s of peers) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('engine command timeout', () => {
  it('a command whose write does not complete within commandTimeoutMs fails with that, and the breaker counts one command-timeout', async () => {
    const connected = await engine.api.deviceCommand('connect');
    expect(connected.ok).toBe(true);
    const block = 'X'.repeat(4096);
    let sent = 0;
    let failure: { code: string; message: string } | undefined;
    // Each send completes while the kernel still takes the bytes; the first that cannot is the timeout.
    for (let i = 0; i < 20_000 && !failure; i++) {
      const r = await engine.api.sendToDevice({ data: block });
      if (r.ok) {
        expect(r.value.bytes).toBe(4096);
        sent++;
      } else failure = r.error;
    }
    expect(sent).toBeGreaterThan(0);
    expect(failure).toEqual({ code: 'io', message: `No answer from tcp 127.0.0.1:${port} within 300 ms` });
    const snap = await engine.api.getSnapshot();
    const status = snap.ok ? snap.value.breaker : breaker;
    expect(status?.failures['command-timeout']).toBe(1);
    expect(status?.failures['command-error'] ?? 0).toBe(0);
  });
});
