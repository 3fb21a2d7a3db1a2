// Polls the OS for serial ports (SerialPort.list) and reports when the set changes
// (hot-plug). Polling is cheap on every OS and needs no native hot-plug hooks.
import type { PortInfo } from '@shared/domain/link.js';
import type { PortLister } from './serial-link.js';

export class PortDiscovery {
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastJson = '';
  private current: PortInfo[] = [];
  private listeners: ((ports: PortInfo[]) => void)[] = [];
  private polling = false;

  constructor(
    private readonly list: PortLister,
    private readonly intervalMs = 1500,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  get ports(): PortInfo[] {
    return this.current;
  }

  onChange(listener: (ports: PortInfo[]) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Lists now; listeners hear about it only if something changed. */
  async refresh(): Promise<PortInfo[]> {
    if (this.polling) return this.current;
    this.polling = true;
    try {
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
