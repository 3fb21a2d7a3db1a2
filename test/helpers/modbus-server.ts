// A Modbus TCP server (modbus-serial's ServerTCP) holding a register bank the test sets;
// addresses in `failing` answer with exception 2 (illegal data address).
import { createServer } from 'node:net';
import { ServerTCP } from 'modbus-serial';

export interface RegisterBank {
  holding: Map<number, number>;
  input: Map<number, number>;
  coils: Map<number, boolean>;
  discrete: Map<number, boolean>;
  /** Holding/input addresses that answer with an exception. */
  failing: Set<number>;
  /** Writes received, in order. */
  writes: { kind: 'register' | 'coil'; address: number; value: number }[];
}

export function emptyBank(): RegisterBank {
  return { holding: new Map(), input: new Map(), coils: new Map(), discrete: new Map(), failing: new Set(), writes: [] };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const illegal = (): Error => Object.assign(new Error('illegal address'), { modbusErrorCode: 2 });

/** Service vector over a bank (shared by the TCP and serial servers). */
export function vectorFor(bank: RegisterBank) {
  return {
    getHoldingRegister: (addr: number) => {
      if (bank.failing.has(addr)) throw illegal();
      return bank.holding.get(addr) ?? 0;
    },
    getInputRegister: (addr: number) => {
      if (bank.failing.has(addr)) throw illegal();
      return bank.input.get(addr) ?? 0;
    },
    getCoil: (addr: number) => bank.coils.get(addr) ?? false,
    getDiscreteInput: (addr: number) => bank.discrete.get(addr) ?? false,
    setRegister: (addr: number, value: number) => {
      bank.holding.set(addr, value);
      bank.writes.push({ kind: 'register', address: addr, value });
    },
    setCoil: (addr: number, value: boolean) => {
      bank.coils.set(addr, value);
      bank.writes.push({ kind: 'coil', address: addr, value: value ? 1 : 0 });
    },
  };
}

export interface ModbusTestServer {
  port: number;
  close(): Promise<void>;
}

export async function startModbusTcp(bank: RegisterBank, port?: number, unitID = 1): Promise<ModbusTestServer> {
  const p = port ?? (await freePort());
  const server = new ServerTCP(vectorFor(bank), { host: '127.0.0.1', port: p, unitID });
  await new Promise<void>((resolve, reject) => {
    server.once('initialized', () => resolve());
    server.once('serverError', (err: Error | null) => reject(err ?? new Error('server error')));
  });
  return {
    port: p,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of server.socks.keys()) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Words of a 32-bit value, high word first. */
export function words32(kind: 'u32' | 'i32' | 'f32', value: number): [number, number] {
  const v = new DataView(new ArrayBuffer(4));
  if (kind === 'f32') v.setFloat32(0, value);
  else if (kind === 'u32') v.setUint32(0, value);
  else v.setInt32(0, value);
  return [v.getUint16(0), v.getUint16(2)];
}
