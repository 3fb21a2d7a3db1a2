// An embedded MQTT broker (aedes) on a local TCP port, that a test can stop and start
// again on the same port (a broker outage).
import { createServer, type Server, type Socket } from 'node:net';
import { Aedes } from 'aedes';
import { freePort } from './modbus-server.js';

export interface TestBroker {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * A network outage between the broker and its clients (all but `keep`, e.g. the central
   * subscriber on the far side): the listener and those connections go, the broker stays.
   */
  cut(keep?: readonly string[]): Promise<void>;
  restore(): Promise<void>;
  readonly running: boolean;
}

export async function startBroker(port?: number): Promise<TestBroker> {
  const p = port ?? (await freePort());
  let aedes: Aedes | undefined;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const clientOf = new Map<Socket, { id: string }>();
  const start = async (): Promise<void> => {
    const broker = await Aedes.createBroker();
    const srv = createServer((sock) => {
      sockets.add(sock);
      sock.once('close', () => sockets.delete(sock));
      clientOf.set(sock, broker.handle(sock));
    });
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(p, '127.0.0.1', () => resolve());
    });
    aedes = broker;
    server = srv;
  };
  const stop = async (): Promise<void> => {
    const srv = server;
    const broker = aedes;
    server = undefined;
    aedes = undefined;
    for (const s of sockets) s.destroy();
    sockets.clear();
    if (srv) await new Promise<void>((r) => srv.close(() => r()));
    if (broker) await new Promise<void>((r) => broker.close(() => r()));
  };
  const cut = async (keep: readonly string[] = []): Promise<void> => {
    const srv = server;
    server = undefined;
    for (const s of [...sockets]) {
      if (keep.includes(clientOf.get(s)?.id ?? '')) continue;
      s.destroy();
      sockets.delete(s);
    }
    // Stops listening at once; the kept connections live on (close's callback would wait for them).
    srv?.close();
  };
  const restore = async (): Promise<void> => {
    const broker = aedes;
    if (!broker) throw new Error('the broker is stopped');
    const srv = createServer((sock) => {
      sockets.add(sock);
      sock.once('close', () => sockets.delete(sock));
      clientOf.set(sock, broker.handle(sock));
    });
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(p, '127.0.0.1', () => resolve());
    });
    server = srv;
  };
  await start();
  return {
    port: p,
    url: `mqtt://127.0.0.1:${p}`,
    stop,
    start,
    cut,
    restore,
    get running() {
      return server !== undefined;
    },
  };
}
