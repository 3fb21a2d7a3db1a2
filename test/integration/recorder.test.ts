// The recorder worker with a real DuckDB file: sessions, history buckets, CSV and
// Parquet round trips (parsed back strictly), CSV pitfalls, write errors.
import { readFile } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ExportStarted, HistorySeries, SessionInfo } from '@shared/domain/recording.js';
import { ExportRequestSchema } from '@shared/domain/recording.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestRecorder } from '../helpers/recorder.js';
import { framesOf, startRecorder, tempDir } from '../helpers/recorder.js';
import { parseCsv } from '../helpers/csv-parse.js';

const open: TestRecorder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.recorder.close().catch(() => undefined)));
});

function rec(folder: string, over: { flushMs?: number; retryMs?: number } = {}): TestRecorder {
  const r = startRecorder(folder, over);
  open.push(r);
  return r;
}

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0) + 0.25;
const value = (f: number, c: number): number => (c % 2 === 0 ? -1 : 1) * (f * 0.001 + c * 1.5) + (c === 3 ? 1e-9 : 0);

async function recordSession(r: TestRecorder, frames: number, channels: { index: number; name: string; unit: string }[]): Promise<number> {
  r.recorder.beginSession({ source: 'simulated', startedAt: T0, channels });
  const per = 700;
  for (let f0 = 0; f0 < frames; f0 += per) {
    const n = Math.min(per, frames - f0);
    const data = framesOf(T0 + f0, 1, n, channels.length, (f, c) => value(f0 + f, c));
    r.recorder.pushFrames({ channels: channels.length, frames: n, data });
    expect(data.byteLength).toBe(0); // transferred, not cloned
  }
  r.recorder.endSession(T0 + frames);
  const list = await r.recorder.request<SessionInfo[]>({ op: 'list' });
  return list[0]?.id ?? -1;
}

const CH3 = [
  { index: 0, name: 'temp', unit: '°C' },
  { index: 1, name: 'pressure', unit: 'kPa' },
  { index: 2, name: 'flow', unit: 'l/min' },
];

describe('recorder', () => {
  it('records every frame of a session and lists it with its channels', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const id = await recordSession(r, 5000, CH3);
    const list = await r.recorder.request<SessionInfo[]>({ op: 'list' });
    expect(list).toHaveLength(1);
    const s = list[0] as SessionInfo;
    expect(s).toMatchObject({ id, source: 'simulated', frames: 5000, interrupted: false, recording: false, startedAt: T0, endedAt: T0 + 5000 });
    expect(s.channels).toEqual(CH3);
    expect(s.sizeBytes).toBeGreaterThan(0);
    expect(r.recorder.status).toMatchObject({ droppedRows: 0, lagRows: 0, lastError: null });
  });

  it('serves min/max buckets computed by DuckDB over a range', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const id = await recordSession(r, 10_000, CH3);
    const h = await r.recorder.request<HistorySeries>({ op: 'history', query: { sessionId: id, buckets: 10 } });
    expect(h.frames).toBe(10_000);
    expect(h.t).toHaveLength(20);
    // channel 1 rises with f: bucket 0 spans frames 0…999 (last bucket absorbs the end)
    expect(h.y[1]?.[0]).toBeCloseTo(value(0, 1), 9);
    expect(h.y[1]?.[1]).toBeCloseTo(value(999, 1), 9);
    const zoom = await r.recorder.request<HistorySeries>({ op: 'history', query: { sessionId: id, fromMs: T0 + 100, toMs: T0 + 199, buckets: 1000 } });
    expect(zoom.frames).toBe(100);
    expect(zoom.t[0]).toBe(T0 + 100);
  });

  it('renames and deletes sessions; unknown ids are named in the error', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const id = await recordSession(r, 100, CH3);
    const renamed = await r.recorder.request<SessionInfo>({ op: 'rename', sessionId: id, name: 'Bench run 7' });
    expect(renamed.name).toBe('Bench run 7');
    await expect(r.recorder.request({ op: 'rename', sessionId: 999, name: 'x' })).rejects.toThrow('session 999 does not exist');
    await r.recorder.request({ op: 'delete', sessionId: id });
    expect(await r.recorder.request<SessionInfo[]>({ op: 'list' })).toEqual([]);
  });

  it('CSV round trip: every timestamp and value back exactly, headers right, one row per frame', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const frames = 6000;
    const id = await recordSession(r, frames, CH3);
    const req = ExportRequestSchema.parse({ sessionId: id, format: 'csv' });
    const started = await r.recorder.request<ExportStarted>({ op: 'export', exportId: 'rt-csv', request: req });
    const done = await r.waitExport(started.exportId);
    expect(done).toMatchObject({ state: 'done', rowsDone: frames, rowsTotal: frames, downloadUrl: '/export/rt-csv' });
    const file = await r.recorder.request<string>({ op: 'exportFile', exportId: 'rt-csv' });
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'temp [°C]', 'pressure [kPa]', 'flow [l/min]']);
    expect(rows).toHaveLength(frames + 1);
    for (let f = 0; f < frames; f++) {
      const row = rows[f + 1] as string[];
      const t = T0 + f;
      expect(Date.parse(row[0] as string)).toBe(Math.floor(t));
      expect(row[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(row[0]?.slice(20, 26)).toBe(String(Math.round((t % 1000) * 1000)).padStart(6, '0'));
      expect(Number(row[1])).toBe(f / 1000);
      for (let c = 0; c < 3; c++) expect(Number(row[2 + c])).toBe(value(f, c));
    }
  });

  it('CSV with semicolon, decimal comma, no BOM, a time range and two channels', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const id = await recordSession(r, 2000, CH3);
    const req = ExportRequestSchema.parse({ sessionId: id, delimiter: 'semicolon', decimal: 'comma', bom: false, fromMs: T0 + 500, toMs: T0 + 999, channels: [2, 0] });
    await r.recorder.request({ op: 'export', exportId: 'range', request: req });
    expect((await r.waitExport('range')).state).toBe('done');
    const text = await readFile(await r.recorder.request<string>({ op: 'exportFile', exportId: 'range' }), 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parseCsv(text, ';');
    expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'flow [l/min]', 'temp [°C]']);
    expect(rows).toHaveLength(501);
    expect(rows[1]?.[1]).toBe('0,5');
    expect(Number(rows[1]?.[2]?.replace(',', '.'))).toBe(value(500, 2));
    expect(rows[1]?.[3]).toBe(String(value(500, 0)).replace('.', ','));
    expect(rows[1]?.[3]?.startsWith('-')).toBe(true); // negative numbers are not "neutralised"
  });

  it('CSV pitfalls: names with commas, quotes, newlines, leading = and @; non-ASCII units', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const nasty = [
      { index: 0, name: 'a,b', unit: 'µm/s²' },
      { index: 1, name: 'say "hi"', unit: 'Ω' },
      { index: 2, name: 'two\nlines', unit: '' },
      { index: 3, name: '=SUM(A1:A9)', unit: 'V' },
      { index: 4, name: '@cmd', unit: '℃' },
      { index: 5, name: '-neg', unit: '' },
    ];
    const id = await recordSession(r, 10, nasty);
    await r.recorder.request({ op: 'export', exportId: 'nasty', request: ExportRequestSchema.parse({ sessionId: id }) });
    expect((await r.waitExport('nasty')).state).toBe('done');
    const text = (await readFile(await r.recorder.request<string>({ op: 'exportFile', exportId: 'nasty' }), 'utf8')).slice(1);
    const rows = parseCsv(text);
    expect(rows[0]?.slice(2)).toEqual(['a,b [µm/s²]', 'say "hi" [Ω]', 'two\nlines', "'=SUM(A1:A9) [V]", "'@cmd [℃]", "'-neg"]);
    expect(rows).toHaveLength(11);
    expect(Number(rows[1]?.[2])).toBe(value(0, 0));
  });

  it('CSV with two channels named alike (ignoring case): both columns, headers as named, every value back', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const alike = [
      { index: 0, name: 'Temp', unit: 'K' },
      { index: 1, name: 'temp', unit: 'K' },
      { index: 2, name: 'Temp', unit: 'K' },
    ];
    const id = await recordSession(r, 50, alike);
    await r.recorder.request({ op: 'export', exportId: 'alike', request: ExportRequestSchema.parse({ sessionId: id, delimiter: 'semicolon' }) });
    expect((await r.waitExport('alike')).state).toBe('done');
    const text = await readFile(await r.recorder.request<string>({ op: 'exportFile', exportId: 'alike' }), 'utf8');
    expect(text.startsWith('\uFEFFTime (UTC);Seconds;')).toBe(true);
    const rows = parseCsv(text.slice(1), ';');
    expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'Temp [K]', 'temp [K]', 'Temp [K]']);
    expect(rows).toHaveLength(51);
    for (let f = 0; f < 50; f++) expect(rows[f + 1]?.slice(2).map(Number)).toEqual([value(f, 0), value(f, 1), value(f, 2)]);
  });

  it('journals events and exports them as a sidecar CSV (text cells neutralised)', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    r.recorder.beginSession({ source: 'simulated', startedAt: T0, channels: CH3 });
    r.recorder.record({ t: T0 + 1, kind: 'alarm', data: { channel: 'temp', msg: '=HYPERLINK("x")' } });
    r.recorder.pushFrames({ channels: 3, frames: 10, data: framesOf(T0, 1, 10, 3, value) });
    r.recorder.record({ t: T0 + 5, kind: 'operator', data: { command: 'stop' } });
    r.recorder.endSession(T0 + 10);
    const [s] = await r.recorder.request<SessionInfo[]>({ op: 'list' });
    await r.recorder.request({ op: 'export', exportId: 'ev', request: ExportRequestSchema.parse({ sessionId: s?.id, eventsSidecar: true }) });
    expect((await r.waitExport('ev')).state).toBe('done');
    const main = await r.recorder.request<string>({ op: 'exportFile', exportId: 'ev' });
    const rows = parseCsv((await readFile(main.replace(/\.csv$/, '.events.csv'), 'utf8')).slice(1));
    expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'Kind', 'Data']);
    expect(rows.slice(1).map((x) => x[2])).toEqual(['alarm', 'operator']);
    expect(JSON.parse(rows[1]?.[3] ?? '')).toEqual({ channel: 'temp', msg: '=HYPERLINK("x")' });
    expect(rows[2]?.[1]).toBe('0.005');
  });

  it('Parquet round trip read back with DuckDB', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const frames = 3000;
    const id = await recordSession(r, frames, CH3);
    await r.recorder.request({ op: 'export', exportId: 'pq', request: ExportRequestSchema.parse({ sessionId: id, format: 'parquet' }) });
    expect((await r.waitExport('pq')).state).toBe('done');
    const file = await r.recorder.request<string>({ op: 'exportFile', exportId: 'pq' });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const reader = await con.runAndReadAll(`SELECT epoch_us("Time (UTC)")::DOUBLE, "Seconds", "Epoch ms", "temp [°C]", "pressure [kPa]", "flow [l/min]" FROM read_parquet('${file}')`);
    const rows = reader.getRowsJS() as number[][];
    expect(rows).toHaveLength(frames);
    for (let f = 0; f < frames; f++) {
      const row = rows[f] as number[];
      expect(row[0]).toBe(Math.round((T0 + f) * 1000));
      expect(row[1]).toBe(f / 1000);
      expect(row[2]).toBe(T0 + f);
      for (let c = 0; c < 3; c++) expect(row[3 + c]).toBe(value(f, c));
    }
    con.closeSync();
    db.closeSync();
  });

  it('Parquet marks its timestamps UTC: TIMESTAMP(isAdjustedToUTC=true, MICROS), read back as TIMESTAMPTZ at the same instants in any time zone', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const id = await recordSession(r, 10, CH3);
    await r.recorder.request({ op: 'export', exportId: 'tz', request: ExportRequestSchema.parse({ sessionId: id, format: 'parquet' }) });
    expect((await r.waitExport('tz')).state).toBe('done');
    const file = await r.recorder.request<string>({ op: 'exportFile', exportId: 'tz' });
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const schema = (await con.runAndReadAll(`SELECT type, logical_type, converted_type FROM parquet_schema('${file}') WHERE name = 'Time (UTC)'`)).getRowsJS();
    expect(schema).toEqual([['INT64', 'TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))', 'TIMESTAMP_MICROS']]);
    // A reader in another zone sees the same instants (no local-time shift).
    await con.run(`SET TimeZone = 'America/New_York'`);
    const rows = (await con.runAndReadAll(`SELECT typeof("Time (UTC)"), epoch_us("Time (UTC)")::DOUBLE FROM read_parquet('${file}')`)).getRowsJS();
    expect(rows).toEqual(Array.from({ length: 10 }, (_, f) => ['TIMESTAMP WITH TIME ZONE', Math.round((T0 + f) * 1000)]));
    con.closeSync();
    db.closeSync();
  });

  it('a cancelled export leaves no partial file; a bad channel is named', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    const id = await recordSession(r, 200_000, CH3);
    await r.recorder.request({ op: 'export', exportId: 'cx', request: ExportRequestSchema.parse({ sessionId: id }) });
    await r.recorder.request({ op: 'cancelExport', exportId: 'cx' });
    const end = await r.waitExport('cx');
    expect(end.state).toBe('cancelled');
    expect(end.error).toContain('cancelled');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(join(folder, 'exports'))).toEqual([]);
    await r.recorder.request({ op: 'export', exportId: 'bad', request: ExportRequestSchema.parse({ sessionId: id, channels: [7] }) });
    const bad = await r.waitExport('bad');
    expect(bad.state).toBe('failed');
    expect(bad.error).toContain('no channel 7');
  });

  it('an unwritable folder stops recording with a clear error; monitoring data is counted, not lost silently', async () => {
    const dir = await tempDir();
    const file = join(dir, 'plain-file');
    await writeFile(file, 'not a folder');
    const r = rec(join(file, 'recordings'));
    const st = await r.recorder.ready();
    expect(st.lastError).toMatch(/Recording stopped: .*(ENOTDIR|not a directory)/i);
    r.recorder.beginSession({ source: 'simulated', startedAt: T0, channels: CH3 });
    r.recorder.pushFrames({ channels: 3, frames: 10, data: framesOf(T0, 1, 10, 3, value) });
    const after = await r.waitFor((s) => s.droppedRows === 10);
    expect(after.active).toBe(false);
    expect(after.lastError).toContain('plain-file');
  });

  it('a write error mid-session keeps what was flushed and recording resumes after the fix', async () => {
    const folder = await tempDir();
    const r = rec(folder);
    await r.recorder.ready();
    r.recorder.beginSession({ source: 'simulated', startedAt: T0, channels: CH3 });
    r.recorder.pushFrames({ channels: 3, frames: 1000, data: framesOf(T0, 1, 1000, 3, value) });
    await r.waitFor((s) => s.rowsWritten === 1000);
    await r.recorder.request({ op: 'injectWriteError', message: 'ENOSPC: no space left on device (simulated)' });
    r.recorder.pushFrames({ channels: 3, frames: 500, data: framesOf(T0 + 1000, 1, 500, 3, value) });
    const failed = await r.waitFor((s) => s.lastError !== null);
    expect(failed.lastError).toContain('ENOSPC: no space left on device');
    expect(failed.active).toBe(false);
    await r.recorder.request({ op: 'resume' });
    r.recorder.pushFrames({ channels: 3, frames: 200, data: framesOf(T0 + 2000, 1, 200, 3, value) });
    const resumed = await r.waitFor((s) => s.lastError === null && s.rowsWritten === 1200);
    expect(resumed.droppedRows).toBe(500);
    r.recorder.endSession(T0 + 3000);
    const [s] = await r.recorder.request<SessionInfo[]>({ op: 'list' });
    expect(s?.frames).toBe(1200);
  });
});
