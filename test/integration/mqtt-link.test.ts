// MQTT as a source against an embedded broker (aedes): every published message is one
// decoded frame, in any frame format; topic levels can name channels; a broker outage is a
// lost link that reconnects when the broker is back.
import { afterEach, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { ConstantBackoff } from 'cockatiel';
import { FrameFormatSchema, type FrameFormat, type FrameFormatInput } from '@shared/domain/frame-format.js';
import { MqttLinkSchema, type MqttLinkInput } from '@shared/domain/link-mqtt.js';
import { MqttLink } from '../../src-main/engine/link/mqtt/mqtt-link.js';
import { sourceFormat } from '../../src-main/engine/link/source-format.js';
import type { LinkStatusEvent } from '../../src-main/engine/link/device-link.js';
import { BatchProcessor } from '../../src-main/engine/pipeline/process-batch.js';
import { binaryPayload } from '../../src-main/engine/protocol/frame-encoder.js';
import { startBroker } from '../helpers/mqtt-broker.js';
import { until } from '../helpers/until.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

async function publisher(url: string): Promise<MqttClient> {
  const c = await connectAsync(url, { reconnectPeriod: 0 });
  cleanup.push(() => c.endAsync(true));
  return c;
}

function linkFor(input: Omit<MqttLinkInput, 'kind'>, formatInput: FrameFormatInput) {
  const settings = MqttLinkSchema.parse({ kind: 'mqtt', ...input });
  const configured = FrameFormatSchema.parse(formatInput);
  const format: FrameFormat = sourceFormat(settings, configured) ?? configured;
  const link = new MqttLink(settings, { format: () => format, backoff: new ConstantBackoff(100) });
  cleanup.push(() => link.close());
  const proc = new BatchProcessor();
  const got = { rows: [] as Record<string, number>[], bad: 0, statuses: [] as LinkStatusEvent[] };
  let names: string[] = [];
  link.onData((bytes) => {
    const r = proc.process({ bytes, channels: 0, periodMs: 0, arrivedAt: 0, bucketMs: 0, format, names, full: true });
    if (r.names) names = r.names;
    else if (format.kind === 'binary') names = format.layout.map((f) => f.name);
    got.bad += r.malformed + r.nonNumeric + r.checksumFailures;
    const full = r.full as Float64Array;
    for (let f = 0; f < r.frames; f++) {
      const row: Record<string, number> = {};
      for (let c = 0; c < r.channels; c++) row[names[c] ?? `c${c}`] = full[r.frames + f * r.channels + c] as number;
      got.rows.push(row);
    }
  });
  link.onStatus((s) => got.statuses.push(s));
  return { link, got };
}

describe('MQTT source', () => {
  it('every JSON message published on the subscribed topics is one frame with exactly its values', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const { link, got } = linkFor({ url: broker.url, topics: ['plant/+/sensors'], qos: 1 }, { kind: 'jsonl' });
    await link.open();
    const pub = await publisher(broker.url);
    for (let i = 0; i < 500; i++) await pub.publishAsync(`plant/${i % 3}/sensors`, JSON.stringify({ temp: 20 + i / 8, hum: i }), { qos: 1 });
    await pub.publishAsync('plant/x/other', JSON.stringify({ temp: -1 }), { qos: 1 }); // not subscribed
    await until(() => got.rows.length >= 500, 10_000, () => `500 frames (got ${got.rows.length})`);
    expect(got.rows.length).toBe(500);
    expect(got.rows.every((r, i) => r.temp === 20 + i / 8 && r.hum === i)).toBe(true);
    expect(got.bad).toBe(0);
    expect(link.messages).toBe(500);
  });

  it('topic levels name channels: a plain number on plant/line1/<name> becomes channel <name>', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const { link, got } = linkFor({ url: broker.url, topics: ['plant/line1/#'], topicChannel: { level: -1 } }, { kind: 'csv' });
    await link.open();
    const pub = await publisher(broker.url);
    await pub.publishAsync('plant/line1/temp', '21.5');
    await pub.publishAsync('plant/line1/flow', '3.25');
    await pub.publishAsync('plant/line1/flow', 'broken');
    await until(() => got.rows.length === 2 && got.bad === 1, 10_000, () => `two frames and one bad (got ${JSON.stringify(got)})`);
    // A frame carries the channels it names; the others are gaps (NaN) in it.
    expect(got.rows).toEqual([{ temp: 21.5 }, { temp: NaN, flow: 3.25 }]);
  });

  it('binary payloads are framed for the binary decoder (one message, one frame)', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const fmt = FrameFormatSchema.parse({ kind: 'binary', framing: 'cobs', crc: 'crc16-ccitt-false', layout: [{ name: 'v', type: 'f32' }, { name: 'n', type: 'u16' }] });
    const { link, got } = linkFor({ url: broker.url, topics: ['bin'] }, fmt);
    await link.open();
    const pub = await publisher(broker.url);
    if (fmt.kind !== 'binary') throw new Error('binary');
    for (let i = 0; i < 20; i++) await pub.publishAsync('bin', Buffer.from(binaryPayload(fmt, { seq: 0, values: [i + 0.5, i * 7], names: [] })));
    await until(() => got.rows.length === 20, 10_000, 'twenty frames');
    expect(got.rows.map((r) => [r.v, r.n])).toEqual(Array.from({ length: 20 }, (_, i) => [i + 0.5, i * 7]));
  });

  it('a broker outage is a lost link; it reconnects and receives again once the broker is back', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const { link, got } = linkFor({ url: broker.url, topics: ['t'] }, { kind: 'kv' });
    await link.open();
    let pub = await publisher(broker.url);
    await pub.publishAsync('t', 'a:1');
    await until(() => got.rows.length === 1, 10_000, 'the first message');
    await broker.stop();
    await until(() => got.statuses.some((s) => s.phase === 'reconnecting'), 10_000, 'the loss');
    expect(got.statuses.find((s) => s.phase === 'reconnecting')?.reason).toMatch(/MQTT broker mqtt:\/\/127\.0\.0\.1:\d+: connection closed/);
    await broker.start();
    await until(() => got.statuses.at(-1)?.phase === 'connected', 15_000, 'reconnected');
    pub = await publisher(broker.url);
    await pub.publishAsync('t', 'a:2');
    await until(() => got.rows.length === 2, 10_000, 'a message after the outage');
    expect(got.rows).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('an unreachable broker is an open error naming it', async () => {
    const { link } = linkFor({ url: 'mqtt://127.0.0.1:1', topics: ['t'] }, { kind: 'kv' });
    await expect(link.open()).rejects.toThrow(/^Cannot connect to MQTT broker mqtt:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});
