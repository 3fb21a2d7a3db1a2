// MQTT out through the real engine: every frame the engine measured (and recorded) reaches a
// subscriber of the station's sample topics, exactly once and with the recorded values.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { connectAsync } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonSamples } from '@shared/domain/mqtt-out.js';
import type { ExportProgress, SessionInfo } from '@shared/domain/recording.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { startBroker } from '../helpers/mqtt-broker.js';
import { parseCsv } from '../helpers/csv-parse.js';
import { tempDir } from '../helpers/recorder.js';
import { until } from '../helpers/until.js';
import { testEngineWithRecorder } from '../helpers/worker.js';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

describe('engine MQTT out', () => {
  it('publishes every recorded frame of a session to the station topic tree, values as recorded', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const dataDir = await tempDir('th-mqtt-out-');
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    await writeFile(
      join(dataDir, 'config.json'),
      JSON.stringify({ version: 1, device: { autoStart: false, rateHz: 500, channels: 3 }, mqttOut: { enabled: true, connection: { url: broker.url }, root: 'plant', station: 'bench-7', intervalMs: 50 } }),
    );
    // In publish order (one publisher, QoS 1: the broker keeps the order); times may repeat across batches.
    const seen: { t: number; v: number[] }[] = [];
    const sub = await connectAsync(broker.url, { reconnectPeriod: 0 });
    cleanup.push(() => sub.endAsync(true));
    sub.on('message', (topic, payload) => {
      if (topic !== 'plant/bench-7/samples/g0') return;
      const m = JSON.parse(payload.toString()) as JsonSamples;
      m.t.forEach((t, i) => seen.push({ t, v: [m.channels.ch1?.[i] as number, m.channels.ch2?.[i] as number, m.channels.ch3?.[i] as number] }));
    });
    await sub.subscribeAsync('plant/bench-7/#', { qos: 1 });

    const engine: Engine = await createEngine({ dataDir, ...testEngineWithRecorder, logger: pino({ level: 'silent' }) });
    cleanup.push(() => engine.close());
    await engine.start();
    const exports: ExportProgress[] = [];
    engine.api.on('exportProgress', (p) => exports.push(p));
    const snap0 = await engine.api.getSnapshot();
    expect(snap0.ok && snap0.value.mqttOut?.target).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+ plant\/bench-7$/);
    await engine.api.deviceCommand('start');
    await new Promise((r) => setTimeout(r, 1500));
    await engine.api.deviceCommand('stop');
    let session: SessionInfo | undefined;
    for (let i = 0; i < 300 && !(session && session.endedAt !== null && !session.recording); i++) {
      const l = await engine.api.listSessions();
      session = l.ok ? l.value[0] : undefined;
      await new Promise((r) => setTimeout(r, 20));
    }
    if (!session) throw new Error('no session');
    await until(() => seen.length === session.frames, 10_000, () => `${session.frames} frames published (got ${seen.length})`);
    const started = await engine.api.startExport({ sessionId: session.id });
    if (!started.ok) throw new Error(started.error.message);
    await until(() => exports.some((p) => p.exportId === started.value.exportId && p.state === 'done'), 20_000, 'export');
    const file = await engine.exportFile(started.value.exportId);
    const rows = parseCsv((await readFile(file?.path ?? '', 'utf8')).replace(/^\uFEFF/, '')).slice(1).filter((r) => r.length > 1);
    expect(rows.length).toBe(session.frames);
    // Row by row, the recorded values are the ones the subscriber received, in the same order.
    expect(seen.map((x) => x.v)).toEqual(rows.map((r) => [Number(r[2]), Number(r[3]), Number(r[4])]));
    const snap = await engine.api.getSnapshot();
    expect(snap.ok && snap.value.mqttOut).toMatchObject({ connected: true, dropped: 0 });
  });
});
