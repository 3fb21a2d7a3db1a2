// An MQTT broker as a source (mqtt.js): subscribe to the topic filters; each message is one
// frame for the pipeline's decoder — text payloads get a line end, binary ones their SLIP/COBS
// framing — or, with topic channels, a `name:value` line named by a topic level. The broker
// going away is a lost link: ReconnectingLink reopens it with backoff and the breaker sees it.
import { connectAsync, type MqttClient } from 'mqtt';
import type { IBackoffFactory } from 'cockatiel';
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { describeMqtt, topicLevel, type MqttLinkSettings } from '@shared/domain/link-mqtt.js';
import { frameBinary } from '../../protocol/frame-encoder.js';
import { frameDelimiter } from '../../protocol/frame-decoder.js';
import { ReconnectingLink } from '../reconnect.js';
import { errorMessage, type Transport, type TransportHandlers } from '../transport.js';
import { brokerName, clientOptions } from './mqtt-options.js';

export interface MqttLinkOptions {
  backoff?: IBackoffFactory<unknown> | undefined;
  gate?: (() => void) | undefined;
  /** The frame format payloads are decoded with now (it may change while connected). */
  format: () => FrameFormat;
}

const UTF8 = new TextEncoder();

export class MqttLink extends ReconnectingLink {
  /** Messages received over the link's life, for the bench and tests. */
  messages = 0;

  constructor(
    readonly settings: MqttLinkSettings,
    opts: MqttLinkOptions,
  ) {
    super({
      kind: 'mqtt',
      description: describeMqtt(settings),
      open: (handlers) =>
        openMqtt(settings, opts.format, handlers, () => {
          this.messages++;
        }),
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      ...(opts.gate ? { gate: opts.gate } : {}),
    });
  }
}

/** One message as the bytes of exactly one frame. */
export function messageFrame(topic: string, payload: Uint8Array, settings: Pick<MqttLinkSettings, 'topicChannel'>, format: FrameFormat): Uint8Array {
  if (settings.topicChannel) {
    const name = topicLevel(topic, settings.topicChannel.level) ?? topic;
    return UTF8.encode(`${name}:${new TextDecoder().decode(payload).trim()}\n`);
  }
  if (format.kind === 'binary') return frameBinary(format, payload);
  const end = frameDelimiter(format);
  if (payload.length > 0 && payload[payload.length - 1] === end) return payload;
  const out = new Uint8Array(payload.length + 1);
  out.set(payload);
  out[payload.length] = end;
  return out;
}

async function openMqtt(s: MqttLinkSettings, format: () => FrameFormat, handlers: TransportHandlers, counted: () => void): Promise<Transport> {
  const where = brokerName(s.url);
  let client: MqttClient;
  try {
    client = await connectAsync(s.url, clientOptions(s), false);
  } catch (err) {
    throw new Error(`Cannot connect to MQTT broker ${where}: ${errorMessage(err)}`);
  }
  let closing = false;
  let lostSent = false;
  const lost = (why: string): void => {
    if (closing || lostSent) return;
    lostSent = true;
    client.end(true);
    handlers.onLost(new Error(`MQTT broker ${where}: ${why}`));
  };
  client.on('close', () => lost('connection closed'));
  client.on('error', (err) => lost(err.message));
  client.on('message', (topic, payload) => {
    counted();
    handlers.onData(messageFrame(topic, new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength), s, format()));
  });
  try {
    const granted = await client.subscribeAsync(s.topics, { qos: s.qos });
    const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
    if (refused.length > 0) throw new Error(`the broker refused the subscription to ${refused.join(', ')}`);
  } catch (err) {
    closing = true;
    await client.endAsync(true).catch(() => undefined);
    throw new Error(`MQTT broker ${where}: ${errorMessage(err)}`);
  }
  return {
    write: () => Promise.reject(new Error(`${describeMqtt(s)}: an MQTT source takes no commands`)),
    // Backpressure: stop reading the socket; the broker holds (QoS 1/2) or drops (QoS 0) the rest.
    setPaused: (paused) => {
      const stream = client.stream as { pause?: () => void; resume?: () => void } | undefined;
      if (paused) stream?.pause?.();
      else stream?.resume?.();
    },
    close: async () => {
      closing = true;
      await client.endAsync(true).catch(() => undefined);
    },
  };
}
