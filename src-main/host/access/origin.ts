// Which Host names and browser Origins the server answers. Both come from fixed
// lists (the bind address, the machine's own names, explicit extras), never from
// the request itself: a DNS-rebinding page sends its own name as Host and Origin.
import { hostname as osHostname, networkInterfaces } from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const ANY_INTERFACE = new Set(['0.0.0.0', '::', '[::]']);

/** Host as it appears in a URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function isAnyInterface(host: string): boolean {
  return ANY_INTERFACE.has(host);
}

/** True when only this machine can reach the bind address. */
export function isLoopbackBind(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export interface NameSources {
  /** Interface addresses (os.networkInterfaces()); injectable for tests. */
  interfaces?: ReturnType<typeof networkInterfaces>;
  hostname?: string;
}

/**
 * Host names (lower case, IPv6 bracketed, without port) this server may be
 * addressed by: loopback names when it listens there, every interface address
 * and the machine name when it listens on all of them, plus `extra` (DNS names).
 */
export function serverHostNames(bind: string, extra: readonly string[] = [], src: NameSources = {}): Set<string> {
  const names = new Set<string>();
  if (isLoopbackBind(bind) || isAnyInterface(bind)) for (const n of LOOPBACK_NAMES) names.add(n);
  if (isAnyInterface(bind)) {
    for (const list of Object.values(src.interfaces ?? networkInterfaces())) {
      for (const a of list ?? []) names.add(urlHost(a.address.split('%')[0] ?? a.address).toLowerCase());
    }
    const host = (src.hostname ?? osHostname()).toLowerCase();
    if (host) names.add(host);
  } else {
    names.add(urlHost(bind).toLowerCase());
  }
  for (const e of extra) names.add(urlHost(e.trim()).toLowerCase());
  return names;
}

/** Splits a Host header into name and port (undefined when absent). */
export function parseHostHeader(header: string): { name: string; port: number | undefined } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m?.[1]) return undefined;
  return { name: m[1].toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) };
}

/** A Host header names this server: a known name, on the port it listens on (or none, for 80/443). */
export function isHostAllowed(header: string | undefined, names: ReadonlySet<string>, port: number, scheme: 'http' | 'https' = 'http'): boolean {
  if (!header) return false;
  const parsed = parseHostHeader(header);
  if (!parsed || !names.has(parsed.name)) return false;
  const defaultPort = scheme === 'https' ? 443 : 80;
  return (parsed.port ?? defaultPort) === port;
}

/** The origins of the pages this server serves (one per host name), plus configured extras. */
export function allowedOrigins(names: Iterable<string>, port: number, extra: readonly string[] = [], scheme: 'http' | 'https' = 'http'): Set<string> {
  const origins = new Set<string>();
  for (const n of names) {
    const o = normalizeOrigin(`${scheme}://${n}:${port}`);
    if (o) origins.add(o);
  }
  for (const o of extra) origins.add(normalizeOrigin(o) ?? o);
  return origins;
}

export function normalizeOrigin(origin: string): string | undefined {
  try {
    const o = new URL(origin).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/**
 * True when a browser Origin may use the API. No Origin header means a
 * non-browser client (CLI, test), which a web page cannot forge; it still
 * needs the token where one is required.
 */
export function isOriginAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  return normalized !== undefined && allowed.has(normalized);
}
