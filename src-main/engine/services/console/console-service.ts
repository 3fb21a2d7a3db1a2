// The console: raw bytes to and from the link (coalesced for the UI), port discovery, and operator
// commands sent to the device with a timeout that counts against the breaker.
import type { Logger } from 'pino';
import type { RequestHandlers } from '@shared/api/contract.js';
import type { TelemetryEvents } from '@shared/api/events.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { BreakerState, BreakerStatus, FailureSignal } from '@shared/domain/breaker.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { encodeSend, type SendToDevice } from '@shared/domain/link.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import { ConsoleTap } from '../../console/console-tap.js';
import type { WritableLink } from '../../link/device-link.js';
import { defaultPortSignature, PortDiscovery } from '../../link/port-discovery.js';
import { defaultPortLister, type PortLister } from '../../link/serial-link.js';
import type { Service } from '../service.js';

/** What sending needs from the device session and its breaker. */
export interface SendTarget {
  readonly status: DeviceStatus;
  readonly link: WritableLink | undefined;
  readonly holding: boolean;
  /** The simulated instrument's command interpreter (answers a line, or rejects). */
  simulatorCommand(text: string): Promise<string>;
  breaker: { readonly current: BreakerState; status(): BreakerStatus; failure(signal: FailureSignal, message: string): void };
}

export interface ConsoleServiceOptions {
  config: () => AppConfig;
  log: Logger;
  listPorts?: PortLister | undefined;
  emit: <E extends 'console' | 'ports'>(event: E, payload: TelemetryEvents[E]) => void;
  target: () => SendTarget;
}

export class ConsoleService implements Service<'listPorts' | 'sendToDevice'> {
  readonly handlers: Pick<RequestHandlers, 'listPorts' | 'sendToDevice'> = {
    listPorts: async () => ok(await this.discovery.refresh()),
    sendToDevice: (req) => this.send(req),
  };
  private readonly tap: ConsoleTap;
  private readonly discovery: PortDiscovery;

  constructor(private readonly opts: ConsoleServiceOptions) {
    this.tap = new ConsoleTap({ emit: (batch) => opts.emit('console', batch) });
    this.discovery = new PortDiscovery(opts.listPorts ?? defaultPortLister(), {
      onError: (err) => opts.log.warn({ err }, 'listing serial ports failed'),
      signature: opts.listPorts ? undefined : defaultPortSignature(),
    });
    this.discovery.onChange((ports) => opts.emit('ports', ports));
  }

  snapshot(): Record<string, never> {
    return {};
  }

  start(): void {
    this.discovery.start();
  }

  close(): void {
    this.discovery.stop();
    this.tap.close();
  }

  rx(chunk: Uint8Array): void {
    this.tap.rx(chunk);
  }

  private async send(request: SendToDevice): Promise<ApiResult<{ bytes: number }>> {
    const target = this.opts.target();
    const link = target.link;
    const what = link?.description ?? 'the simulated device';
    // SafeState: nothing is sent to a device the breaker has taken off the line.
    if (target.holding) return fail('invalid-state', `Not sent: the circuit breaker is ${target.breaker.current} (${target.breaker.status().reason}); SafeState sends no commands`);
    if (target.status.link !== 'connected') return fail('invalid-state', `Cannot send: ${what} is ${target.status.link}`);
    const bytes = encodeSend(request);
    const timeoutMs = this.opts.config().resilience.breaker.commandTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    let reply: string | undefined;
    try {
      const write = link
        ? link.write(bytes)
        : target.simulatorCommand(new TextDecoder().decode(bytes).replace(/[\r\n]+$/, '')).then((r) => {
            reply = r;
          });
      const outcome = await Promise.race([write.then(() => 'done' as const), timeout]);
      if (outcome === 'timeout') {
        // The write may still complete; the operator and the breaker learn it was too slow.
        write.catch(() => undefined);
        const message = `No answer from ${what} within ${timeoutMs} ms`;
        target.breaker.failure('command-timeout', message);
        return fail('io', message);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      target.breaker.failure('command-error', message);
      if (!link) {
        // The simulated instrument's error reply shows in the console like a real device's would.
        this.tap.tx(bytes);
        this.tap.rx(new TextEncoder().encode(`ERR ${message}\n`));
      }
      return fail('io', message);
    } finally {
      clearTimeout(timer);
    }
    this.tap.tx(bytes);
    if (reply !== undefined) this.tap.rx(new TextEncoder().encode(`${reply}\n`));
    return ok({ bytes: bytes.length });
  }
}
