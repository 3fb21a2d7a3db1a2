// A randomized operator against the recorder while it records at a high rate: folder
// changes, stop/start, deletes, exports, history queries and write errors in a random
// (seeded) order. Afterwards recording still works, every listed session reads back,
// and every row sent is either in a session of one of the two files or counted as
// dropped — nothing vanishes and nothing is written twice.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ExportProgress, HistorySeries, SessionInfo } from '@shared/domain/recording.js';
import { ExportRequestSchema } from '@shared/domain/recording.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecorder, tempDir, type TestRecorder } from '../helpers/recorder.js';
import { until } from '../helpers/until.js';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const CHANNELS = 8;
const CH = Array.from({ length: CHANNELS }, (_, i) => ({ index: i, name: `ch${i + 1}`, unit: 'V' }));
/** Frame k carries t = T0 + k and value k·8 + c: every stored row can be checked on its own. */
const valueOf = (k: number, c: number): number => k * CHANNELS + c;

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const open: TestRecorder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.recorder.close().catch(() => undefined)));
});

interface FileRows {
  sessions: { id: number; frames: number; stored: number; bad: number; distinct: number }[];
}

/** Reads a recordings file directly: per session its listed frames, stored rows, rows with wrong values, distinct timestamps. */
async function readFile(folder: string): Promise<FileRows> {
  const db = await DuckDBInstance.create(join(folder, 'recordings.duckdb'));
  const con = await db.connect();
  try {
    const list = (await con.runAndReadAll(`SELECT id, frames::DOUBLE FROM sessions ORDER BY id`)).getRowsJS();
    const sessions: FileRows['sessions'] = [];
    for (const [id, frames] of list) {
      const wrong = Array.from({ length: CHANNELS }, (_, c) => `v${c} <> (t - ${T0}) * ${CHANNELS} + ${c}`).join(' OR ');
      const [row] = (
        await con.runAndReadAll(
          `SELECT count(*)::DOUBLE, count(*) FILTER (WHERE ${wrong})::DOUBLE, count(DISTINCT t)::DOUBLE FROM samples_${Number(id)}`,
        )
      ).getRowsJS();
      sessions.push({ id: Number(id), frames: Number(frames), stored: Number(row?.[0]), bad: Number(row?.[1]), distinct: Number(row?.[2]) });
    }
    return { sessions };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

/** Errors a request may meet while the database is switching or stopped; anything else is a fault. */
const EXPECTED = /Recording stopped|switching to folder|is closing|not open|still recording|recorder thread was replaced/;
const BROKEN = /pending query result|connection disconnected|bad_weak_ptr|closed/i;

describe('recorder under a randomized operator', () => {
  const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);

  it(`folder changes, stop/start, deletes, exports, history and write errors while recording fast never break it (seed ${seed})`, { timeout: 120_000 }, async () => {
    const rand = prng(seed);
    const folders = [await tempDir('th-chaos-a-'), await tempDir('th-chaos-b-')];
    let folder = folders[0] as string;
    const r = startRecorder(folder, { flushMs: 50, retryMs: 200 });
    open.push(r);
    const rec = r.recorder;
    await rec.ready();

    let k = 0;
    let sent = 0;
    const push = (): void => {
      const n = 1000;
      if (!rec.wantsFrames) return;
      const data = new Float64Array(n * (1 + CHANNELS));
      for (let f = 0; f < n; f++) {
        data[f] = T0 + k + f;
        for (let c = 0; c < CHANNELS; c++) data[n + f * CHANNELS + c] = valueOf(k + f, c);
      }
      k += n;
      sent += n;
      rec.pushFrames({ channels: CHANNELS, frames: n, data });
    };
    const producer = setInterval(push, 10); // up to 100 k frames/s × 8 channels

    const errors: string[] = [];
    const exportsAsked: { exportId: string; frames: number }[] = [];
    const deleted = new Map<string, number>();
    const ask = async <T,>(req: Parameters<typeof rec.request>[0]): Promise<T | undefined> => {
      try {
        return await rec.request<T>(req);
      } catch (err) {
        errors.push(`${req.op}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    };
    const finished = async (): Promise<SessionInfo[]> => ((await ask<SessionInfo[]>({ op: 'list' })) ?? []).filter((s) => !s.recording);
    const start = (): void => rec.beginSession({ source: 'chaos', startedAt: Date.now(), channels: CH });

    start();
    const ops = ['folder', 'stopStart', 'stop', 'start', 'delete', 'export', 'history', 'writeError'] as const;
    for (let i = 0; i < 40; i++) {
      await new Promise((res) => setTimeout(res, 30 + rand() * 150));
      const op = ops[Math.floor(rand() * ops.length)];
      switch (op) {
        case 'folder':
          folder = folders[folder === folders[0] ? 1 : 0] as string;
          await ask({ op: 'resume', folder });
          break;
        case 'stopStart':
          rec.endSession(Date.now());
          start();
          break;
        case 'stop':
          rec.endSession(Date.now());
          break;
        case 'start':
          if (!rec.sessionOpen) start();
          break;
        case 'delete': {
          const s = (await finished())[0];
          if (s && (await ask({ op: 'delete', sessionId: s.id }))) deleted.set(`${folder}#${s.id}`, s.frames);
          break;
        }
        case 'export': {
          const s = (await finished()).at(-1);
          const exportId = `x${i}`;
          if (s && (await ask({ op: 'export', exportId, request: ExportRequestSchema.parse({ sessionId: s.id }) }))) exportsAsked.push({ exportId, frames: s.frames });
          break;
        }
        case 'history': {
          const id = rec.status.sessionId;
          if (id !== null) await ask<HistorySeries>({ op: 'history', query: { sessionId: id, buckets: 50 } });
          break;
        }
        case 'writeError':
          await ask({ op: 'injectWriteError', message: 'EIO: simulated write error' });
          break;
      }
    }
    clearInterval(producer);
    rec.endSession(Date.now());

    // Every request answered; none failed with a broken connection, only with the expected "switching/stopped" words.
    expect(errors.filter((e) => BROKEN.test(e) || !EXPECTED.test(e))).toEqual([]);
    // Every export ends: done with every row of its session, or stopped by a folder change / error with that reason.
    await until(() => exportsAsked.every((x) => r.progress.some((p) => p.exportId === x.exportId && p.state !== 'running')), 60_000, 'exports to end');
    for (const x of exportsAsked) {
      const last = r.progress.filter((p) => p.exportId === x.exportId).at(-1) as ExportProgress;
      if (last.state === 'done') expect(last.rowsDone).toBe(x.frames);
      else expect(last.error).toMatch(/recording database closed \((folder change|write error)\)/);
    }

    // Afterwards recording works: the recorder is healthy and a new session records every frame.
    await until(() => rec.status.lastError === null && rec.status.lagRows === 0, 30_000, () => `a healthy recorder: ${JSON.stringify(rec.status)}`);
    start();
    const before = sent;
    for (let i = 0; i < 5; i++) push();
    rec.endSession(Date.now());
    await until(() => rec.status.lagRows === 0, 30_000, 'the last session to settle');
    expect(sent - before).toBe(5000);
    const list = (await rec.request<SessionInfo[]>({ op: 'list' })) ?? [];
    expect(list[0]?.frames).toBe(5000);
    // Every listed session reads back through history with the frames it lists.
    for (const s of list) {
      const h = await rec.request<HistorySeries>({ op: 'history', query: { sessionId: s.id, buckets: 10 } });
      expect(h.frames, `session ${s.id}`).toBe(s.frames);
    }
    const dropped = rec.status.droppedRows;
    expect(rec.restartCount).toBe(0); // the worker itself recovered: no thread was replaced
    await rec.close();

    // Every committed row is there, once, with its values; with the drops it adds up to what was sent.
    let stored = 0;
    for (const f of folders) {
      for (const s of (await readFile(f)).sessions) {
        expect(s, `${f} session ${s.id}`).toMatchObject({ stored: s.frames, bad: 0, distinct: s.frames });
        stored += s.stored;
      }
    }
    const deletedRows = [...deleted.values()].reduce((a, b) => a + b, 0);
    expect(stored + deletedRows + dropped).toBe(sent);
  });
});
