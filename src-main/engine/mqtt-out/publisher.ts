// Publishes this station's data to an MQTT broker without ever slowing acquisition or
// recording: frames are copied into a batch, cut into messages every intervalMs, and put in
// a bounded queue the broker connection drains. While the broker is away the queue holds
// what fits (the oldest are dropped beyond that, counted); nothing is sent twice on purpose.
import { connect, type MqttClient } from 'mqtt';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import { stationTopic, type MqttOutSettings, type MqttOutStatus } from '@shared/domain/mqtt-out.js';
import type { FullFrames } from '../pipeline/task.js';
import { brokerName, clientOptions } from '../link/mqtt/mqtt-options.js';
import { OutQueue } from './out-queue.js';
import { SampleBatches } from './sample-batches.js';

interface OutMessage {
  topic: string;
  payload: Uint8Array | string;
  retain: boolean;
}

/** Publishes awaiting the broker's acknowledgement at once (QoS 1/2). */
const MAX_IN_FLIGHT = 256;
const RECONNECT_MS = 1000;

export interface PublisherOptions {
  settings: MqttOutSettings;
  /** Channel names now (sample messages carry them). */
  names: () => readonly string[];
  onStatus?: (status: MqttOutStatus) => void;
}

export class MqttPublisher {
  private readonly s: MqttOutSettings;
  private client: MqttClient | undefined;
  private readonly queue: OutQueue<OutMessage>;
  private readonly batches = new SampleBatches();
  private timer: ReturnType<typeof setInterval> | undefined;
  private inFlight = 0;
  private published = 0;
  private lastError: string | null = null;
  private closed = false;

  constructor(private readonly opts: PublisherOptions) {
    this.s = opts.settings;
    this.queue = new OutQueue<OutMessage>(this.s.bufferMessages);
  }

  start(): void {
    const s = this.s;
    const statusTopic = stationTopic(s, 'status');
    this.client = connect(s.connection.url, {
      ...clientOptions(s.connection),
      reconnectPeriod: RECONNECT_MS,
      will: { topic: statusTopic, payload: Buffer.from('offline'), qos: 1, retain: true },
    });
    this.client.on('connect', () => {
      this.lastError = null;
      this.client?.publish(statusTopic, 'online', { qos: 1, retain: true });
      this.report();
      this.drain();
    });
    this.client.on('close', () => this.report());
    this.client.on('error', (err) => {
      this.lastError = err.message;
      this.report();
    });
    this.timer = setInterval(() => this.flush(), s.intervalMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.flush();
    const c = this.client;
    this.client = undefined;
    if (c) await c.endAsync(true).catch(() => undefined);
  }

  /** Full-resolution frames: copied, never held (cheap enough for the release path). */
  frames(f: FullFrames): void {
    if (!this.closed) this.batches.add(f);
  }

  alarmEntries(entries: readonly JournalEntry[]): void {
    for (const e of entries) this.enqueue(stationTopic(this.s, 'alarms', 'events'), JSON.stringify(e), false);
  }

  alarms(active: readonly Alarm[]): void {
    this.enqueue(stationTopic(this.s, 'alarms', 'active'), JSON.stringify(active), this.s.retainState);
  }

  breaker(st: BreakerStatus): void {
    this.enqueue(stationTopic(this.s, 'breaker'), JSON.stringify({ state: st.state, reason: st.reason, since: st.since, trips: st.trips }), this.s.retainState);
  }

  status(): MqttOutStatus {
    return {
      enabled: true,
      connected: this.client?.connected ?? false,
      target: `${brokerName(this.s.connection.url)} ${stationTopic(this.s)}`,
      queued: this.queue.depth + this.inFlight,
      published: this.published,
      dropped: this.queue.dropped,
      lastError: this.lastError,
    };
  }

  /** Cuts the collected frames into group messages (called every intervalMs). */
  flush(): void {
    if (this.batches.pending === 0) return;
    for (const m of this.batches.take(this.opts.names(), this.s)) this.enqueue(stationTopic(this.s, 'samples', `g${m.group}`), m.payload, false);
  }

  private enqueue(topic: string, payload: Uint8Array | string, retain: boolean): void {
    this.queue.push({ topic, payload, retain });
    this.drain();
  }

  private drain(): void {
    const c = this.client;
    while (c?.connected && this.inFlight < MAX_IN_FLIGHT && this.queue.depth > 0) {
      const m = this.queue.shift() as OutMessage;
      this.inFlight++;
      c.publish(m.topic, typeof m.payload === 'string' ? m.payload : Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength), { qos: this.s.qos, retain: m.retain }, (err) => {
        this.inFlight--;
        if (err) {
          // Not acknowledged (the broker went away): it goes back to the head of the queue.
          this.lastError = err.message;
          this.queue.unshift(m);
        } else {
          this.published++;
        }
        this.drain();
      });
    }
    this.report();
  }

  private lastReport = '';
  private report(): void {
    const st = this.status();
    const json = JSON.stringify(st);
    if (json === this.lastReport) return;
    this.lastReport = json;
    this.opts.onStatus?.(st);
  }
}
