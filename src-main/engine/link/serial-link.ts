// A serial port (serialport 13) as a Transport. Chunks go straight to the framing
// step; there is no per-byte work here. Reconnect is ReconnectingLink's job: this
// file opens one port once and reports when it is gone.
import { stat } from 'node:fs/promises';
import { SerialPort } from 'serialport';
import { choosePort, matchFor, type PortInfo, type SerialLinkSettings } from '@shared/domain/link.js';
import { ReconnectingLink, type ReconnectOptions } from './reconnect.js';
import { asBytes, errorMessage, type Transport, type TransportHandlers } from './transport.js';

export type PortLister = () => Promise<PortInfo[]>;

/** How often an open port's device node is checked (see watchDeviceNode). */
const NODE_CHECK_MS = 1000;

/** The device number behind a path (following links), or undefined where ports are not files (Windows). */
async function deviceNumber(path: string): Promise<number | undefined> {
  if (!path.startsWith('/')) return undefined;
  return (await stat(path)).rdev;
}

export function describeSerial(s: SerialLinkSettings): string {
  return `serial ${s.path} @ ${s.baudRate}`;
}

/** Opens the port that `settings` designates (never another device); rejects with the port and OS error named. */
export async function openSerialTransport(settings: SerialLinkSettings, handlers: TransportHandlers, listPorts: PortLister): Promise<Transport> {
  let ports: PortInfo[] = [];
  if (settings.match) {
    try {
      ports = await listPorts();
    } catch (err) {
      throw new Error(`Cannot list serial ports to find ${settings.path}: ${errorMessage(err)}`);
    }
  }
  const choice = choosePort(settings, ports);
  if (!choice.ok) throw new Error(`Cannot open serial port ${settings.path}: ${choice.reason}`);
  const path = choice.path;

  const port = new SerialPort({
    path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits,
    parity: settings.parity,
    stopBits: settings.stopBits,
    rtscts: settings.flowControl === 'rts-cts',
    xon: settings.flowControl === 'xon-xoff',
    xoff: settings.flowControl === 'xon-xoff',
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => {
    port.open((err) => (err ? reject(new Error(`Cannot open serial port ${path}: ${err.message}`)) : resolve()));
  });
  // Modem lines: some ports (ptys, some adapters) do not support the ioctl; that must not stop the open.
  await new Promise<void>((resolve) => port.set({ dtr: settings.dtrOnOpen, rts: settings.rtsOnOpen }, () => resolve()));

  let closing = false;
  let lostSent = false;
  let watch: ReturnType<typeof setInterval> | undefined;
  const lost = (err: Error): void => {
    if (watch) clearInterval(watch);
    if (closing || lostSent) return;
    lostSent = true;
    handlers.onLost(new Error(`${path}: ${err.message}`));
    if (port.isOpen) port.close(() => undefined);
  };
  // A device that vanishes while the port is quiet (e.g. right after open) does not always
  // wake the read poller; its device node going away (or becoming another device) always shows.
  const rdev = await deviceNumber(path).catch(() => undefined);
  if (rdev !== undefined) {
    watch = setInterval(() => {
      deviceNumber(path).then(
        (now) => {
          if (now !== rdev) lost(new Error('the device node now belongs to another device'));
        },
        (err: unknown) => lost(new Error(`the device is gone (${errorMessage(err)})`)),
      );
    }, NODE_CHECK_MS);
    watch.unref();
  }
  port.on('data', (chunk: Buffer) => handlers.onData(asBytes(chunk)));
  port.on('error', (err: Error) => lost(err));
  port.on('close', (err?: Error & { disconnected?: boolean }) => lost(err ?? new Error('port closed')));

  return {
    // Resolves once the bytes are written to the OS. No tcdrain: with hardware flow control
    // held off it could wait forever, and the operator only needs to know the write was accepted.
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (err) => (err ? reject(new Error(`Writing to ${path} failed: ${err.message}`)) : resolve()));
      }),
    setPaused: (paused) => {
      if (paused) port.pause();
      else port.resume();
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        if (watch) clearInterval(watch);
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}

export function defaultPortLister(): PortLister {
  return async () =>
    (await SerialPort.list()).map((p) => ({
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    }));
}

export function createSerialLink(
  settings: SerialLinkSettings,
  opts: { listPorts?: PortLister } & Pick<ReconnectOptions, 'backoff' | 'gate'> = {},
): ReconnectingLink {
  const listPorts = opts.listPorts ?? defaultPortLister();
  // The USB identity seen at the first open is remembered, so a reconnect after an
  // unplug finds this device again (even at a new path) and never another one.
  let current = settings;
  const open = async (handlers: TransportHandlers): Promise<Transport> => {
    const transport = await openSerialTransport(current, handlers, listPorts);
    if (!current.match) {
      const port = (await listPorts().catch(() => [])).find((p) => p.path === current.path);
      const match = port ? matchFor(port) : undefined;
      if (match) current = { ...current, match };
    }
    return transport;
  };
  return new ReconnectingLink({
    kind: 'serial',
    description: describeSerial(settings),
    open,
    ...(opts.backoff ? { backoff: opts.backoff } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
  });
}
