// The device link's circuit breaker as a service: it watches link health (from the pipeline's
// integrity totals and the session's signals), and takes the link through the session's narrow
// hold/reopen/release control. Isolate and Reset are the operator's requests.
import type { RequestHandlers } from '@shared/api/contract.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { BreakerStatus } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { breakerActionVerdict } from '@shared/domain/device-commands.js';
import type { IntegrityCounters } from '@shared/domain/integrity.js';
import { fail, ok } from '@shared/domain/result.js';
import { LinkBreaker } from '../../breaker/link-breaker.js';
import type { RecordedEvent } from '../../recorder/event-sink.js';
import type { Service } from '../service.js';

/** The session side of the breaker: SessionHold implements it. */
export interface BreakerHolder {
  readonly holding: boolean;
  readonly probeNeedsFrames: boolean;
  opened(reason: string, kind: 'open' | 'isolated'): Promise<void>;
  halfOpen(): void;
  reopen(): Promise<void>;
  released(reason: string): Promise<void>;
}

export interface BreakerServiceOptions {
  operator: string;
  config: () => AppConfig;
  integrity: () => IntegrityCounters;
  emit: (status: BreakerStatus) => void;
  journal: (e: RecordedEvent) => void;
}

export class BreakerService implements Service<'breakerAction', 'breaker'> {
  readonly handlers: Pick<RequestHandlers, 'breakerAction'> = {
    breakerAction: async ({ action }) => {
      const t = Date.now();
      // The shared rule the UI enables Isolate and Reset by.
      const verdict = breakerActionVerdict(action, this.target().status(), this.breaker.status());
      if (!verdict.ok) return fail('invalid-state', verdict.reason);
      if (action === 'isolate') this.breaker.isolate();
      else this.breaker.reset();
      this.opts.journal({ t, kind: 'operator', data: { breaker: action, operator: this.opts.operator } });
      return ok(this.breaker.status());
    },
  };
  readonly breaker: LinkBreaker;
  private session: { status: () => DeviceStatus; holder: BreakerHolder } | undefined;

  constructor(private readonly opts: BreakerServiceOptions) {
    this.breaker = new LinkBreaker({
      settings: opts.config().resilience.breaker,
      readTotals: () => {
        const i = opts.integrity();
        return { valid: i.framesOk, bad: i.checksumFailures + i.malformed + i.nonNumeric + i.overlongLines };
      },
      onOpen: (reason, kind) => void this.target().holder.opened(reason, kind),
      onHalfOpen: () => this.target().holder.halfOpen(),
      reopen: () => this.target().holder.reopen(),
      onClose: (reason) => void this.target().holder.released(reason),
      onStatus: (st) => opts.emit(st),
      probeNeedsFrames: () => this.target().holder.probeNeedsFrames,
    });
  }

  /** The session whose link this breaker guards (set once by compose.ts). */
  attach(status: () => DeviceStatus, holder: BreakerHolder): void {
    this.session = { status, holder };
  }

  private target(): { status: () => DeviceStatus; holder: BreakerHolder } {
    if (!this.session) throw new Error('breaker: no device session attached');
    return this.session;
  }

  snapshot(): { breaker: BreakerStatus } {
    return { breaker: this.breaker.status() };
  }

  start(): void {}

  close(): void {
    this.breaker.close();
  }

  configure(prev: AppConfig, next: AppConfig): void {
    if (JSON.stringify(prev.resilience) !== JSON.stringify(next.resilience)) this.breaker.configure(next.resilience.breaker);
  }
}
