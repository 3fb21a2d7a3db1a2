// End to end through a real pty: emulator process → socat → serial link → pipeline
// (built worker, lossless reject policy, backpressure pauses the port). Lost frames are
// counted by sequence number: frames sent minus frames decoded, and sequence gaps seen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialLinkSchema } from '@shared/domain/link.js';
import { createSerialLink } from '../../src-main/engine/link/serial-link.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { startEmulator } from '../helpers/emulator.js';
import { startPtyPair } from '../helpers/pty.js';
import { builtWorkerFile } from './paths.js';

export interface SerialPtyBenchResult {
  bench: 'serial-pty';
  channels: number;
  frames: number;
  framesPerSec: number;
  bytesPerSec: number;
  /** Frames sent minus frames decoded. */
  lost: number;
  /** Frames the sequence numbers say are missing, and the jumps seen. */
  lostBySeq: number;
  seqGaps: number;
  seconds: number;
}

export async function runSerialPtyBench(frames = 300_000, channels = 8): Promise<SerialPtyBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'th-bench-pty-'));
  const pty = await startPtyPair(join(dir, 'a'), join(dir, 'b'));
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const link = createSerialLink(SerialLinkSchema.parse({ kind: 'serial', path: pty.b, baudRate: 921600 }));
  const pipeline = new Pipeline({
    pool,
    channels,
    periodMs: 0.01,
    bucketMs: 6,
    queueCapacity: 1000,
    overflowPolicy: 'reject',
    publishHz: 60,
    onPublish: () => {},
    onBackpressure: (active) => link.setThrottled(active),
  });
  let first = 0;
  link.onData((chunk) => {
    if (first === 0) first = performance.now();
    pipeline.ingest(chunk);
  });
  await link.open();
  const emu = await startEmulator({ mode: 'serial', path: pty.a, channels, rateHz: 0, frames, chunkFrames: 512 });
  try {
    const deadline = Date.now() + 120_000;
    while (pipeline.counters.frames + pipeline.counters.linesRejected + pipeline.counters.decodeErrors < frames && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
    }
    const seconds = (performance.now() - first) / 1000;
    await pipeline.idle();
    const c = pipeline.counters;
    return {
      bench: 'serial-pty',
      channels,
      frames,
      framesPerSec: Math.round(c.frames / seconds),
      bytesPerSec: Math.round(c.bytesIn / seconds),
      lost: frames - c.frames,
      lostBySeq: pipeline.integrity().framesLost,
      seqGaps: c.seqGaps,
      seconds: Number(seconds.toFixed(2)),
    };
  } finally {
    await emu.stop();
    await link.close();
    pipeline.close();
    await pool.close();
    await pty.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
