// A TCP client (net.Socket) as a Transport; ReconnectingLink reopens it when the peer goes away.
import { Socket } from 'node:net';
import type { TcpLinkSettings } from '@shared/domain/link.js';
import { ReconnectingLink, type ReconnectOptions } from './reconnect.js';
import { asBytes, type Transport, type TransportHandlers } from './transport.js';

const CONNECT_TIMEOUT_MS = 5000;

export function describeTcp(s: TcpLinkSettings): string {
  return `tcp ${s.host}:${s.port}`;
}

export function openTcpTransport(settings: TcpLinkSettings, handlers: TransportHandlers): Promise<Transport> {
  const where = describeTcp(settings);
  return new Promise<Transport>((resolve, reject) => {
    const socket = new Socket();
    let connected = false;
    let closing = false;
    let lostSent = false;
    socket.setNoDelay(true);
    // A peer that vanishes without closing (cable pulled, gateway power cut) is noticed by keepalive.
    socket.setKeepAlive(true, 5000);
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      if (!connected) socket.destroy(new Error(`timed out after ${CONNECT_TIMEOUT_MS} ms`));
    });
    socket.on('error', (err) => {
      if (!connected) reject(new Error(`Cannot connect to ${where}: ${err.message}`));
      else if (!closing && !lostSent) {
        lostSent = true;
        handlers.onLost(new Error(`${where}: ${err.message}`));
      }
    });
    socket.on('close', () => {
      if (connected && !closing && !lostSent) {
        lostSent = true;
        handlers.onLost(new Error(`${where}: connection closed by the peer`));
      }
    });
    socket.on('data', (chunk: Buffer) => handlers.onData(asBytes(chunk)));
    socket.connect(settings.port, settings.host, () => {
      connected = true;
      socket.setTimeout(0);
      resolve({
        write: (data) =>
          new Promise<void>((res, rej) => socket.write(data, (err) => (err ? rej(new Error(`Writing to ${where} failed: ${err.message}`)) : res()))),
        setPaused: (paused) => {
          if (paused) socket.pause();
          else socket.resume();
        },
        close: () =>
          new Promise<void>((res) => {
            closing = true;
            if (socket.destroyed) return res();
            socket.once('close', () => res());
            socket.destroy();
          }),
      });
    });
  });
}

export function createTcpLink(settings: TcpLinkSettings, opts: Pick<ReconnectOptions, 'backoff' | 'gate'> = {}): ReconnectingLink {
  return new ReconnectingLink({
    kind: 'tcp',
    description: describeTcp(settings),
    open: (handlers) => openTcpTransport(settings, handlers),
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
  });
}
