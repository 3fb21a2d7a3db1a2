// The door of the host: every HTTP request and WebSocket upgrade passes here.
// Host header against the server's own names, Origin against a fixed list, and
// (unless the host is an open loopback one) an operator or viewer token.
import type { IncomingMessage } from 'node:http';
import type { Caller } from './caller.js';
import { allowedOrigins, isHostAllowed, isLoopbackBind, isOriginAllowed, serverHostNames, type NameSources } from './origin.js';
import { presentedToken, tokenProblem, tokensEqual } from './tokens.js';

export interface AccessOptions {
  /** Bind address. Anything but loopback requires `token`. */
  bind: string;
  port: number;
  scheme: 'http' | 'https';
  /** Operator token: everything allowed. Optional on loopback (then the host is open there). */
  token?: string | undefined;
  /** Read-only viewer token. */
  viewerToken?: string | undefined;
  /** Extra DNS names the server may be addressed by (a reverse proxy, a mDNS name). */
  allowedHosts?: readonly string[];
  /** Extra browser origins allowed to use the API (a dashboard on another origin, a dev server). */
  allowedOrigins?: readonly string[];
  names?: NameSources;
}

/** `public`: no token needed (/healthz, the static UI shell); `private`: data and control. */
export type Door = 'public' | 'private';

export type Admission = { ok: true; caller: Caller } | { ok: false; status: 401 | 403; message: string };

export class AccessControl {
  readonly hostNames: ReadonlySet<string>;
  readonly origins: ReadonlySet<string>;
  /** True when no token is needed (loopback without --token). */
  readonly open: boolean;

  constructor(private readonly opts: AccessOptions) {
    if (!isLoopbackBind(opts.bind) && !opts.token) {
      throw new Error(`binding to ${opts.bind} needs an access token (anyone on the network could otherwise control the device)`);
    }
    for (const [flag, t] of [['token', opts.token], ['viewer-token', opts.viewerToken]] as const) {
      const problem = t === undefined ? undefined : tokenProblem(t);
      if (problem) throw new Error(`--${flag} ${problem}`);
    }
    if (opts.viewerToken && !opts.token) throw new Error('--viewer-token needs an operator --token too');
    if (opts.token && opts.viewerToken && tokensEqual(opts.token, opts.viewerToken)) throw new Error('--viewer-token must differ from --token');
    this.hostNames = serverHostNames(opts.bind, opts.allowedHosts, opts.names);
    this.origins = allowedOrigins(this.hostNames, opts.port, opts.allowedOrigins, opts.scheme);
    this.open = !opts.token;
  }

  admit(req: Pick<IncomingMessage, 'headers' | 'url' | 'socket'>, door: Door): Admission {
    const host = req.headers.host;
    if (!isHostAllowed(host, this.hostNames, this.opts.port, this.opts.scheme)) {
      return { ok: false, status: 403, message: `forbidden: Host ${JSON.stringify(host ?? '')} is not a name of this server (see --allowed-host)` };
    }
    const origin = req.headers.origin;
    if (!isOriginAllowed(origin, this.origins)) {
      return { ok: false, status: 403, message: `forbidden: Origin ${JSON.stringify(origin)} may not use this server (see --allowed-origin)` };
    }
    // IPv4 clients of a dual-stack socket show as ::ffff:a.b.c.d.
    const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
    if (this.open) return { ok: true, caller: { name: 'local', role: 'operator', address } };
    const presented = presentedToken(req);
    if (presented !== undefined) {
      if (this.opts.token && tokensEqual(presented, this.opts.token)) return { ok: true, caller: { name: 'operator', role: 'operator', address } };
      if (this.opts.viewerToken && tokensEqual(presented, this.opts.viewerToken)) return { ok: true, caller: { name: 'viewer', role: 'viewer', address } };
    }
    // The UI shell itself holds no data: the page must load to read its token from the URL fragment.
    if (door === 'public') return { ok: true, caller: { name: 'anonymous', role: 'viewer', address } };
    return { ok: false, status: 401, message: presented === undefined ? 'unauthorized: an access token is required' : 'unauthorized: wrong access token' };
  }
}
