// MQTT out against an embedded broker (aedes): a subscriber sees every published sample
// exactly (JSON and binary), alarm and breaker state land on their topics (retained), and
// a broker outage loses nothing that fitted in the buffer; beyond it the drop counter says how many.
import { afterEach, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { BINARY_SAMPLES_MAGIC, MqttOutSettingsSchema, type JsonSamples, type MqttOutSettingsInput, type MqttOutStatus } from '@shared/domain/mqtt-out.js';
import { MqttPublisher } from '../../src-main/engine/mqtt-out/publisher.js';
import { startBroker, type TestBroker } from '../helpers/mqtt-broker.js';
import { until } from '../helpers/until.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

const NAMES = ['a', 'b', 'c', 'd', 'e'];

/** Frame i: time T0 + i, values i + c / 10 (c = channel). */
const T0 = 1_765_000_000_000;
function framesFrom(start: number, n: number) {
  const data = new Float64Array(n * (1 + NAMES.length));
  for (let i = 0; i < n; i++) {
    data[i] = T0 + start + i;
    for (let c = 0; c < NAMES.length; c++) data[n + i * NAMES.length + c] = start + i + c / 10;
  }
  return { channels: NAMES.length, frames: n, data };
}

/** Collects what a subscriber receives per channel: a map time → value. */
async function subscriber(broker: TestBroker, clientId: string) {
  const seen = new Map<string, Map<number, number>>();
  const retained = new Map<string, string>();
  let messages = 0;
  let duplicates = 0;
  let conflicts = 0;
  const c: MqttClient = await connectAsync(broker.url, { clientId, clean: false, reconnectPeriod: 100 });
  cleanup.push(() => c.endAsync(true));
  c.on('message', (topic, payload, packet) => {
    if (!topic.includes('/samples/')) {
      if (packet.retain) retained.set(topic, payload.toString());
      else retained.set(`live:${topic}`, payload.toString());
      return;
    }
    messages++;
    const put = (name: string, t: number, v: number) => {
      const m = seen.get(name) ?? new Map<number, number>();
      // QoS 1 is at least once: a message whose acknowledgement was cut off comes again, identical.
      if (m.has(t)) {
        duplicates++;
        if (m.get(t) !== v) conflicts++;
      }
      m.set(t, v);
      seen.set(name, m);
    };
    if (payload[0] === 0x7b) {
      const msg = JSON.parse(payload.toString()) as JsonSamples;
      for (const [name, col] of Object.entries(msg.channels)) msg.t.forEach((t, i) => put(name, t, col[i] as number));
    } else {
      const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      expect(v.getUint32(0, true)).toBe(BINARY_SAMPLES_MAGIC);
      const n = v.getUint16(8, true);
      const w = v.getUint16(10, true);
      const group = Number(topic.split('/').pop()?.slice(1));
      for (let f = 0; f < n; f++) {
        const t = v.getFloat64(12 + 8 * f, true);
        for (let k = 0; k < w; k++) put(NAMES[group * 2 + k] as string, t, v.getFloat64(12 + 8 * n + 8 * (f * w + k), true));
      }
    }
  });
  await c.subscribeAsync('site/st1/#', { qos: 1 });
  return { seen, retained, messages: () => messages, duplicates: () => duplicates, conflicts: () => conflicts, client: c };
}

function publisherFor(broker: TestBroker, over: MqttOutSettingsInput = {}) {
  const statuses: MqttOutStatus[] = [];
  const settings = MqttOutSettingsSchema.parse({ enabled: true, connection: { url: broker.url }, root: 'site', station: 'st1', intervalMs: 20, groupSize: 2, ...over });
  const pub = new MqttPublisher({ settings, names: () => NAMES, onStatus: (s) => statuses.push(s) });
  cleanup.push(() => pub.close());
  return { pub, statuses };
}

function expectExact(seen: Map<string, Map<number, number>>, frames: number) {
  for (let c = 0; c < NAMES.length; c++) {
    const m = seen.get(NAMES[c] as string);
    expect(m?.size).toBe(frames);
    for (let i = 0; i < frames; i++) expect(m?.get(T0 + i)).toBe(i + c / 10);
  }
}

describe('MQTT out', () => {
  it.each(['json', 'binary'] as const)('a subscriber sees every published sample exactly (%s payload, channel groups of 2)', async (payload) => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const sub = await subscriber(broker, `sub-${payload}`);
    const { pub, statuses } = publisherFor(broker, { payload });
    pub.start();
    await until(() => statuses.some((s) => s.connected), 10_000, 'the publisher connected');
    for (let k = 0; k < 50; k++) {
      pub.frames(framesFrom(k * 200, 200));
      await new Promise((r) => setTimeout(r, 2));
    }
    await until(() => (sub.seen.get('e')?.size ?? 0) === 10_000, 20_000, () => `10 000 samples per channel (got ${sub.seen.get('e')?.size})`);
    expectExact(sub.seen, 10_000);
    expect(sub.duplicates()).toBe(0);
    await until(() => pub.status().queued === 0, 10_000, 'every publish acknowledged');
    expect(pub.status().dropped).toBe(0);
    expect(sub.retained.get('live:site/st1/status')).toBe('online');
  });

  it('alarm events, the active list and the breaker state go to their topics; the state is retained for a late subscriber', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const { pub, statuses } = publisherFor(broker);
    pub.start();
    await until(() => statuses.some((s) => s.connected), 10_000, 'connected');
    pub.alarms([{ id: 'ch1:hi' } as never]);
    pub.breaker({ state: 'open', reason: 'link lost', since: 5, trips: 1 } as never);
    await until(() => pub.status().published >= 2, 10_000, 'published');
    const late = await subscriber(broker, 'late');
    await until(() => late.retained.has('site/st1/breaker') && late.retained.has('site/st1/alarms/active'), 10_000, 'retained state');
    expect(JSON.parse(late.retained.get('site/st1/breaker') as string)).toEqual({ state: 'open', reason: 'link lost', since: 5, trips: 1 });
    expect(JSON.parse(late.retained.get('site/st1/alarms/active') as string)).toEqual([{ id: 'ch1:hi' }]);
    pub.alarmEntries([{ seq: 1, alarmId: 'ch1:hi', action: 'occur' } as never]);
    await until(() => late.retained.has('live:site/st1/alarms/events'), 10_000, 'the alarm event');
    expect(JSON.parse(late.retained.get('live:site/st1/alarms/events') as string)).toEqual({ seq: 1, alarmId: 'ch1:hi', action: 'occur' });
  });

  it('a broker outage mid-run loses nothing that fitted in the buffer; acquisition never waits', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const sub = await subscriber(broker, 'sub-outage');
    const { pub, statuses } = publisherFor(broker, { qos: 1 });
    pub.start();
    await until(() => statuses.some((s) => s.connected), 10_000, 'connected');
    let sent = 0;
    const feed = async (batches: number) => {
      for (let k = 0; k < batches; k++) {
        const t = performance.now();
        pub.frames(framesFrom(sent, 100));
        // Handing frames over is a copy, never a wait on the broker.
        expect(performance.now() - t).toBeLessThan(50);
        sent += 100;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await feed(20);
    // The station loses the broker; the central subscriber on the far side stays connected.
    await broker.cut(['sub-outage']);
    await until(() => statuses.at(-1)?.connected === false, 10_000, 'the publisher saw the outage');
    await feed(40); // published into the buffer while the broker is away
    expect(pub.status().queued).toBeGreaterThan(0);
    await broker.restore();
    await feed(20);
    // Channel groups are separate topics and may arrive a batch apart: wait for every channel.
    await until(() => NAMES.every((n) => (sub.seen.get(n)?.size ?? 0) === sent), 30_000, () => `all ${sent} samples after the outage (got ${NAMES.map((n) => sub.seen.get(n)?.size).join('/')}; ${JSON.stringify(pub.status())} ${JSON.stringify(statuses.slice(-3))})`);
    expectExact(sub.seen, sent);
    expect(sub.conflicts()).toBe(0);
    expect(pub.status().dropped).toBe(0);
  });

  it('an outage longer than the buffer drops the oldest messages and counts exactly how many', async () => {
    const broker = await startBroker();
    cleanup.push(() => broker.stop());
    const { pub, statuses } = publisherFor(broker, { bufferMessages: 30, intervalMs: 10_000 });
    pub.start();
    await until(() => statuses.some((s) => s.connected), 10_000, 'connected');
    await broker.cut();
    await until(() => statuses.at(-1)?.connected === false, 10_000, 'the outage');
    // Each flush makes 3 messages (5 channels in groups of 2); 20 flushes = 60 messages into a buffer of 30.
    for (let k = 0; k < 20; k++) {
      pub.frames(framesFrom(k * 10, 10));
      pub.flush();
    }
    expect(pub.status()).toMatchObject({ queued: 30, dropped: 30 });
  });
});
