// The engine reports data integrity: the `integrity` event (≤ 4 Hz, change-driven),
// the snapshot and the metrics carry the same counters.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTEGRITY_COUNTER_NAMES, type IntegrityCounters, type IntegrityReport } from '@shared/domain/integrity.js';
import type { Metrics } from '@shared/domain/metrics.js';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-integrity-'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
});

afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('engine integrity reporting', () => {
  it('emits integrity for the simulated device at most 4 times a second, and snapshot and metrics agree', async () => {
    const reports: { at: number; r: IntegrityReport }[] = [];
    const metrics: Metrics[] = [];
    engine.api.on('integrity', (r) => reports.push({ at: performance.now(), r }));
    engine.api.on('metrics', (m) => metrics.push(m));
    await engine.start();
    await sleep(2500);
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.length).toBeLessThanOrEqual(Math.ceil(2.5 * 4) + 1);
    for (let i = 1; i < reports.length; i++) expect((reports[i] as { at: number }).at - (reports[i - 1] as { at: number }).at).toBeGreaterThan(200);
    const last = (reports.at(-1) as { r: IntegrityReport }).r;
    expect(last.links).toHaveLength(1);
    const link = last.links[0];
    expect(link).toMatchObject({ link: 'device', format: 'csv' });
    expect(link?.totals.framesOk).toBeGreaterThan(500);
    expect(link?.totals).toMatchObject({ malformed: 0, nonNumeric: 0, checksumFailures: 0, seqGaps: 0, bytesDiscarded: 0 });
    expect(link?.rates.framesOk).toBeGreaterThan(500);
    // Frozen counters (device stopped, pipeline drained): the snapshot, the last integrity event, the
    // last metrics tick and /metrics must then carry the very same numbers.
    expect((await engine.api.deviceCommand('stop')).ok).toBe(true);
    const snapTotals = async (): Promise<IntegrityCounters | undefined> => {
      const s = await engine.api.getSnapshot();
      return s.ok ? s.value.integrity.links[0]?.totals : undefined;
    };
    let frozen: IntegrityCounters | undefined;
    await expect
      .poll(async () => {
        frozen = await snapTotals();
        const ev = reports.at(-1)?.r.links[0]?.totals;
        return frozen !== undefined && frozen.framesOk > 500 && ev?.framesOk === frozen.framesOk && metrics.at(-1)?.integrity.framesOk === frozen.framesOk;
      }, { timeout: 10_000 })
      .toBe(true);
    const totals = frozen as IntegrityCounters;
    expect(await snapTotals()).toEqual(totals); // really frozen
    expect(reports.at(-1)?.r.links[0]?.totals).toEqual(totals);
    expect(metrics.at(-1)?.integrity).toEqual(totals);
    const prom = await engine.registry.metrics();
    for (const k of INTEGRITY_COUNTER_NAMES) expect(prom).toContain(`telemetryhub_integrity_total{counter="${k}"} ${totals[k]}\n`);
  });

  it('a device reset starts the integrity totals again', async () => {
    const reports: IntegrityReport[] = [];
    engine.api.on('integrity', (r) => reports.push(r));
    await engine.start();
    const framesOk = () => reports.at(-1)?.links[0]?.totals.framesOk ?? 0;
    const deadline = Date.now() + 10_000;
    while (framesOk() < 2000 && Date.now() < deadline) await sleep(50);
    const before = framesOk();
    expect(before).toBeGreaterThanOrEqual(2000);
    await engine.api.deviceCommand('stop');
    await sleep(300);
    await engine.api.deviceCommand('reset');
    await sleep(600);
    expect(framesOk()).toBeLessThan(before);
    expect(framesOk()).toBe(0);
  });
});
