// A write error stops recording; the appender's close still commits the rows it held.
// If the folder then changes, the old file is never reopened (no crash recovery there):
// its session must still list exactly the rows its table holds.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestRecorder } from '../helpers/recorder.js';
import { framesOf, startRecorder, tempDir } from '../helpers/recorder.js';

const open: TestRecorder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.recorder.close().catch(() => undefined)));
});

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const CH3 = [0, 1, 2].map((index) => ({ index, name: `ch${index + 1}`, unit: 'V' }));

async function sessionsOf(folder: string): Promise<{ id: number; frames: number; stored: number }[]> {
  const db = await DuckDBInstance.create(join(folder, 'recordings.duckdb'));
  const con = await db.connect();
  try {
    const out = [];
    for (const [id, frames] of (await con.runAndReadAll(`SELECT id, frames::DOUBLE FROM sessions ORDER BY id`)).getRowsJS()) {
      const [row] = (await con.runAndReadAll(`SELECT count(*)::DOUBLE FROM samples_${Number(id)}`)).getRowsJS();
      out.push({ id: Number(id), frames: Number(frames), stored: Number(row?.[0]) });
    }
    return out;
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

describe('recorder: write error, then a folder change', () => {
  it('the interrupted session in the old folder lists the rows the appender committed on close', async () => {
    const [a, b] = [await tempDir('th-errfolder-a-'), await tempDir('th-errfolder-b-')];
    // No timer flush: the rows stay appended but uncounted until the error closes the appender.
    const r = startRecorder(a, { flushMs: 600_000, retryMs: 0 });
    open.push(r);
    const rec = r.recorder;
    await rec.ready();
    rec.beginSession({ source: 'test', startedAt: T0, channels: CH3 });
    rec.pushFrames({ channels: 3, frames: 5000, data: framesOf(T0, 1, 5000, 3, (f, c) => f * 3 + c) });
    await rec.request({ op: 'injectWriteError', message: 'EIO: simulated write error' });
    // A history request flushes first: the flush meets the injected error and stops recording.
    await expect(rec.request({ op: 'history', query: { sessionId: 1, buckets: 10 } })).rejects.toThrow(/EIO: simulated write error/);
    // The folder change waits for the old database to close: two full chunks (2 × 2048) committed by the appender's close, the rest lost.
    await rec.request({ op: 'resume', folder: b });
    await r.waitFor((s) => s.lagRows === 0 && s.lastError === null);
    expect(rec.status.droppedRows).toBe(5000 - 4096);
    rec.endSession(T0 + 5000);
    await rec.close();
    expect(await sessionsOf(a)).toEqual([{ id: 1, frames: 4096, stored: 4096 }]);
  });
});
