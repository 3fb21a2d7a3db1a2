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
  readonly running: boolean;
}

export async function startBroker(port?: number): Promise<TestBroker> {
  const p = port ?? (await freePort());
  let aedes: Aedes | undefined;
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const start = async (): Promise<void> => {
    const broker = await Aedes.createBroker();
    const srv = createServer((sock) => {
      sockets.add(sock);
      sock.once('close', () => sockets.delete(sock));
      broker.handle(sock);
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
  await start();
  return {
    port: p,
    url: `mqtt://127.0.0.1:${p}`,
    stop,
    start,
    get running() {
      return server !== undefined;
    },
  };
}
