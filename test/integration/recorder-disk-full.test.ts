// A real full disk: the recorder writes into a tiny tmpfs until it is full. Recording stops
// with a clear error, what was committed stays readable, and after the operator makes room
// (the tmpfs is grown) recording resumes. Needs root to mount tmpfs: skipped, with the
// reason, where mounting is not allowed (the injected-error test in recorder.test.ts covers it).
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionInfo } from '@shared/domain/recording.js';
import { afterAll, describe, expect, it } from 'vitest';
import { framesOf, startRecorder, tempDir, type TestRecorder } from '../helpers/recorder.js';

let mountPoint = '';
let mountError = '';
try {
  mountPoint = join(await tempDir('th-full-'), 'disk');
  await mkdir(mountPoint);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { stdio: 'pipe' });
} catch (err) {
  mountError = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
  mountPoint = '';
}

const open: TestRecorder[] = [];
afterAll(async () => {
  await Promise.all(open.map((r) => r.recorder.close().catch(() => undefined)));
  if (mountPoint) execFileSync('umount', ['-l', mountPoint]);
});

const CH = [0, 1, 2, 3].map((i) => ({ index: i, name: `ch${i + 1}`, unit: '' }));

describe('disk full', () => {
  it.skipIf(!mountPoint)(`stops with a clear error, keeps committed data, resumes once there is room${mountPoint ? '' : ` (skipped: cannot mount tmpfs: ${mountError})`}`, async () => {
    const r = startRecorder(mountPoint, { flushMs: 50 });
    open.push(r);
    expect((await r.recorder.ready()).lastError).toBeNull();
    r.recorder.beginSession({ source: 'simulated', startedAt: 0, channels: CH });
    // Noise does not compress: ~40 bytes a frame, so 3 MB fills within a few 100 k frames.
    let t = 0;
    let committedBeforeError = 0;
    for (let i = 0; i < 200 && r.recorder.status.lastError === null; i++) {
      committedBeforeError = r.recorder.status.rowsWritten;
      r.recorder.pushFrames({ channels: 4, frames: 5000, data: framesOf(t, 1, 5000, 4, () => Math.random()) });
      t += 5000;
      await new Promise((res) => setTimeout(res, 60));
    }
    const failed = await r.waitFor((s) => s.lastError !== null, 30_000);
    expect(failed.lastError).toMatch(/Recording stopped: .*(space|disk|full|ENOSPC|IO Error)/i);
    expect(failed.active).toBe(false);
    console.info(`disk full: ${failed.lastError}`);

    // The operator makes room; recording resumes into the same session.
    execFileSync('mount', ['-o', 'remount,size=64m', mountPoint]);
    await r.recorder.request({ op: 'resume' });
    r.recorder.pushFrames({ channels: 4, frames: 1000, data: framesOf(t, 1, 1000, 4, () => 1) });
    await r.waitFor((s) => s.lastError === null && s.lagRows === 0, 30_000);
    r.recorder.endSession(t + 1000);
    const [s] = await r.recorder.request<SessionInfo[]>({ op: 'list' });
    expect(s?.frames).toBeGreaterThanOrEqual(committedBeforeError + 1000);
    expect(r.recorder.status.droppedRows).toBeGreaterThan(0);
  });
});
