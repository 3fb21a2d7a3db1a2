// Per-connection limits of the WebSocket API: requests in flight per client and
// exports running at once (per client and in total). A refused request answers a
// `limit` error that says which limit and how to get under it.
import type { TelemetryApi } from '@shared/api/contract.js';
import type { Unsubscribe } from '@shared/api/events.js';
import { fail, type ApiResult } from '@shared/domain/result.js';

export interface RequestLimitOptions {
  /** Requests one connection may have unanswered. */
  maxInFlightPerClient: number;
  /** Exports running at once for one connection. */
  maxExportsPerClient: number;
  /** Exports running at once on the host. */
  maxExports: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimitOptions = { maxInFlightPerClient: 16, maxExportsPerClient: 1, maxExports: 2 };

/** Counts what each connection has running; `owner` is any per-connection object. */
export class RequestLimits {
  private readonly inFlight = new Map<object, number>();
  /** Running export id → the connection that started it. */
  private readonly running = new Map<string, object>();
  /** Exports that ended before their start was answered (a tiny session): never counted as running. */
  private readonly endedEarly = new Set<string>();
  private readonly off: Unsubscribe;

  constructor(
    api: Pick<TelemetryApi, 'on'>,
    readonly opts: RequestLimitOptions = DEFAULT_REQUEST_LIMITS,
  ) {
    this.off = api.on('exportProgress', (p) => {
      if (p.state === 'running') return;
      if (!this.running.delete(p.exportId)) {
        this.endedEarly.add(p.exportId);
        if (this.endedEarly.size > 256) this.endedEarly.delete(this.endedEarly.values().next().value as string);
      }
    });
  }

  /** Call before dispatching; a refusal means the request must not run. Pair an admission with `settle`. */
  admit(owner: object, method: string): ApiResult<never> | undefined {
    const n = this.inFlight.get(owner) ?? 0;
    if (n >= this.opts.maxInFlightPerClient) {
      return fail('limit', `limit: ${n} requests of this connection are still unanswered (at most ${this.opts.maxInFlightPerClient}); wait for their replies`);
    }
    if (method === 'startExport') {
      const mine = [...this.running.values()].filter((o) => o === owner).length;
      if (mine >= this.opts.maxExportsPerClient) {
        return fail('limit', `limit: this connection already runs ${mine} export(s) (at most ${this.opts.maxExportsPerClient}); wait for it to finish or cancel it`);
      }
      if (this.running.size >= this.opts.maxExports) {
        return fail('limit', `limit: ${this.running.size} exports are running on this host (at most ${this.opts.maxExports}); try again when one has finished`);
      }
    }
    this.inFlight.set(owner, n + 1);
    return undefined;
  }

  settle(owner: object, method: string, result: ApiResult<unknown>): void {
    const n = (this.inFlight.get(owner) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(owner);
    else this.inFlight.set(owner, n);
    if (method === 'startExport' && result.ok) {
      const { exportId } = result.value as { exportId: string };
      if (!this.endedEarly.delete(exportId)) this.running.set(exportId, owner);
    }
  }

  /** A connection closed: its exports keep running but no longer count against a client. */
  forget(owner: object): void {
    this.inFlight.delete(owner);
  }

  runningExports(): number {
    return this.running.size;
  }

  isExportRunning(exportId: string): boolean {
    return this.running.has(exportId);
  }

  close(): void {
    this.off();
  }
}
