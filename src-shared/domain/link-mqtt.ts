// An MQTT broker as a source: subscribe to topic filters; every message's payload is a
// frame in the device's frame format (or, with `topicChannel`, one number named by the topic).
import { z } from 'zod';

export const MQTT_PROTOCOLS = ['mqtt:', 'mqtts:', 'ws:', 'wss:'] as const;

export const BrokerUrlSchema = z
  .string()
  .trim()
  .min(1, 'enter the broker URL, e.g. mqtt://broker.local:1883')
  .max(2048)
  .refine((u) => {
    try {
      return (MQTT_PROTOCOLS as readonly string[]).includes(new URL(u).protocol);
    } catch {
      return false;
    }
  }, 'expected a broker URL starting mqtt://, mqtts://, ws:// or wss://');

/** A subscription filter: `+` is one whole level, `#` only the last level. */
export const TopicFilterSchema = z
  .string()
  .min(1, 'a topic filter is not empty')
  .max(1024)
  .refine((f) => f.split('/').every((level, i, all) => (level.includes('#') ? level === '#' && i === all.length - 1 : !level.includes('+') || level === '+')), {
    message: 'wildcards must fill a whole level: "+" anywhere, "#" only at the end (e.g. site/+/temp, site/#)',
  });

/** A topic to publish to: no wildcards. */
export const TopicNameSchema = z
  .string()
  .min(1, 'a topic is not empty')
  .max(1024)
  .refine((t) => !/[+#]/.test(t), 'a topic to publish to has no wildcards (+ or #)');

export const MqttTlsSchema = z.object({
  /** Refuse a broker whose certificate does not verify (off only for a test broker). */
  rejectUnauthorized: z.boolean().default(true),
  /** PEM text of the CA, client certificate and key, when the broker needs them. */
  ca: z.string().max(65536).optional(),
  cert: z.string().max(65536).optional(),
  key: z.string().max(65536).optional(),
});

export const MqttConnectionSchema = z.object({
  url: BrokerUrlSchema,
  /** Empty: a random id per connection. */
  clientId: z.string().max(128).default(''),
  username: z.string().max(256).optional(),
  password: z.string().max(1024).optional(),
  tls: MqttTlsSchema.optional(),
  keepaliveSec: z.number().int().min(0).max(3600).default(30),
});
export type MqttConnection = z.infer<typeof MqttConnectionSchema>;

export const MqttQosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);

export const MqttLinkSchema = MqttConnectionSchema.extend({
  kind: z.literal('mqtt'),
  topics: z.array(TopicFilterSchema).min(1, 'subscribe to at least one topic filter').max(64),
  qos: MqttQosSchema.default(0),
  /**
   * Topic levels name channels: a payload that is one number, on `plant/line1/temp` with
   * `level: -1`, becomes `temp:<value>` (name:value frames). Absent: payloads are frames.
   */
  topicChannel: z.object({ level: z.number().int().min(-16).max(15).default(-1) }).optional(),
});
export type MqttLinkSettings = z.infer<typeof MqttLinkSchema>;
export type MqttLinkInput = z.input<typeof MqttLinkSchema>;

export function describeMqtt(s: Pick<MqttLinkSettings, 'url' | 'topics'>): string {
  let where = s.url;
  try {
    const u = new URL(s.url);
    where = `${u.protocol}//${u.host}`;
  } catch {
    // validated before; keep the text
  }
  return `mqtt ${where} ${s.topics.join(' ')}`;
}

/** The channel name a topic gives with `topicChannel.level` (negative counts from the end). */
export function topicLevel(topic: string, level: number): string | undefined {
  const parts = topic.split('/');
  const i = level < 0 ? parts.length + level : level;
  const name = parts[i];
  return name === undefined || name === '' ? undefined : name;
}
