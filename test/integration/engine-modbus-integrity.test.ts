// Modbus per-block counters through the engine: a Modbus TCP server started by the test,
// one block answering, one answering every poll with an exception; the integrity report
// (event and snapshot) names both blocks with their exact poll record.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrityReport } from '@shared/domain/integrity.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { emptyBank, startModbusTcp, type ModbusTestServer } from '../helpers/modbus-server.js';
import { tempDir } from '../helpers/recorder.js';
import { until } from '../helpers/until.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let server: ModbusTestServer;
let engine: Engine;
const bank = emptyBank();

beforeAll(async () => {
  dataDir = await tempDir('th-modbus-');
  await writeFile(join(dataDir, 'config.json'), JSON.stringify({ version: 1, device: { autoStart: false }, recording: { enabled: false } }));
  bank.holding.set(0, 123);
  bank.failing.add(20);
  server = await startModbusTcp(bank);
});

afterAll(async () => {
  await engine?.close().catch(() => undefined);
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Modbus register blocks in the integrity report', () => {
  it('counts polls, exceptions and timeouts per block and shows them in the integrity event and the snapshot', async () => {
    engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
    await engine.start();
    const reports: IntegrityReport[] = [];
    engine.api.on('integrity', (r) => reports.push(r));
    const cfg = await engine.api.configureDevice({
      source: 'modbus',
      link: {
        kind: 'modbus',
        transport: { mode: 'tcp', host: '127.0.0.1', port: server.port },
        pollMs: 20,
        lostAfterFailedPolls: 1000,
        registers: [
          { name: 'level', area: 'holding', address: 0 },
          { name: 'broken', area: 'input', address: 20 },
        ],
      },
      autoStart: false,
    });
    expect(cfg.ok).toBe(true);
    expect((await engine.api.deviceCommand('start')).ok).toBe(true);
    const blocksOf = (r: IntegrityReport | undefined) => r?.links[0]?.modbusBlocks ?? [];
    await until(() => (blocksOf(reports.at(-1))[1]?.exceptions ?? 0) >= 5, 20_000, () => `five exceptions on the input block (${JSON.stringify(blocksOf(reports.at(-1)))})`);
    const [good, bad] = blocksOf(reports.at(-1));
    expect(good).toMatchObject({ area: 'holding', start: 0, length: 1, channels: ['level'], exceptions: 0, timeouts: 0, errors: 0, lastError: null });
    expect(good?.ok).toBe(good?.polls);
    expect(bad).toMatchObject({ area: 'input', start: 20, length: 1, channels: ['broken'], ok: 0, timeouts: 0, errors: 0 });
    // Every poll of the failing block was an exception (exception 2: illegal data address).
    expect(bad?.exceptions).toBe(bad?.polls);
    expect(bad?.lastError).toMatch(/^Modbus exception 2/);

    const snap = await engine.api.getSnapshot();
    if (!snap.ok) throw new Error(snap.error.message);
    const snapBlocks = blocksOf(snap.value.integrity);
    expect(snapBlocks.map((b) => b.channels)).toEqual([['level'], ['broken']]);
    // The snapshot is the latest sampled report: counters only grow from what the last event said.
    expect(snapBlocks[1]?.exceptions).toBe(snapBlocks[1]?.polls);
    expect(snapBlocks[1]?.exceptions).toBeGreaterThanOrEqual(bad?.exceptions ?? Infinity);
    await engine.api.deviceCommand('stop');
  });
});
