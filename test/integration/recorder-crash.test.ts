// kill -9 while recording, 20 times at random moments after the first commit: every session is still
// there after restart, marked interrupted, and misses at most the flush interval.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { HistorySeries, SessionInfo } from '@shared/domain/recording.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecorder, tempDir, type TestRecorder } from '../helpers/recorder.js';

const CHILD = resolve(import.meta.dirname, 'fixtures/recorder-child.ts');
const FLUSH_MS = 100;
/** Timer and scheduling slack on a shared 2-core machine, on top of the flush interval. */
const SLACK_MS = 150;
const KILLS = 20;

const open: TestRecorder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.recorder.close().catch(() => undefined)));
});

/** Runs the child until its first rows are committed, waits `ms`, kills it with SIGKILL; returns the kill time. */
async function recordAndKill(folder: string, ms: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, folder, String(FLUSH_MS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolveReady, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('committed')) resolveReady();
      if (out.includes('error')) reject(new Error(out));
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code}): ${out}`)));
  });
  await new Promise((r) => setTimeout(r, ms));
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return killedAt;
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs while recording`, { timeout: 240_000 }, async () => {
    const folder = await tempDir();
    const kills: number[] = [];
    for (let i = 0; i < KILLS; i++) kills.push(await recordAndKill(folder, Math.floor(Math.random() * 1000)));

    const r = startRecorder(folder);
    open.push(r);
    const st = await r.recorder.ready();
    expect(st.lastError).toBeNull();
    // Each child recovered the previous run's session on start; this restart recovers the last one.
    const sessions = (await r.recorder.request<SessionInfo[]>({ op: 'list' })).sort((a, b) => a.id - b.id);
    expect(sessions).toHaveLength(KILLS);
    let worst = 0;
    for (const [i, s] of sessions.entries()) {
      expect(s.interrupted).toBe(true);
      expect(s.endedAt).not.toBeNull();
      expect(s.frames).toBeGreaterThan(0);
      const h = await r.recorder.request<HistorySeries>({ op: 'history', query: { sessionId: s.id, buckets: 100 } });
      expect(h.frames).toBe(s.frames);
      const missing = (kills[i] as number) - (s.endedAt as number);
      worst = Math.max(worst, missing);
      expect(missing).toBeLessThanOrEqual(FLUSH_MS + SLACK_MS);
    }
    console.info(`crash test: worst missing span ${worst} ms (flush ${FLUSH_MS} ms)`);
  });
});
