// The renderer's Content-Security-Policy, in one place for both shells (neither shell imports
// the other: the Electron shell and the host both read it from here).

export interface CspOptions {
  /** Vite dev server URL (electron-vite dev): allows its HMR websocket and the react-refresh inline preamble. */
  devServerUrl?: string;
  /** Extra connect-src sources, e.g. the host's own ws://host:port. */
  connectSrc?: string[];
}

/** The production policy, loosened only for what the dev server needs. */
export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const script = ["'self'"];
  const connect = ["'self'", ...(opts.connectSrc ?? [])];
  if (opts.devServerUrl) {
    const dev = new URL(opts.devServerUrl);
    const wsProtocol = dev.protocol === 'https:' ? 'wss:' : 'ws:';
    // react-refresh injects an inline preamble script; HMR talks over a websocket to the dev server.
    script.push("'unsafe-inline'", dev.origin);
    connect.push(dev.origin, `${wsProtocol}//${dev.host}`);
  }
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
