// Polls the OS for serial ports (SerialPort.list) and reports when the set changes
// (hot-plug), with no native hot-plug hooks. On Linux SerialPort.list spawns `udevadm`,
// so a cheap signature (the tty names in /dev) is checked first and the full list is
// taken only when it changed, or every `fullEveryMs` as a fallback.
import { readdir } from 'node:fs/promises';
import type { PortInfo } from '@shared/domain/link.js';
import type { PortLister } from './serial-link.js';

export type PortSignature = () => Promise<string>;

/** Linux: serial devices appear and vanish as /dev/tty* (and rfcomm*) nodes. Elsewhere: none (always list). */
export function defaultPortSignature(): PortSignature | undefined {
  if (process.platform !== 'linux') return undefined;
  return async () =>
    (await readdir('/dev'))
      .filter((n) => n.startsWith('tty') || n.startsWith('rfcomm'))
      .sort()
      .join(',');
}

export interface PortDiscoveryOptions {
  intervalMs?: number;
  onError?: (err: unknown) => void;
  signature?: PortSignature | undefined;
  /** Take the full list at least this often even if the signature did not change. */
  fullEveryMs?: number;
  now?: () => number;
}

export class PortDiscovery {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastJson = '';
  private current: PortInfo[] = [];
  private listeners: ((ports: PortInfo[]) => void)[] = [];
  private polling = false;
  private lastSignature: string | undefined;
  private lastFull = 0;
  private readonly intervalMs: number;
  private readonly onError: (err: unknown) => void;
  private readonly signature: PortSignature | undefined;
  private readonly fullEveryMs: number;
  private readonly now: () => number;
  /** Full lists taken (SerialPort.list calls), for tests. */
  fullLists = 0;

  constructor(
    private readonly list: PortLister,
    opts: PortDiscoveryOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 1500;
    this.onError = opts.onError ?? (() => undefined);
    this.signature = opts.signature;
    this.fullEveryMs = opts.fullEveryMs ?? 30_000;
    this.now = opts.now ?? Date.now;
  }

  get ports(): PortInfo[] {
    return this.current;
  }

  onChange(listener: (ports: PortInfo[]) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A timer tick: the full list only if the cheap signature changed (or the fallback is due). */
  async poll(): Promise<void> {
    if (this.signature && this.now() - this.lastFull < this.fullEveryMs) {
      let sig: string;
      try {
        sig = await this.signature();
      } catch {
        sig = '';
      }
      if (sig === this.lastSignature) return;
    }
    await this.refresh();
  }

  /** Lists now; listeners hear about it only if something changed. */
  async refresh(): Promise<PortInfo[]> {
    if (this.polling) return this.current;
    this.polling = true;
    try {
      if (this.signature) this.lastSignature = await this.signature().catch(() => '');
      this.lastFull = this.now();
      this.fullLists++;
      const ports = [...(await this.list())].sort((a, b) => a.path.localeCompare(b.path));
      const json = JSON.stringify(ports);
      this.current = ports;
      if (json !== this.lastJson) {
        this.lastJson = json;
        for (const l of this.listeners) l(ports);
      }
    } catch (err) {
      this.onError(err);
    } finally {
      this.polling = false;
    }
    return this.current;
  }
}
