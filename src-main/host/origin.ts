// Which browser origins may open the WebSocket API. Checking Origin against a
// fixed list (not against the Host header) also defeats DNS rebinding on loopback.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/** Host as it appears in a URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isAnyInterface(host: string): boolean {
  return ANY_INTERFACE.has(host);
}

/** The http origins the server itself is reachable at, plus configured extras. */
export function allowedOrigins(host: string, port: number, extra: readonly string[] = []): Set<string> {
  const hosts = LOOPBACK.has(host) || isAnyInterface(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [urlHost(host)];
  const origins = new Set(hosts.map((h) => `http://${h}:${port}`));
  for (const o of extra) origins.add(normalizeOrigin(o) ?? o);
  return origins;
}

function normalizeOrigin(origin: string): string | undefined {
  try {
    const o = new URL(origin).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/**
 * True when a WebSocket upgrade may proceed. No Origin header means a non-browser
 * client (CLI, test), which a web page cannot forge. When bound to every interface,
 * the origin may also be the Host the browser used (LAN access by IP or name).
 */
export function isOriginAllowed(
  origin: string | undefined,
  allowed: ReadonlySet<string>,
  opts: { hostHeader?: string | undefined; anyInterface?: boolean } = {},
): boolean {
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  if (!normalized) return false;
  if (allowed.has(normalized)) return true;
  return Boolean(opts.anyInterface && opts.hostHeader && normalized === normalizeOrigin(`http://${opts.hostHeader}`));
}
