// The MQTT source's settings form: broker, identity, TLS, topic filters (one per line), QoS and
// topic-segment channel naming. Frames are decoded with the device's frame format.
import { MqttLinkSchema, type MqttLinkSettings } from '@shared/domain/link-mqtt.js';
import type { LinkSettingsInput } from '@shared/domain/link.js';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { parseNumber } from '../../ui/forms/parseNumber';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

export interface MqttFormValues {
  url: string;
  clientId: string;
  username: string;
  password: string;
  tls: boolean;
  rejectUnauthorized: boolean;
  ca: string;
  cert: string;
  key: string;
  topics: string;
  qos: string;
  topicChannel: boolean;
  topicLevel: string;
}

export function mqttFormValues(s: Partial<MqttLinkSettings> | undefined): MqttFormValues {
  return {
    url: s?.url ?? 'mqtt://localhost:1883',
    clientId: s?.clientId ?? '',
    username: s?.username ?? '',
    password: s?.password ?? '',
    tls: s?.tls !== undefined,
    rejectUnauthorized: s?.tls?.rejectUnauthorized ?? true,
    ca: s?.tls?.ca ?? '',
    cert: s?.tls?.cert ?? '',
    key: s?.tls?.key ?? '',
    topics: (s?.topics ?? []).join('\n'),
    qos: String(s?.qos ?? 0),
    topicChannel: s?.topicChannel !== undefined,
    topicLevel: String(s?.topicChannel?.level ?? -1),
  };
}

const opt = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

export function mqttInput(v: MqttFormValues): LinkSettingsInput {
  const tls = v.tls ? { rejectUnauthorized: v.rejectUnauthorized, ...(opt(v.ca) ? { ca: v.ca } : {}), ...(opt(v.cert) ? { cert: v.cert } : {}), ...(opt(v.key) ? { key: v.key } : {}) } : undefined;
  return {
    kind: 'mqtt',
    url: v.url.trim(),
    clientId: v.clientId.trim(),
    ...(opt(v.username) ? { username: v.username } : {}),
    ...(opt(v.password) ? { password: v.password } : {}),
    ...(tls ? { tls } : {}),
    topics: v.topics
      .split('\n')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    qos: parseNumber(v.qos) as 0,
    ...(v.topicChannel ? { topicChannel: { level: parseNumber(v.topicLevel) } } : {}),
  };
}

/** `topics.2` → `topics`; `tls.ca` → `ca`; `topicChannel.level` → `topicLevel`. */
export function mqttFieldKey(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'link') parts.shift();
  const [head, sub] = parts;
  if (head === undefined) return FORM_KEY;
  if (head === 'tls') return sub ?? 'tls';
  if (head === 'topicChannel') return 'topicLevel';
  return head;
}

export const mqttFormSpec: SettingsFormSpec<Partial<MqttLinkSettings> | undefined, MqttFormValues, LinkSettingsInput> = {
  schema: MqttLinkSchema,
  toValues: mqttFormValues,
  toInput: mqttInput,
  keyFor: mqttFieldKey,
};
