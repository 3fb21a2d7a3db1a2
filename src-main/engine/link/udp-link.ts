// A UDP listener (dgram). One datagram may carry one or several frames. For text
// frames a datagram is also a frame boundary: a missing final line end is added,
// so a frame never joins with the next datagram (disable for binary framing).
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { UdpLinkSettings } from '@shared/domain/link.js';
import { asBytes } from './transport.js';
import type { DeviceLinkEvents, LinkStatusEvent, WritableLink } from './device-link.js';

export interface UdpLinkOptions {
  /** Append `\n` to a datagram that does not end in one (text frames). Default true. */
  terminateDatagrams?: boolean;
}

const LF = 10;

export class UdpLink implements WritableLink {
  readonly kind = 'udp';
  readonly description: string;
  private socket: Socket | undefined;
  private peer: { address: string; port: number } | undefined;
  private dataListeners: DeviceLinkEvents['data'][] = [];
  private errorListeners: DeviceLinkEvents['error'][] = [];
  private statusListeners: ((s: LinkStatusEvent) => void)[] = [];
  private readonly terminate: boolean;
  /** Datagrams received since open (counted in tests and the integrity view). */
  datagrams = 0;

  constructor(
    private readonly settings: UdpLinkSettings,
    opts: UdpLinkOptions = {},
  ) {
    this.description = `udp ${settings.bindAddress}:${settings.port}`;
    this.terminate = opts.terminateDatagrams ?? true;
  }

  onData(listener: DeviceLinkEvents['data']): void {
    this.dataListeners.push(listener);
  }

  onError(listener: DeviceLinkEvents['error']): void {
    this.errorListeners.push(listener);
  }

  onStatus(listener: (s: LinkStatusEvent) => void): void {
    this.statusListeners.push(listener);
  }

  async open(): Promise<void> {
    if (this.socket) return;
    const socket = createSocket({ type: isIPv6(this.settings.bindAddress) ? 'udp6' : 'udp4', reuseAddr: true });
    this.emitStatus({ phase: 'connecting', reason: `Binding ${this.description}` });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(this.settings.port, this.settings.bindAddress, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (err) {
      socket.close();
      const message = `Cannot listen on ${this.description}: ${err instanceof Error ? err.message : String(err)}`;
      this.emitStatus({ phase: 'disconnected', reason: message });
      throw new Error(message);
    }
    socket.on('message', (msg, rinfo) => {
      this.peer = { address: rinfo.address, port: rinfo.port };
      this.datagrams++;
      const chunk = this.terminate && msg.length > 0 && msg[msg.length - 1] !== LF ? Buffer.concat([msg, Buffer.of(LF)]) : msg;
      const bytes = asBytes(chunk);
      for (const l of this.dataListeners) l(bytes);
    });
    socket.on('error', (err) => {
      for (const l of this.errorListeners) l(err);
    });
    this.socket = socket;
    this.emitStatus({ phase: 'connected', reason: `Listening on ${this.description}` });
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    this.peer = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    this.emitStatus({ phase: 'disconnected', reason: `Stopped listening on ${this.description}` });
  }

  /** UDP has no flow control: the queue's overflow policy decides what happens to a flood. */
  setThrottled(): void {}

  /** Replies to the last sender. */
  async write(data: Uint8Array): Promise<void> {
    const s = this.socket;
    const peer = this.peer;
    if (!s) throw new Error(`${this.description} is not listening`);
    if (!peer) throw new Error(`${this.description}: nothing received yet, so there is no peer to send to`);
    await new Promise<void>((resolve, reject) => s.send(data, peer.port, peer.address, (err) => (err ? reject(err) : resolve())));
  }

  private emitStatus(s: LinkStatusEvent): void {
    for (const l of this.statusListeners) l(s);
  }
}
