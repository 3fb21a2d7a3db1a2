// The headless host: one node:http server for the built renderer, /healthz,
// optional /metrics, and the WebSocket API on WS_PATH.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { TelemetryApi } from '@shared/api/contract.js';
import { WS_PATH } from '@shared/api/wire.js';
import { contentSecurityPolicy } from './csp.js';
import { allowedOrigins, isAnyInterface, isOriginAllowed, urlHost } from './origin.js';
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
  /** Per-client send queue above which sample batches are skipped. */
  maxBufferedBytes?: number;
  /** Finished export files, streamed at GET /export/<id>. */
  exports?: ExportFiles;
}


export interface HostServer {
  url: string;
  port: number;
  stats(): HubStats;
  close(): Promise<void>;
}

/** Largest request frame a client may send; requests are small JSON. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const { logger } = opts;
  const hub = new WsHub({ api: opts.api, logger, ...(opts.maxBufferedBytes ? { maxBufferedBytes: opts.maxBufferedBytes } : {}) });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  wss.on('connection', (ws) => hub.handleConnection(ws));

  // Filled in once the port is known (it may be 0 until listen).
  let origins = new Set<string>();
  let headers: Record<string, string> = {};

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((err: unknown) => {
      logger.error({ err }, 'http request failed');
      if (!res.headersSent) sendStatus(res, 500);
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405);
    const path = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (path === '/healthz') return sendStatus(res, 200, JSON.stringify({ ok: true, ...hub.stats() }), 'application/json');
    if (path === '/metrics') {
      if (!opts.metrics) return sendStatus(res, 404);
      return sendStatus(res, 200, await opts.metrics.metrics(), opts.metrics.contentType);
    }
    if (path?.startsWith('/export/')) {
      if (!opts.exports) return sendStatus(res, 404);
      return serveExport(req, res, opts.exports, decodeURIComponent(path.slice('/export/'.length)), headers);
    }
    return serveStatic(req, res, { rendererDir: opts.rendererDir, headers });
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split(/[?#]/, 1)[0];
    if (path !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    const origin = req.headers.origin;
    if (!isOriginAllowed(origin, origins, { hostHeader: req.headers.host, anyInterface: isAnyInterface(opts.host) })) {
      logger.warn({ origin }, 'rejected ws upgrade from a foreign origin');
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
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
  origins = allowedOrigins(opts.host, port, opts.extraOrigins);
  // Chromium rejects IPv6 literals in CSP source lists (and logs an error): 'self' covers them.
  const wsSources = [...origins].filter((o) => !o.includes('[')).map((o) => o.replace(/^http/, 'ws'));
  headers = {
    'Content-Security-Policy': contentSecurityPolicy({ connectSrc: wsSources }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  const shownHost = isAnyInterface(opts.host) ? '127.0.0.1' : urlHost(opts.host);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    stats: () => hub.stats(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.close();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
