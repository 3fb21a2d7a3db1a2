// Replay through the real engine: a recorded session replayed at 10× reproduces its
// exported CSV byte for byte and its alarm journal (same alarms at the same sample times);
// a CSV file with bad rows replays the good ones and names the bad ones by line.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@shared/alarms/alarm.js';
import type { ExportProgress, SessionInfo } from '@shared/domain/recording.js';
import type { ReplayStatus } from '@shared/domain/replay.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { tempDir } from '../helpers/recorder.js';
import { until } from '../helpers/until.js';
import { testEngineWithRecorder } from '../helpers/worker.js';

const RULES = [
  { channel: 0, hi: { value: 0.8 }, lo: { value: -0.8 }, onDelaySec: 0.02, priority: 'high' },
  { channel: 1, hi: { value: 4.2, deadband: 0.1 } },
];

let dataDir: string;
const logger = pino({ level: 'silent' });
const engines: Engine[] = [];

beforeAll(async () => {
  dataDir = await tempDir('th-replay-');
  await writeFile(join(dataDir, 'config.json'), JSON.stringify({ version: 1, device: { autoStart: false, rateHz: 1000, channels: 3 }, alarms: { rules: RULES } }));
});

afterAll(async () => {
  for (const e of engines) await e.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

async function startEngine(): Promise<{ engine: Engine; journal: JournalEntry[]; exports: ExportProgress[]; replay: (ReplayStatus | null)[] }> {
  const engine = await createEngine({ dataDir, ...testEngineWithRecorder, logger });
  engines.push(engine);
  await engine.start();
  const journal: JournalEntry[] = [];
  const exports: ExportProgress[] = [];
  const replay: (ReplayStatus | null)[] = [];
  engine.api.on('alarmJournal', (e) => journal.push(...e));
  engine.api.on('exportProgress', (p) => exports.push(p));
  engine.api.on('replay', (r) => replay.push(r));
  return { engine, journal, exports, replay };
}

async function newestSession(engine: Engine): Promise<SessionInfo> {
  let s: SessionInfo | undefined;
  for (let i = 0; i < 500; i++) {
    const l = await engine.api.listSessions();
    s = l.ok ? l.value[0] : undefined;
    if (s && s.endedAt !== null && !s.recording) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the newest session did not end: ${JSON.stringify(s)}`);
}

async function exportCsv(engine: Engine, exports: ExportProgress[], sessionId: number): Promise<string> {
  const started = await engine.api.startExport({ sessionId, eventsSidecar: true });
  if (!started.ok) throw new Error(started.error.message);
  const id = started.value.exportId;
  await until(() => exports.some((p) => p.exportId === id && p.state !== 'running'), 30_000, `export ${id}`);
  const file = await engine.exportFile(id);
  if (!file) throw new Error('no export file');
  return readFile(file.path, 'utf8');
}

/** What identifies an alarm transition: when (sample time), which alarm, what happened. */
const transitions = (j: JournalEntry[]) => j.map((e) => ({ t: e.t, alarmId: e.alarmId, action: e.action, from: e.from, to: e.to, value: e.value, limit: e.limit }));

describe('replay of a recorded session', () => {
  let original: SessionInfo;
  let originalCsv = '';
  let originalJournal: JournalEntry[] = [];

  it('records a session with alarms (the source)', async () => {
    const { engine, journal, exports } = await startEngine();
    expect((await engine.api.deviceCommand('start')).ok).toBe(true);
    await until(() => journal.filter((e) => e.action === 'occur').length >= 3, 20_000, 'three alarms');
    await new Promise((r) => setTimeout(r, 300));
    await engine.api.deviceCommand('stop');
    original = await newestSession(engine);
    expect(original.frames).toBeGreaterThan(500);
    originalCsv = await exportCsv(engine, exports, original.id);
    await until(() => journal.length > 0, 1000, 'journal');
    originalJournal = [...journal];
    await engine.close();
  });

  it('replayed at 10× into a new session: the exported CSV is identical, the alarm journal the same at the same sample times', async () => {
    const { engine, journal, exports, replay } = await startEngine();
    const channels = original.channels.map((c) => ({ name: c.name, unit: c.unit }));
    const cfg = await engine.api.configureDevice({
      source: 'replay',
      link: { kind: 'replay', source: { type: 'session', sessionId: original.id, channels }, speed: 10 },
      autoStart: false,
    });
    expect(cfg.ok).toBe(true);
    const wallStart = Date.now();
    expect((await engine.api.deviceCommand('start')).ok).toBe(true);
    await until(() => replay.at(-1)?.state === 'ended', 60_000, () => `the replay to end (${JSON.stringify(replay.at(-1))})`);
    const wallMs = Date.now() - wallStart;
    await engine.api.deviceCommand('stop');
    const copy = await newestSession(engine);
    expect(copy.id).not.toBe(original.id);
    expect(copy).toMatchObject({ source: 'replay', name: `Replay: session ${original.id}`, startedAt: original.startedAt, frames: original.frames });
    // 10×: the recording's span took about a tenth of it to replay (loose: a busy machine is slower, never faster).
    const spanMs = (replay.at(-1)?.endMs ?? 0) - (replay.at(-1)?.startMs ?? 0);
    expect(wallMs).toBeGreaterThanOrEqual(spanMs / 10 - 50);
    expect(replay.at(-1)).toMatchObject({ frames: original.frames, framesSent: original.frames, speed: 10, badRowCount: 0 });

    const copyCsv = await exportCsv(engine, exports, copy.id);
    const lines = (t: string) => t.split('\r\n');
    expect(lines(copyCsv).length).toBe(original.frames + 2); // header, rows, final empty
    expect(copyCsv).toBe(originalCsv);

    const occurs = originalJournal.filter((e) => e.action === 'occur' || e.action === 'return');
    expect(occurs.length).toBeGreaterThanOrEqual(3);
    expect(transitions(journal.filter((e) => e.action === 'occur' || e.action === 'return'))).toEqual(transitions(occurs));
    await engine.close();
  });
});

describe('replay of a CSV file', () => {
  it('replays the good rows with their times and names every bad row by line in the replay status', async () => {
    const { engine, replay } = await startEngine();
    const file = join(dataDir, 'run.csv');
    const t0 = Date.UTC(2026, 11, 1, 12, 0, 0);
    const rows = ['time;temp;flow', ...Array.from({ length: 200 }, (_, i) => `${(t0 + i * 5) / 1000};${(20 + i / 10).toFixed(1).replace('.', ',')};${i}`)];
    rows[10] = 'oops;1;2'; // line 11
    rows[50] = `${(t0 + 49 * 5) / 1000};x;3`; // line 51
    await writeFile(file, rows.join('\n') + '\n');
    const samples: number[] = [];
    engine.api.on('samples', (b) => samples.push(...b.t));
    const cfg = await engine.api.configureDevice({
      source: 'replay',
      link: {
        kind: 'replay',
        source: { type: 'csv', path: file, mapping: { separator: ';', decimal: 'comma', timeColumn: 0, timeFormat: 'epoch-s', columns: [{ column: 1, name: 'temp', unit: '°C' }, { column: 2, name: 'flow' }] } },
        asFastAsPossible: true,
      },
      autoStart: false,
    });
    expect(cfg.ok).toBe(true);
    expect((await engine.api.deviceCommand('start')).ok).toBe(true);
    await until(() => replay.at(-1)?.state === 'ended', 30_000, 'the CSV replay to end');
    expect(replay.at(-1)).toMatchObject({
      frames: 198,
      framesSent: 198,
      badRowCount: 2,
      badRows: [
        { line: 11, reason: 'column 1: "oops" is not a number of seconds' },
        { line: 51, reason: 'column 2: "x" is not a number' },
      ],
      startMs: t0,
      endMs: t0 + 199 * 5,
    });
    const snap = await engine.api.getSnapshot();
    if (!snap.ok) throw new Error(snap.error.message);
    expect(snap.value.channels).toEqual([
      { index: 0, name: 'temp', unit: '°C' },
      { index: 1, name: 'flow', unit: '' },
    ]);
    await until(() => samples.length > 0 && Math.max(...samples) === t0 + 199 * 5, 10_000, 'the last row plotted at its own time');
    expect(Math.min(...samples)).toBe(t0);
    // Control answers: seek back and the status follows.
    const sought = await engine.api.replayControl({ action: 'seek', timeMs: t0 + 500 });
    expect(sought.ok && sought.value.positionMs).toBe(t0 + 500);
    await engine.close();
  });
});
