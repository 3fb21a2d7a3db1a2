// Fault injection as a service: schedules operator faults (FaultManager), routes link faults to the
// byte injector, device faults to the simulator's model, and a "disconnect" to the link session.
import type { Logger } from 'pino';
import type { RequestHandlers } from '@shared/api/contract.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { linkTakesFaults, type ActiveFault, type FaultJournalEntry } from '@shared/domain/faults.js';
import type { TelemetryEvents } from '@shared/api/events.js';
import { DeviceFaultModel, isDeviceFault, type DeviceFault } from '../../faults/device-faults.js';
import { FaultManager } from '../../faults/fault-manager.js';
import { isLinkFault, LinkFaultInjector, type LinkFault } from '../../faults/link-faults.js';
import { formatFor } from '../../protocol/channel-infos.js';
import { frameDelimiter } from '../../protocol/frame-decoder.js';
import type { RecordedEvent } from '../../recorder/event-sink.js';
import type { Service } from '../service.js';

/** Journal entries a freshly connected UI gets in its snapshot. */
const SNAPSHOT_JOURNAL = 500;

/** What faults need from the device link session. */
export interface FaultTarget {
  readonly status: DeviceStatus;
  readonly link: { readonly description: string } | undefined;
  deliver(chunk: Uint8Array): void;
  dropLink(): void;
  reboot(silentMs: number): void;
}

export interface FaultsServiceOptions {
  operator: string;
  config: () => AppConfig;
  log: Logger;
  emit: <E extends 'faults' | 'faultJournal'>(event: E, payload: TelemetryEvents[E]) => void;
  journal: (e: RecordedEvent) => void;
}

export class FaultsService implements Service<'injectFault' | 'stopFault', 'faults' | 'faultJournal'> {
  readonly handlers: Pick<RequestHandlers, 'injectFault' | 'stopFault'> = {
    injectFault: async (req) => this.manager.inject(req, { source: this.target().status.source, connected: linkTakesFaults(this.target().status.link) }),
    stopFault: async (req) => this.manager.stop(req),
  };
  readonly deviceModel = new DeviceFaultModel();
  readonly injector: LinkFaultInjector;
  private readonly manager: FaultManager;
  /** A "disconnect" fault is running: every open attempt fails. */
  private disconnectActive = false;
  private session: FaultTarget | undefined;
  delimiter = 10;

  constructor(private readonly opts: FaultsServiceOptions) {
    this.injector = new LinkFaultInjector({ emit: (chunk) => this.target().deliver(chunk), ...this.framing() });
    this.manager = new FaultManager({
      operator: opts.operator,
      onApply: (running) => this.apply(running),
      onChange: (list) => opts.emit('faults', list),
      onJournal: (entries) => {
        opts.emit('faultJournal', entries);
        for (const e of entries) opts.journal({ t: e.t, kind: 'fault', data: e });
      },
      affected: (id) => this.injector.affected(id) + this.deviceModel.affected(id),
      onCallbackError: (err) => opts.log.error({ err }, 'applying a fault failed'),
    });
  }

  /** The session the faults act on (set once by compose.ts). */
  attach(session: FaultTarget): void {
    this.session = session;
  }

  private target(): FaultTarget {
    if (!this.session) throw new Error('faults: no device session attached');
    return this.session;
  }

  snapshot(): { faults: ActiveFault[]; faultJournal: FaultJournalEntry[] } {
    return { faults: this.manager.list(), faultJournal: this.manager.recentJournal(SNAPSHOT_JOURNAL) };
  }

  start(): void {}

  close(): void {
    this.manager.close();
    this.injector.close();
  }

  push(chunk: Uint8Array): void {
    this.injector.push(chunk);
  }

  clear(reason: string): void {
    this.manager.clear(reason);
  }

  /** Throws while a "disconnect" fault keeps the endpoint away; every open (reconnect, probe) checks it. */
  gate(): void {
    if (this.disconnectActive) throw new Error(`${this.session?.link?.description ?? 'simulated device'} is unreachable (disconnect fault injected)`);
  }

  /** The frame format changed: the injector finds frames by the new delimiter. */
  configure(prev: AppConfig, next: AppConfig): void {
    if (JSON.stringify(formatFor(prev.device)) === JSON.stringify(formatFor(next.device))) return;
    const f = this.framing();
    this.injector.setDelimiter(f.delimiter, f.binary);
  }

  /** Waits (bounded) until latency-delayed chunks have been delivered. */
  async drain(): Promise<void> {
    for (let i = 0; i < 2000 && this.injector.pending > 0; i++) await new Promise((r) => setTimeout(r, 10));
  }

  private framing(): { delimiter: number; binary: boolean } {
    const format = formatFor(this.opts.config().device);
    this.delimiter = frameDelimiter(format);
    return { delimiter: this.delimiter, binary: format.kind === 'binary' };
  }

  /** Link faults to the injector, device faults to the simulator, a disconnect to the link itself. */
  private apply(running: readonly ActiveFault[]): void {
    const linkFaults: { id: string; fault: LinkFault }[] = [];
    const deviceFaults: { id: string; fault: DeviceFault; startedAt: number }[] = [];
    let disconnect = false;
    for (const f of running) {
      const r = f.request;
      if (r.kind === 'disconnect') {
        disconnect = true;
      } else if (r.kind === 'reboot') {
        // Instantaneous: the fault manager puts a reboot in exactly one running list.
        this.target().reboot(r.silentMs);
      } else if (isLinkFault(r)) {
        linkFaults.push({ id: f.id, fault: r });
      } else if (isDeviceFault(r)) {
        deviceFaults.push({ id: f.id, fault: r, startedAt: f.startsAt });
      }
    }
    this.injector.setFaults(linkFaults);
    this.deviceModel.setFaults(deviceFaults);
    const wasDisconnected = this.disconnectActive;
    this.disconnectActive = disconnect;
    if (disconnect && !wasDisconnected) this.target().dropLink();
  }
}
