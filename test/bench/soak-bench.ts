// soak — the app left running: the simulator at 10 k frames/s × 8 channels, recording on,
// 8 alarm rules with all four limits (32 limit conditions), two WebSocket clients taking
// every event, for N minutes (`--minutes N`, default 3). After a warm-up (a third of the run,
// at most 20 min: at this rate RSS rises for about the first 17 min, while the recorder's DuckDB
// buffer pool fills towards its 256 MB limit, and then stays flat; a bounded fill is not a leak)
// it samples the main process every 5 s and reports the RSS and heap slopes (least squares,
// MB/hour; heap after a full GC) and the event-loop delay p99 (the histogram is paused around
// those GCs so they do not count).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import type { RecordingStatus } from '@shared/domain/recording.js';
import { createEngine } from '../../src-main/engine/index.js';
import { startHostServer } from '../../src-main/host/server.js';
import { builtRecorderFile, builtWorkerFile, repoRoot } from './paths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MB = 1048576;

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export function soakMinutesFromArgv(argv: string[]): number | undefined {
  const i = argv.indexOf('--minutes');
  if (i < 0) return undefined;
  const m = Number(argv[i + 1]);
  if (!Number.isFinite(m) || m <= 0) throw new Error(`--minutes needs a positive number, got "${argv[i + 1] ?? ''}"`);
  return m;
}

export async function runSoakBench(minutes = 3, channels = 8): Promise<object> {
  const gc = fullGc();
  const dataDir = await mkdtemp(join(tmpdir(), 'th-bench-soak-'));
  const rule = (c: number) => ({ channel: c, hihi: { value: 0.9, deadband: 0.02 }, hi: { value: 0.7, deadband: 0.02 }, lo: { value: -0.7, deadband: 0.02 }, lolo: { value: -0.9, deadband: 0.02 } });
  const config = {
    version: 1,
    device: { autoStart: true, rateHz: 10_000, channels },
    alarms: { rules: Array.from({ length: channels }, (_, c) => rule(c)) },
    recording: { enabled: true },
  };
  await writeFile(join(dataDir, 'config.json'), JSON.stringify(config));
  const logger = pino({ level: 'silent' });
  const engine = await createEngine({ dataDir, workerFile: builtWorkerFile(), recorderWorkerFile: builtRecorderFile(), logger });
  let recording: RecordingStatus | undefined;
  let rowsRecorded = 0;
  engine.api.on('recording', (s) => {
    recording = s;
    rowsRecorded = Math.max(rowsRecorded, s.rowsWritten);
  });
  await engine.start();
  const server = await startHostServer({ api: engine.api, rendererDir: join(dataDir, 'none'), host: '127.0.0.1', port: 0, logger, exports: { file: (id, part) => engine.exportFile(id, part) } });
  const clients = spawn(process.execPath, [resolve(repoRoot, 'test/bench/soak-clients.mjs'), server.url, '2'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
  let clientOut = '';
  clients.stdout.on('data', (d: Buffer) => (clientOut += d.toString()));

  const totalMs = minutes * 60_000;
  const warmupMs = Math.min(totalMs / 3, 20 * 60_000);
  const t0 = performance.now();
  await sleep(warmupMs);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const hours: number[] = [];
  const rss: number[] = [];
  const heap: number[] = [];
  while (performance.now() - t0 < totalMs) {
    delay.disable();
    gc();
    const m = process.memoryUsage();
    delay.enable();
    hours.push((performance.now() - t0) / 3_600_000);
    rss.push(m.rss / MB);
    heap.push(m.heapUsed / MB);
    if (hours.length % 12 === 0) process.stderr.write(`  soak ${Math.round((performance.now() - t0) / 60_000)} min: rss ${Math.round(m.rss / MB)} MB, heap ${Math.round(m.heapUsed / MB)} MB\n`);
    await sleep(5000);
  }
  delay.disable();
  const snap = await engine.api.getSnapshot();
  const frames = snap.ok ? snap.value.metrics.framesTotal : 0;
  clients.stdin.end();
  await new Promise<void>((r) => clients.once('exit', () => r()));
  const counts = JSON.parse(clientOut.trim() || '[]') as { messages: number; bytes: number; closed: boolean }[];
  await server.close();
  await engine.close();
  await rm(dataDir, { recursive: true, force: true });
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    bench: 'soak',
    minutes,
    warmupMinutes: round(warmupMs / 60_000),
    channels,
    rateHz: 10_000,
    alarmConditions: channels * 4,
    rssSlopeMbPerHour: round(slope(hours, rss)),
    heapSlopeMbPerHour: round(slope(hours, heap)),
    loopDelayP99Ms: round(delay.percentile(99) / 1e6),
    loopDelayMaxMs: round(delay.max / 1e6),
    rssMb: Math.round(rss.at(-1) ?? 0),
    heapMb: Math.round(heap.at(-1) ?? 0),
    samples: hours.length,
    framesPerSec: Math.round(frames / (totalMs / 1000)),
    rowsRecorded,
    droppedRows: recording?.droppedRows ?? 0,
    recordingError: recording?.lastError ?? null,
    clientMessages: counts.map((c) => c.messages),
  };
}
