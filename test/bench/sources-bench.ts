// Sources: `replay` (a recorded session into the pipeline as fast as it takes it), `mqtt`
// (messages through a local aedes broker into the pipeline, none lost) and `modbus`
// (100 holding registers polled at 100 Hz over TCP: poll latency percentiles).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { FrameFormatSchema } from '@shared/domain/frame-format.js';
import { ModbusLinkSchema } from '@shared/domain/link-modbus.js';
import { MqttLinkSchema } from '@shared/domain/link-mqtt.js';
import { ModbusLink } from '../../src-main/engine/link/modbus/modbus-link.js';
import { MqttLink } from '../../src-main/engine/link/mqtt/mqtt-link.js';
import { ReplayPlayer } from '../../src-main/engine/link/replay/replay-player.js';
import { SessionReplayReader } from '../../src-main/engine/link/replay/session-reader.js';
import { wireFormat } from '../../src-main/engine/link/wire/wire-format.js';
import { Pipeline } from '../../src-main/engine/pipeline/pipeline.js';
import { WorkerPool } from '../../src-main/engine/pipeline/worker-pool.js';
import { Recorder } from '../../src-main/engine/recorder/recorder.js';
import type { FrameBlock, SessionSpan } from '../../src-main/engine/recorder/replay-read.js';
import { emptyBank, startModbusTcp } from '../helpers/modbus-server.js';
import { startBroker } from '../helpers/mqtt-broker.js';
import { builtRecorderFile, builtWorkerFile } from './paths.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lossless(pool: WorkerPool, format: ReturnType<typeof FrameFormatSchema.parse>, onBackpressure: (a: boolean) => void): Pipeline {
  return new Pipeline({ pool, channels: 8, periodMs: 0, bucketMs: 6, queueCapacity: 1000, overflowPolicy: 'reject', publishHz: 60, format, onPublish: () => {}, onBackpressure });
}

export async function runReplayBench(frames = 2_000_000, channels = 8): Promise<object> {
  const dir = await mkdtemp(join(tmpdir(), 'th-bench-replay-'));
  const recorder = new Recorder({ workerFile: builtRecorderFile(), folder: dir, exportsDir: join(dir, 'exports'), flushMs: 250, threads: 2, maxLagRows: frames * 2 });
  await recorder.ready();
  // The recorded session: `frames` frames of `channels` values, 1 ms apart.
  const names = Array.from({ length: channels }, (_, i) => ({ index: i, name: `ch${i + 1}`, unit: '' }));
  recorder.beginSession({ source: 'bench', startedAt: 1_700_000_000_000, channels: names });
  for (let done = 0; done < frames; ) {
    const n = Math.min(50_000, frames - done);
    const data = new Float64Array(n * (1 + channels));
    for (let i = 0; i < n; i++) {
      data[i] = 1_700_000_000_000 + done + i;
      for (let c = 0; c < channels; c++) data[n + i * channels + c] = Math.sin((done + i) / 100) * (c + 1);
    }
    recorder.pushFrames({ channels, frames: n, data });
    done += n;
    while (recorder.status.lagRows > 500_000) await sleep(5);
  }
  recorder.endSession(1_700_000_000_000 + frames);
  while (recorder.status.lagRows > 0) await sleep(10);
  const sessions = await recorder.request<{ id: number }[]>({ op: 'list' });
  const sessionId = sessions[0]?.id ?? 1;

  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const reader = new SessionReplayReader(
    {
      span: (id) => recorder.request<SessionSpan>({ op: 'replaySpan', sessionId: id }),
      read: (id, ch, index, max) => recorder.request<FrameBlock>({ op: 'replayRead', sessionId: id, channels: ch, index, max }),
      indexAt: (id, timeMs) => recorder.request<number>({ op: 'replayIndexAt', sessionId: id, timeMs }),
    },
    sessionId,
  );
  const player = new ReplayPlayer(reader, { description: 'bench', channels, speed: 1, asFastAsPossible: true, loop: false });
  let pause: (a: boolean) => void = () => undefined;
  const pipeline = lossless(pool, wireFormat(names, true), (a) => pause(a));
  const t0 = performance.now();
  const transport = await player.attach({ onData: (b) => pipeline.ingest(b), onLost: (e) => process.stderr.write(`replay lost: ${e.message}\n`) });
  pause = (a) => transport.setPaused(a);
  while (player.status().state !== 'ended') await sleep(5);
  await pipeline.idle();
  const seconds = (performance.now() - t0) / 1000;
  const c = pipeline.counters;
  await transport.close();
  pipeline.close();
  await pool.close();
  await recorder.close();
  await rm(dir, { recursive: true, force: true });
  return { bench: 'replay', channels, frames, framesPerSec: Math.round(c.frames / seconds), lost: frames - c.frames, rejected: c.linesRejected, seconds: Number(seconds.toFixed(2)) };
}

export async function runMqttBench(messages = 200_000): Promise<object> {
  const broker = await startBroker();
  const format = FrameFormatSchema.parse({ kind: 'kv' });
  const link = new MqttLink(MqttLinkSchema.parse({ kind: 'mqtt', url: broker.url, topics: ['bench/#'] }), { format: () => format });
  const pool = new WorkerPool({ workerFile: builtWorkerFile() });
  const pipeline = lossless(pool, format, (a) => link.setThrottled(a));
  link.onData((b) => pipeline.ingest(b));
  await link.open();
  const pub = await connectAsync(broker.url, { reconnectPeriod: 0 });
  const t0 = performance.now();
  for (let i = 0; i < messages; i++) {
    pub.publish(`bench/${i % 8}`, `seq:${i} a:${i} b:${i * 0.5} c:${-i}`, { qos: 0 });
    // Let the socket drain now and then (the publisher is not what is measured).
    if (i % 2000 === 1999) await new Promise<void>((r) => setImmediate(r));
  }
  const deadline = Date.now() + 60_000;
  while (link.messages < messages && Date.now() < deadline) await sleep(5);
  const seconds = (performance.now() - t0) / 1000;
  await pipeline.idle();
  const c = pipeline.counters;
  await pub.endAsync(true);
  await link.close();
  pipeline.close();
  await pool.close();
  await broker.stop();
  return { bench: 'mqtt', messages, messagesPerSec: Math.round(link.messages / seconds), lost: messages - c.frames, decodeErrors: c.decodeErrors, seconds: Number(seconds.toFixed(2)) };
}

export async function runModbusBench(seconds = 10, registers = 100, hz = 100): Promise<object> {
  const bank = emptyBank();
  for (let a = 0; a < registers; a++) bank.holding.set(a, a * 3);
  const server = await startModbusTcp(bank);
  const latencies: number[] = [];
  const link = new ModbusLink(
    ModbusLinkSchema.parse({
      kind: 'modbus',
      transport: { mode: 'tcp', host: '127.0.0.1', port: server.port },
      pollMs: 1000 / hz,
      // 32 channels (the channel limit) spread over addresses 0…registers-1; maxGap makes it one
      // read of all `registers` registers per poll.
      maxGap: 3,
      registers: Array.from({ length: 32 }, (_, k) => ({ name: `r${k}`, address: Math.round((k * (registers - 1)) / 31) })),
    }),
    { onPoll: (ms) => latencies.push(ms) },
  );
  let frames = 0;
  link.onData(() => frames++);
  await link.open();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsed = (performance.now() - t0) / 1000;
  await link.close();
  await server.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(2));
  const failed = link.stats.reduce((n, s) => n + s.exceptions + s.timeouts + s.errors, 0);
  const perPoll = link.blocks.reduce((n, b) => n + b.length, 0);
  return { bench: 'modbus', registers: perPoll, requestsPerPoll: link.blocks.length, targetHz: hz, polls: latencies.length, pollsPerSec: Number((latencies.length / elapsed).toFixed(1)), p50Ms: pct(0.5), p95Ms: pct(0.95), p99Ms: pct(0.99), failed, frames };
}
