// A link that reopens the same endpoint after it is lost, with capped exponential
// backoff (cockatiel), until it reconnects or the operator disconnects. Which endpoint
// counts as "the same" is the opener's business (serial: USB serial number / VID:PID + path).
// Kept free of any circuit-breaker policy so one can be layered on top.
import { ExponentialBackoff, type IBackoff, type IBackoffFactory } from 'cockatiel';
import type { DeviceLinkEvents, LinkStatusEvent, WritableLink } from './device-link.js';
import { errorMessage, type Transport, type TransportOpener } from './transport.js';

export interface ReconnectOptions {
  kind: string;
  description: string;
  open: TransportOpener;
  /** Delays between attempts; default: exponential from 250 ms, capped at 5 s. */
  backoff?: IBackoffFactory<unknown>;
  now?: () => number;
  /** Checked before every open: throws while the endpoint must stay unreachable (a "disconnect" fault). */
  gate?: () => void;
}

export function defaultBackoff(): IBackoffFactory<unknown> {
  return new ExponentialBackoff({ initialDelay: 250, maxDelay: 5000, exponent: 2 });
}

export class ReconnectingLink implements WritableLink {
  readonly kind: string;
  readonly description: string;
  private readonly opener: TransportOpener;
  private readonly backoffFactory: IBackoffFactory<unknown>;
  private readonly now: () => number;
  private readonly gate: (() => void) | undefined;
  private dataListeners: DeviceLinkEvents['data'][] = [];
  private errorListeners: DeviceLinkEvents['error'][] = [];
  private statusListeners: ((s: LinkStatusEvent) => void)[] = [];
  private transport: Transport | undefined;
  /** Bumped by every open/close so a late callback of an old transport is ignored. */
  private generation = 0;
  private wanted = false;
  private throttled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoff: IBackoff<unknown> | undefined;
  private attempt = 0;
  /** Reconnects since open(), for tests and the status bar. */
  reconnects = 0;

  constructor(opts: ReconnectOptions) {
    this.kind = opts.kind;
    this.description = opts.description;
    this.opener = opts.open;
    this.backoffFactory = opts.backoff ?? defaultBackoff();
    this.now = opts.now ?? Date.now;
    this.gate = opts.gate;
  }

  get connected(): boolean {
    return this.transport !== undefined;
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

  /** First open: a failure is the operator's answer (port busy, no permission…), not a reconnect. */
  async open(): Promise<void> {
    if (this.wanted && this.transport) return;
    this.cancelTimer();
    this.wanted = true;
    this.attempt = 0;
    this.backoff = undefined;
    this.reconnects = 0;
    this.status({ phase: 'connecting', reason: `Opening ${this.description}` });
    try {
      await this.connectOnce();
    } catch (err) {
      this.wanted = false;
      this.status({ phase: 'disconnected', reason: errorMessage(err) });
      throw err;
    }
    this.status({ phase: 'connected', reason: `Connected to ${this.description}` });
  }

  /** Operator disconnect: also cancels a pending reconnect. */
  async close(): Promise<void> {
    this.wanted = false;
    this.generation++;
    this.cancelTimer();
    const t = this.transport;
    this.transport = undefined;
    if (t) await t.close().catch(() => undefined);
    this.status({ phase: 'disconnected', reason: `Disconnected from ${this.description}` });
  }

  setThrottled(throttled: boolean): void {
    this.throttled = throttled;
    this.transport?.setPaused(throttled);
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.transport) throw new Error(`${this.description} is not connected`);
    await this.transport.write(data);
  }

  /** Fault injection: the endpoint is lost now, exactly as if unplugged (reconnects follow). */
  drop(error: Error): void {
    const t = this.transport;
    if (!t) return;
    void t.close().catch(() => undefined);
    this.lost(error);
  }

  private async connectOnce(): Promise<void> {
    this.gate?.();
    const gen = ++this.generation;
    const transport = await this.opener({
      onData: (chunk) => {
        if (gen !== this.generation) return;
        for (const l of this.dataListeners) l(chunk);
      },
      onLost: (error) => {
        if (gen !== this.generation) return;
        this.lost(error);
      },
    });
    if (gen !== this.generation || !this.wanted) {
      // Closed (or superseded) while opening.
      await transport.close().catch(() => undefined);
      throw new Error(`${this.description}: open cancelled`);
    }
    this.transport = transport;
    if (this.throttled) transport.setPaused(true);
  }

  private lost(error: Error): void {
    this.transport = undefined;
    this.generation++;
    for (const l of this.errorListeners) l(error);
    if (!this.wanted) return;
    this.attempt = 0;
    this.backoff = undefined;
    this.scheduleRetry(`Lost ${this.description}: ${error.message}`);
  }

  private scheduleRetry(reason: string): void {
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.backoffFactory.next(undefined);
    const delay = this.backoff.duration;
    this.attempt++;
    this.status({ phase: 'reconnecting', reason, attempt: this.attempt, nextAt: this.now() + delay });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retry();
    }, delay);
  }

  private async retry(): Promise<void> {
    if (!this.wanted) return;
    try {
      await this.connectOnce();
    } catch (err) {
      if (!this.wanted) return;
      this.scheduleRetry(`Reconnecting to ${this.description}: ${errorMessage(err)}`);
      return;
    }
    this.reconnects++;
    this.attempt = 0;
    this.backoff = undefined;
    this.status({ phase: 'connected', reason: `Reconnected to ${this.description}` });
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private status(s: LinkStatusEvent): void {
    for (const l of this.statusListeners) l(s);
  }
}
