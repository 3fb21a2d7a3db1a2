// Parser scripts through the engine's contract: tried in a pool thread before they are applied,
// refused at apply with the line of their syntax error (named on the script field), and once
// applied, the frames decode through them.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelInfo } from '@shared/domain/device.js';
import type { SampleBatch } from '@shared/api/samples.js';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { until } from '../helpers/until.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-script-'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: "silent" }) });
  await engine.start();
});

afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

const BROKEN = 'function parse(line) {\n  const p = line.split(",");\n  return { seq: +p[0], twice: 2 * +p[0] +;\n}';
const FIXED = 'function parse(line) {\n  const p = line.split(",");\n  return { seq: +p[0], twice: 2 * +p[0] + 1 };\n}';

describe('tryParserScript over the contract', () => {
  it('answers the syntax error at its line, then the parsed values of a pasted sample once fixed', async () => {
    const broken = await engine.api.tryParserScript({ format: { kind: 'script', source: BROKEN }, sample: { text: '17,0.5\n' } });
    expect(broken).toEqual({
      ok: true,
      value: { compileError: { message: "SyntaxError: unexpected token in expression: ';'", line: 3, column: 42 }, names: [], rows: [], frames: 0, scriptErrors: 0, checksumFailures: 0, malformed: 0, bytesDiscarded: 0 },
    });
    const fixed = await engine.api.tryParserScript({ format: { kind: 'script', source: FIXED }, sample: { text: '17,0.5\n18,0.25\n' } });
    expect(fixed).toEqual({ ok: true, value: { names: ['seq', 'twice'], rows: [[17, 35], [18, 37]], frames: 2, scriptErrors: 0, checksumFailures: 0, malformed: 0, bytesDiscarded: 0 } });
  });

  it('refuses a sample that is not hex, naming the field', async () => {
    const r = await engine.api.tryParserScript({ format: { kind: 'script', source: FIXED, framing: 'cobs' }, sample: { hex: 'zz' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'sample.hex' }] } });
  });
});

describe('applying a parser script', () => {
  it('a script that does not compile is refused with its line on the script field; the running format stays', async () => {
    const before = (await engine.api.getSnapshot());
    if (!before.ok) throw new Error('no snapshot');
    const r = await engine.api.configureDevice({ ...before.value.config.device, format: { kind: 'script', source: BROKEN } });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'validation',
        message: "format.source: line 3, column 42: SyntaxError: unexpected token in expression: ';'",
        issues: [{ path: 'format.source', message: "format.source: line 3, column 42: SyntaxError: unexpected token in expression: ';'" }],
      },
    });
    const patched = await engine.api.updateConfig({ device: { format: { kind: 'script', source: BROKEN } } });
    expect(patched).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'device.format.source', message: "device.format.source: line 3, column 42: SyntaxError: unexpected token in expression: ';'" }] } });
    const after = await engine.api.getSnapshot();
    expect(after.ok && after.value.config.device.format.kind).toBe('csv');
  });

  it('a script that compiles is applied and the frames decode through it', async () => {
    // A TCP device sending `seq,0.5` lines (the simulator ignores the format).
    let seq = 0;
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      const timer = setInterval(() => socket.write(`${seq++},0.5\n${seq++},0.5\n`), 5);
      socket.on('close', () => clearInterval(timer));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      let channels: ChannelInfo[] = [];
      const batches: SampleBatch[] = [];
      engine.api.on('channels', (c) => (channels = c));
      engine.api.on('samples', (b) => batches.push(b));
      const r = await engine.api.configureDevice({ source: 'tcp', link: { kind: 'tcp', host: '127.0.0.1', port }, rateHz: 400, format: { kind: 'script', source: FIXED } });
      expect(r.ok).toBe(true);
      expect((await engine.api.deviceCommand('connect')).ok).toBe(true);
      expect((await engine.api.deviceCommand('start')).ok).toBe(true);
      await until(() => channels.map((c) => c.name).join() === 'seq,twice' && batches.some((b) => b.channels === 2 && b.t.length > 0), 20_000, () => `channels ${channels.map((c) => c.name).join()}`);
    // Every plotted point of `twice` is 2 × seq + 1 of the same point.
    const two = batches.filter((b) => b.channels === 2);
    let points = 0;
    for (const b of two) {
      const n = b.t.length;
      for (let i = 0; i < n; i++) {
        expect(b.y[n + i]).toBe(2 * (b.y[i] as number) + 1);
        points++;
      }
    }
    expect(points).toBe(two.reduce((s, b) => s + b.t.length, 0));
    const integrity = await engine.api.getSnapshot();
    expect(integrity.ok && integrity.value.integrity.links[0]?.totals.scriptErrors).toBe(0);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
