// mqtt.js client options from a validated connection: reconnects are left to the caller
// (ReconnectingLink / the publisher's own loop) so backoff and the breaker see every loss.
import type { IClientOptions } from 'mqtt';
import type { MqttConnection } from '@shared/domain/link-mqtt.js';

export function clientOptions(c: MqttConnection, connectTimeoutMs = 5000): IClientOptions {
  const o: IClientOptions = {
    keepalive: c.keepaliveSec,
    reconnectPeriod: 0,
    connectTimeout: connectTimeoutMs,
    clean: true,
    ...(c.clientId ? { clientId: c.clientId } : {}),
    ...(c.username !== undefined ? { username: c.username } : {}),
    ...(c.password !== undefined ? { password: c.password } : {}),
  };
  if (c.tls) {
    o.rejectUnauthorized = c.tls.rejectUnauthorized;
    if (c.tls.ca) o.ca = c.tls.ca;
    if (c.tls.cert) o.cert = c.tls.cert;
    if (c.tls.key) o.key = c.tls.key;
  }
  return o;
}

/** "host:port" of a broker URL, for messages (never the credentials). */
export function brokerName(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the broker';
  }
}
