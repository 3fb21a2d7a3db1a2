// The simulator has no transport to lose, so a "disconnect" fault makes it vanish
// like an unplugged device: this reopens it with the same capped cockatiel backoff a
// real link uses (see reconnect.ts) until the fault gate lets the open through.
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import type { LinkStatusEvent } from './device-link.js';
import { defaultBackoff } from './reconnect.js';
import { errorMessage } from './transport.js';

export interface SimulatorReconnectOptions {
  /** Reopens the simulator; throws while it must stay unreachable. */
  open: () => Promise<void>;
  /** Same events as a real link's: reconnecting (attempt, next try), then connected. */
  onStatus: (status: LinkStatusEvent) => void;
  backoff?: IBackoffFactory<unknown>;
}

const WHAT = 'the simulated device';

export class SimulatorReconnect {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private backoff: IBackoff<unknown> | undefined;
  private attempt = 0;
  /** Bumped by cancel/lost: a retry that finishes after either reports nothing. */
  private generation = 0;
  private readonly factory: IBackoffFactory<unknown>;

  constructor(private readonly opts: SimulatorReconnectOptions) {
    this.factory = opts.backoff ?? defaultBackoff();
  }

  get active(): boolean {
    return this.timer !== undefined;
  }

  /** The simulator was lost now (`reason` says why); retries follow. */
  lost(reason: string): void {
    this.cancel();
    this.attempt = 0;
    this.backoff = undefined;
    this.schedule(`Lost ${WHAT}: ${reason}`);
  }

  cancel(): void {
    this.generation++;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(reason: string): void {
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.factory.next(undefined);
    const delay = this.backoff.duration;
    this.attempt++;
    this.opts.onStatus({ phase: 'reconnecting', reason, attempt: this.attempt, nextAt: Date.now() + delay });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.retry();
    }, delay);
  }

  private async retry(): Promise<void> {
    const gen = this.generation;
    try {
      await this.opts.open();
    } catch (err) {
      if (gen === this.generation) this.schedule(`Reconnecting to ${WHAT}: ${errorMessage(err)}`);
      return;
    }
    if (gen !== this.generation) return;
    this.opts.onStatus({ phase: 'connected', reason: `Reconnected to ${WHAT}` });
  }
}
