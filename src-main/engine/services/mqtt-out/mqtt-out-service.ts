// MQTT out as a service: a full-resolution frame consumer (registered before the recorder,
// which takes the buffer) feeding the publisher, plus alarm journal entries, the active alarm
// list and breaker state; restarted when its settings change; its status (queue, drops) is
// an event and part of the snapshot.
import type { Logger } from 'pino';
import type { Alarm, JournalEntry } from '@shared/alarms/alarm.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import type { MqttOutStatus } from '@shared/domain/mqtt-out.js';
import { MqttPublisher } from '../../mqtt-out/publisher.js';
import type { FullFrames } from '../../pipeline/task.js';
import type { FrameConsumer } from '../acquisition/acquisition-service.js';
import type { Service } from '../service.js';

export interface MqttOutServiceOptions {
  config: () => AppConfig;
  log: Logger;
  names: () => readonly string[];
  emit: (event: 'mqttOut', payload: MqttOutStatus | null) => void;
  /** The need for full-resolution frames changed. */
  updateFullResolution: () => void;
}

export class MqttOutService implements Service<never, 'mqttOut'>, FrameConsumer {
  readonly name = 'mqtt-out';
  readonly handlers = {};
  private publisher: MqttPublisher | undefined;

  constructor(private readonly opts: MqttOutServiceOptions) {}

  snapshot(): { mqttOut: MqttOutStatus | null } {
    return { mqttOut: this.publisher?.status() ?? null };
  }

  start(): void {
    this.open();
  }

  async close(): Promise<void> {
    await this.publisher?.close();
    this.publisher = undefined;
  }

  async configure(prev: AppConfig, next: AppConfig): Promise<void> {
    if (JSON.stringify(prev.mqttOut) === JSON.stringify(next.mqttOut)) return;
    await this.publisher?.close();
    this.publisher = undefined;
    this.open();
    if (!this.publisher) this.opts.emit('mqttOut', null);
    this.opts.updateFullResolution();
  }

  wants(): boolean {
    return this.publisher !== undefined;
  }

  take(frames: FullFrames): void {
    this.publisher?.frames(frames);
  }

  alarmEntries(entries: readonly JournalEntry[]): void {
    this.publisher?.alarmEntries(entries);
  }

  alarms(list: readonly Alarm[]): void {
    this.publisher?.alarms(list);
  }

  breaker(st: BreakerStatus): void {
    this.publisher?.breaker(st);
  }

  private open(): void {
    const s = this.opts.config().mqttOut;
    if (!s.enabled) return;
    this.publisher = new MqttPublisher({ settings: s, names: this.opts.names, onStatus: (st) => this.opts.emit('mqttOut', st) });
    this.publisher.start();
    this.opts.log.info({ broker: this.publisher.status().target }, 'publishing to MQTT');
  }
}
