// A device emulator in its own process, like a real instrument: it writes
// `seq,ch1,…,chN\n` frames with exactly known values into a serial port (a pty end),
// a TCP connection or UDP datagrams, and echoes each command line it receives as `# echo: …`.
// Run: node --import tsx test/helpers/device-emulator.ts '<json options>'; it prints `ready <port>`.
import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { emulatorFrame, type EmulatorOptions } from './emulator-frames.js';


type Sink = { write(data: Buffer): Promise<void>; onLine(fn: (line: string) => void): void };

function lineSplitter(fn: (line: string) => void): (chunk: Buffer) => void {
  let rest = '';
  return (chunk) => {
    rest += chunk.toString('latin1');
    let i: number;
    while ((i = rest.search(/\r?\n|\r/)) >= 0) {
      const line = rest.slice(0, i);
      rest = rest.slice(i + (rest[i] === '\r' && rest[i + 1] === '\n' ? 2 : 1));
      fn(line);
    }
  };
}

async function serialSink(path: string): Promise<Sink> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  port.on('error', () => process.exit(0));
  port.on('close', () => process.exit(0));
  return {
    write: (data) => new Promise<void>((resolve) => (port.write(data) ? resolve() : port.once('drain', () => resolve()))),
    onLine: (fn) => port.on('data', lineSplitter(fn)),
  };
}

async function tcpSink(): Promise<{ sink: Sink; port: number }> {
  let client: Socket | undefined;
  const lineFns: ((line: string) => void)[] = [];
  let onClient: (() => void) | undefined;
  const server = createServer((s) => {
    client?.destroy();
    client = s;
    s.on('data', lineSplitter((l) => lineFns.forEach((fn) => fn(l))));
    s.on('error', () => undefined);
    s.on('close', () => {
      if (client === s) client = undefined;
    });
    onClient?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  // `drop` on stdin: the server closes the connection (the peer "goes away").
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => {
    if (d.includes('drop')) client?.destroy();
  });
  const waitClient = (): Promise<Socket> =>
    client ? Promise.resolve(client) : new Promise((resolve) => (onClient = () => resolve(client as Socket)));
  return {
    port,
    sink: {
      write: async (data) => {
        const s = await waitClient();
        await new Promise<void>((resolve) => (s.write(data) ? resolve() : s.once('drain', () => resolve())));
      },
      onLine: (fn) => lineFns.push(fn),
    },
  };
}

function udpSink(port: number): Sink {
  const sock = createSocket('udp4');
  return {
    write: (data) => new Promise<void>((resolve, reject) => sock.send(data, port, '127.0.0.1', (err) => (err ? reject(err) : resolve()))),
    onLine: (fn) => sock.on('message', lineSplitter(fn)),
  };
}

async function main(): Promise<void> {
  const opts = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions;
  let sink: Sink;
  let listenPort = 0;
  if (opts.mode === 'serial') sink = await serialSink(opts.path ?? '');
  else if (opts.mode === 'tcp') ({ sink, port: listenPort } = await tcpSink());
  else sink = udpSink(opts.udpPort ?? 0);
  sink.onLine((line) => void sink.write(Buffer.from(`# echo: ${line}\n`)));
  process.stdout.write(`ready ${listenPort}\n`);

  const perWrite = opts.mode === 'udp' ? (opts.framesPerDatagram ?? 1) : opts.rateHz > 0 ? 1 : (opts.chunkFrames ?? 256);
  const started = performance.now();
  let seq = 0;
  while (opts.frames === 0 || seq < opts.frames) {
    const n = opts.frames === 0 ? perWrite : Math.min(perWrite, opts.frames - seq);
    let text = '';
    for (let i = 0; i < n; i++) text += emulatorFrame(seq++, opts.channels);
    await sink.write(Buffer.from(text, 'latin1'));
    if (opts.rateHz > 0) {
      const due = started + (seq * 1000) / opts.rateHz;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    } else if (seq % (perWrite * 16) === 0) {
      await new Promise((r) => setImmediate(r));
    }
  }
  process.stdout.write(`done ${seq}\n`);
  // Keep serving echoes until killed.
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
