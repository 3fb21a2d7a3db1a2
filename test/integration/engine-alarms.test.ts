// Alarms through the engine's public API, with real worker threads and a real data folder:
// rules set through updateConfig, alarms and journal as events, operator actions as the OS user.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { testWorker } from '../helpers/worker.js';

let dataDir: string;
let engine: Engine;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(20);
  }
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'th-alarms-'));
  engine = await createEngine({ dataDir, ...testWorker, logger: pino({ level: 'silent' }) });
});
afterEach(async () => {
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('engine alarms', () => {
  it('a rule set through updateConfig raises an alarm the operator acknowledges and shelves', async () => {
    let alarms: Alarm[] = [];
    const journal: JournalEntry[] = [];
    engine.api.on('alarms', (a) => (alarms = a));
    engine.api.on('alarmJournal', (e) => journal.push(...e));
    await engine.start();
    // Channel 1 is a ramp from 1.5 to 4.5 every 2 s by default: a Hi limit at 3.5 is crossed once per period.
    const bad = await engine.api.updateConfig({ alarms: { rules: [{ channel: 1, hi: { value: 0.5 }, lo: { value: 0.6 } }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path)).toEqual(['alarms.rules.0.hi.value']);

    const set = await engine.api.updateConfig({ alarms: { rules: [{ channel: 1, hi: { value: 3.5, deadband: 0.1 }, priority: 'high', message: 'too high' }] } });
    expect(set.ok).toBe(true);
    await until(() => alarms.some((a) => a.id === 'ch2:level'));
    const a = alarms.find((x) => x.id === 'ch2:level')!;
    expect(a).toMatchObject({ channel: 1, condition: 'hi', priority: 'high', message: 'too high', limit: 3.5 });
    expect(a.value).toBeGreaterThanOrEqual(3.5);
    // Sample time, not arrival time: an alarm is never stamped after the moment we saw it.
    expect(a.occurredAt).toBeLessThanOrEqual(Date.now());

    const ack = await engine.api.alarmAction({ action: 'ack', id: 'ch2:level' });
    expect(ack.ok).toBe(true);
    await until(() => journal.some((e) => e.action === 'ack'));
    expect(journal.find((e) => e.action === 'ack')?.by).toBe(userInfo().username);

    const shelve = await engine.api.alarmAction({ action: 'shelve', id: 'ch2:level', durationSec: 60, reason: 'calibration' });
    expect(shelve.ok && shelve.value.find((x) => x.id === 'ch2:level')?.state).toBe('shelved');
    expect(await engine.api.alarmAction({ action: 'unshelve', id: 'ch10:level' })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.alarms.find((x) => x.id === 'ch2:level')?.shelve).toMatchObject({ mode: 'timed', reason: 'calibration' });
    expect(snap.ok && snap.value.alarmJournal.map((e) => e.action)).toContain('shelve');
    // Rules persist with the rest of the configuration.
    const saved = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as { alarms: { rules: unknown[] } };
    expect(saved.alarms.rules).toHaveLength(1);
  });

  it('a chattering rule cannot flood the UIs: events are paced, no journal entry is lost', async () => {
    const events: number[] = [];
    const journal: JournalEntry[] = [];
    engine.api.on('alarms', () => events.push(Date.now()));
    engine.api.on('alarmJournal', (e) => journal.push(...e));
    await engine.start();
    // Channel 4 is noise around 9: a Hi limit at 9 without deadband flips on most samples.
    await engine.api.updateConfig({ alarms: { rules: [{ channel: 3, hi: { value: 9 } }] } });
    await until(() => journal.length > 200);
    const t0 = Date.now();
    const n0 = events.length;
    const j0 = journal.length;
    await sleep(1000);
    const perSec = ((events.length - n0) * 1000) / (Date.now() - t0);
    expect(perSec).toBeLessThanOrEqual(21);
    expect(journal.length - j0).toBeGreaterThan(100);
    // Every entry arrives, in order, exactly once.
    expect(journal.every((e, i) => i === 0 || e.seq === (journal[i - 1]?.seq ?? 0) + 1)).toBe(true);
  });

  it('stopping the device raises the stale alarm of a rule that watches comms', async () => {
    let alarms: Alarm[] = [];
    engine.api.on('alarms', (a) => (alarms = a));
    await engine.start();
    await sleep(1500); // a rule added later starts its own stale clock
    await engine.api.updateConfig({ alarms: { rules: [{ channel: 0, stale: { timeoutSec: 1 }, priority: 'critical' }] } });
    await sleep(500);
    expect(alarms.filter((a) => a.active)).toEqual([]);
    await engine.api.deviceCommand('stop');
    await until(() => alarms.some((a) => a.id === 'ch1:stale' && a.active));
    await engine.api.deviceCommand('start');
    await until(() => alarms.some((a) => a.id === 'ch1:stale' && a.state === 'rtn-unack'));
  });
});
