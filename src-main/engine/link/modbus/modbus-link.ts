// A Modbus device as a source (modbus-serial, TCP or RTU): the register map is polled
// every pollMs in blocks; each complete poll is one frame in the wire format. A block
// that answers with an exception or not at all is counted on that block, and its poll
// delivers one bad frame instead of data, so integrity counters and the breaker see it;
// polls in a row where nothing answered count as a lost link (reconnect, breaker).
import ModbusRTU from 'modbus-serial';
import type { IBackoffFactory } from 'cockatiel';
import type { ModbusBlockStats } from '@shared/domain/integrity.js';
import { describeModbus, parseModbusWrite, type ModbusLinkSettings } from '@shared/domain/link-modbus.js';
import { ReconnectingLink } from '../reconnect.js';
import { errorMessage, type Transport, type TransportHandlers } from '../transport.js';
import { WireEncoder } from '../wire/wire-encoder.js';
import { decodeRegister, encodeRegister, planBlocks, type RegisterBlock } from './register-blocks.js';

export type { ModbusBlockStats };

/** A frame the decoder rejects as malformed: one per poll that did not read every block. */
const BAD_FRAME = Uint8Array.of(0x01, 0x00);

export interface ModbusLinkOptions {
  backoff?: IBackoffFactory<unknown> | undefined;
  gate?: (() => void) | undefined;
  /** Duration of every complete poll cycle (ms), for the bench and the metrics. */
  onPoll?: ((ms: number) => void) | undefined;
}

type Client = InstanceType<typeof ModbusRTU>;

function isTimeout(err: unknown): boolean {
  const e = err as { errno?: string; message?: string };
  return e.errno === 'ETIMEDOUT' || /timed out/i.test(e.message ?? '');
}

export class ModbusLink extends ReconnectingLink {
  readonly blocks: RegisterBlock[];
  readonly stats: ModbusBlockStats[];

  constructor(
    readonly settings: ModbusLinkSettings,
    opts: ModbusLinkOptions = {},
  ) {
    const blocks = planBlocks(settings.registers, settings.maxGap);
    const stats = blocks.map((b) => ({
      area: b.area,
      start: b.start,
      length: b.length,
      channels: b.items.map((i) => i.register.name),
      polls: 0,
      ok: 0,
      exceptions: 0,
      timeouts: 0,
      errors: 0,
      lastError: null,
    }));
    super({
      kind: 'modbus',
      description: describeModbus(settings),
      open: (handlers) => openModbus(settings, blocks, stats, handlers, opts.onPoll),
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      ...(opts.gate ? { gate: opts.gate } : {}),
    });
    this.blocks = blocks;
    this.stats = stats;
  }
}

/** Closes the client; a port that is already gone may never call back, so this does not wait long. */
function closeClient(client: Client): Promise<void> {
  if (!client.isOpen) return Promise.resolve();
  return new Promise<void>((res) => {
    const t = setTimeout(res, 1000);
    client.close(() => {
      clearTimeout(t);
      res();
    });
  });
}

async function connect(client: Client, s: ModbusLinkSettings): Promise<void> {
  const t = s.transport;
  if (t.mode === 'tcp') {
    await client.connectTCP(t.host, { port: t.port, timeout: s.timeoutMs });
  } else {
    await client.connectRTUBuffered(t.path, { baudRate: t.baudRate, dataBits: t.dataBits, stopBits: t.stopBits === 1.5 ? 1 : t.stopBits, parity: t.parity });
  }
}

async function openModbus(
  s: ModbusLinkSettings,
  blocks: RegisterBlock[],
  stats: ModbusBlockStats[],
  handlers: TransportHandlers,
  onPoll: ((ms: number) => void) | undefined,
): Promise<Transport> {
  const where = describeModbus(s);
  const client: Client = new ModbusRTU();
  try {
    await connect(client, s);
  } catch (err) {
    void closeClient(client);
    throw new Error(`Cannot connect to ${where}: ${errorMessage(err)}`);
  }
  client.setID(s.unitId);
  client.setTimeout(s.timeoutMs);

  const channels = s.registers.length;
  const encoder = new WireEncoder(channels, false);
  const values = new Float64Array(channels);
  let closed = false;
  let paused = false;
  let lostSent = false;
  let failedInARow = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextAt = performance.now();
  /** Polls and writes take turns on the one connection (RTU has no transaction ids). */
  let busy: Promise<unknown> = Promise.resolve();

  const lost = (why: string): void => {
    if (closed || lostSent) return;
    lostSent = true;
    stop();
    void closeClient(client);
    handlers.onLost(new Error(`${where}: ${why}`));
  };
  client.on('close', () => lost('connection closed'));
  client.on('error', (err) => lost(errorMessage(err)));

  const readBlock = async (b: RegisterBlock): Promise<{ words?: number[]; bits?: boolean[] }> => {
    switch (b.area) {
      case 'holding':
        return { words: (await client.readHoldingRegisters(b.start, b.length)).data };
      case 'input':
        return { words: (await client.readInputRegisters(b.start, b.length)).data };
      case 'coil':
        return { bits: (await client.readCoils(b.start, b.length)).data };
      case 'discrete':
        return { bits: (await client.readDiscreteInputs(b.start, b.length)).data };
    }
  };

  const cycle = async (): Promise<void> => {
    const started = performance.now();
    let failed = 0;
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k] as RegisterBlock;
      const st = stats[k] as ModbusBlockStats;
      try {
        const { words, bits } = await readBlock(b);
        for (const item of b.items) values[item.channel] = decodeRegister(item, words, bits);
        st.ok++;
      } catch (err) {
        failed++;
        if ((err as { modbusCode?: number }).modbusCode !== undefined) st.exceptions++;
        else if (isTimeout(err)) st.timeouts++;
        else st.errors++;
        st.lastError = errorMessage(err);
      }
      // Counted once answered (or failed), so polls = ok + exceptions + timeouts + errors at any moment.
      st.polls++;
      if (closed) return;
    }
    onPoll?.(performance.now() - started);
    if (failed === 0) {
      failedInARow = 0;
      handlers.onData(encoder.encode(values, undefined, 0, 1));
      return;
    }
    handlers.onData(BAD_FRAME.slice());
    failedInARow = failed === blocks.length ? failedInARow + 1 : 0;
    if (failedInARow >= s.lostAfterFailedPolls) lost(`no answer in ${failedInARow} polls in a row (${stats.find((x) => x.lastError)?.lastError ?? 'no reply'})`);
  };

  const schedule = (): void => {
    if (closed || paused || timer) return;
    // Fixed rate: the next poll is due pollMs after the previous one was due, not after it ended.
    nextAt = Math.max(nextAt + s.pollMs, performance.now());
    timer = setTimeout(run, nextAt - performance.now());
  };
  const run = (): void => {
    timer = undefined;
    if (closed || paused) return;
    busy = busy.then(cycle).catch((err: unknown) => lost(errorMessage(err)));
    void busy.then(schedule);
  };
  const stop = (): void => {
    closed = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  nextAt = performance.now() - s.pollMs;
  schedule();
  return {
    write: async (data) => {
      const text = new TextDecoder().decode(data).replace(/[\r\n]+$/, '');
      const cmd = parseModbusWrite(text, s.registers);
      if (!cmd.ok) throw new Error(cmd.reason);
      const r = cmd.register;
      const job = busy.then(async () => {
        if (r.area === 'coil') await client.writeCoil(r.address, cmd.value === 1);
        else {
          const words = encodeRegister(r, cmd.value);
          if (words.length === 1) await client.writeRegister(r.address, words[0] as number);
          else await client.writeRegisters(r.address, words);
        }
      });
      busy = job.catch(() => undefined);
      try {
        await job;
      } catch (err) {
        throw new Error(`Writing ${r.name} on ${where} failed: ${errorMessage(err)}`);
      }
    },
    setPaused: (p) => {
      paused = p;
      if (!p) schedule();
    },
    close: async () => {
      stop();
      await busy.catch(() => undefined);
      await closeClient(client);
    },
  };
}
