// The headless host: one node:http(s) server for the built renderer, /healthz,
// optional /metrics, and the WebSocket API on WS_PATH. Every request passes the
// AccessControl door first (Host, Origin, token).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { TelemetryApi } from '@shared/api/contract.js';
import { WS_PATH } from '@shared/api/wire.js';
import { contentSecurityPolicy } from '@shared/security/csp.js';
import { AccessControl, type AccessOptions, type Door } from './access/access-control.js';
import { ExportJanitor } from '../engine/export/export-janitor.js';
import { withoutFolderChanges } from '@shared/api/folder-guard.js';
import { isAnyInterface, urlHost } from './access/origin.js';
import { accessGate } from './access/request-gate.js';
import { DEFAULT_REQUEST_LIMITS, RequestLimits, type RequestLimitOptions } from './access/request-limits.js';
import { serveExport, type ExportFiles } from './export-download.js';
import { sendStatus, serveStatic } from './static-files.js';
import { WsHub, type HostLogger, type HubStats } from './ws-hub.js';

/** Prometheus text for GET /metrics (the engine's prom-client registry). */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

export interface HostServerOptions {
  api: TelemetryApi;
  rendererDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  logger: HostLogger;
  metrics?: MetricsSource;
  /** Extra browser origins allowed to open the WebSocket (e.g. a Vite dev server). */
  extraOrigins?: string[];
  /** Extra DNS names the server may be addressed by (the Host header allowlist). */
  allowedHosts?: string[];
  /** Operator token; required unless bound to loopback. */
  token?: string;
  /** Read-only viewer token. */
  viewerToken?: string;
  /** PEM certificate and key: serve https/wss instead of http/ws. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Per-client send queue above which sample batches are skipped. */
  maxBufferedBytes?: number;
  /** WebSocket clients at once (default 32). */
  maxClients?: number;
  limits?: Partial<RequestLimitOptions>;
  /** Finished export files, streamed at GET /export/<id>. */
  exports?: ExportFiles;
  /** The engine's exports folder: files are removed after download, after a time and above a size cap. */
  exportsDir?: string;
  exportRetention?: { maxAgeMs?: number; maxTotalBytes?: number; sweepEveryMs?: number };
  /** Test hook for the interface names of an any-interface bind. */
  names?: AccessOptions['names'];
}


export interface HostServer {
  url: string;
  port: number;
  stats(): HubStats;
  /** Removes expired export files now (it also happens every minute); answers the names removed. */
  sweepExports(): Promise<string[]>;
  close(): Promise<void>;
}

/** Largest request frame a client may send; requests are small JSON. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const { logger } = opts;
  const scheme = opts.tls ? 'https' : 'http';
  const accessOptions = (port: number): AccessOptions => ({
    bind: opts.host,
    port,
    scheme,
    token: opts.token,
    viewerToken: opts.viewerToken,
    allowedHosts: opts.allowedHosts ?? [],
    allowedOrigins: opts.extraOrigins ?? [],
    ...(opts.names ? { names: opts.names } : {}),
  });
  // Built now to refuse bad tokens before listening; rebuilt once the port is known (it may be 0 until listen).
  let access = new AccessControl(accessOptions(opts.port));
  const limits = new RequestLimits(opts.api, { ...DEFAULT_REQUEST_LIMITS, ...opts.limits });
  const maxClients = opts.maxClients ?? 32;
  // Browsers never move the recording folder (--data-dir does).
  const hub = new WsHub({ api: withoutFolderChanges(opts.api), logger, gate: accessGate(limits), ...(opts.maxBufferedBytes ? { maxBufferedBytes: opts.maxBufferedBytes } : {}) });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  const janitor = opts.exportsDir
    ? new ExportJanitor({ dir: opts.exportsDir, ...opts.exportRetention, isRunning: (id) => limits.isExportRunning(id), logger })
    : undefined;
  void janitor?.sweep();

  let headers: Record<string, string> = {};

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handleHttp(req, res).catch((err: unknown) => {
      logger.error({ err }, 'http request failed');
      if (!res.headersSent) sendStatus(res, 500);
      else res.destroy();
    });
  };
  const server: Server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : createServer(onRequest);

  /** The caller, or undefined after answering the refusal. */
  function admitHttp(req: IncomingMessage, res: ServerResponse, door: Door) {
    const admission = access.admit(req, door);
    if (admission.ok) return admission.caller;
    logger.warn({ url: req.url?.split('?', 1)[0], address: req.socket.remoteAddress, reason: admission.message }, 'http request refused');
    sendStatus(res, admission.status, `${admission.message}\n`);
    return undefined;
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405);
    const path = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (path === '/healthz') return sendStatus(res, 200, JSON.stringify({ ok: true, ...hub.stats() }), 'application/json');
    if (path === '/metrics') {
      if (!admitHttp(req, res, 'private')) return;
      if (!opts.metrics) return sendStatus(res, 404);
      return sendStatus(res, 200, await opts.metrics.metrics(), opts.metrics.contentType);
    }
    if (path?.startsWith('/export/')) {
      const caller = admitHttp(req, res, 'private');
      if (!caller) return;
      if (caller.role !== 'operator') return sendStatus(res, 403, 'forbidden: downloading exports needs the operator token\n');
      if (!opts.exports) return sendStatus(res, 404);
      return serveExport(req, res, opts.exports, decodeURIComponent(path.slice('/export/'.length)), headers, (file) => janitor?.downloaded(file));
    }
    if (!admitHttp(req, res, 'public')) return;
    return serveStatic(req, res, { rendererDir: opts.rendererDir, headers });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split(/[?#]/, 1)[0];
    if (path !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    const admission = access.admit(req, 'private');
    if (!admission.ok) {
      logger.warn({ origin: req.headers.origin, host: req.headers.host, address: req.socket.remoteAddress, reason: admission.message }, 'ws upgrade refused');
      return rejectUpgrade(socket, admission.status, admission.status === 401 ? 'Unauthorized' : 'Forbidden', admission.message);
    }
    if (hub.stats().clients >= maxClients) {
      logger.warn({ maxClients }, 'ws upgrade refused: client limit');
      return rejectUpgrade(socket, 503, 'Service Unavailable', `limit: ${maxClients} clients are connected (at most ${maxClients}); close another tab or raise --max-clients`);
    }
    const { caller } = admission;
    wss.handleUpgrade(req, socket, head, (ws) => hub.handleConnection(ws, caller));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error({ err }, 'http server error'));

  const port = (server.address() as AddressInfo).port;
  access = new AccessControl(accessOptions(port));
  // Chromium rejects IPv6 literals in CSP source lists (and logs an error): 'self' covers them.
  const wsSources = [...access.origins].filter((o) => !o.includes('[')).map((o) => o.replace(/^http/, 'ws'));
  headers = {
    'Content-Security-Policy': contentSecurityPolicy({ connectSrc: wsSources }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const shownHost = isAnyInterface(opts.host) ? '127.0.0.1' : urlHost(opts.host);

  let closing: Promise<void> | undefined;
  return {
    url: `${scheme}://${shownHost}:${port}`,
    port,
    stats: () => hub.stats(),
    sweepExports: () => janitor?.sweep() ?? Promise.resolve([]),
    close() {
      closing ??= new Promise<void>((resolve) => {
        janitor?.close();
        limits.close();
        hub.close();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Answers an upgrade with a plain HTTP error; `message` says why (clients show it). */
function rejectUpgrade(socket: Duplex, status: number, text: string, message = ''): void {
  const body = message ? `${message}\n` : '';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
