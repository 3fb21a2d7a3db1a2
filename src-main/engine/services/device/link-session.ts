// One device connection's life: the only writer of the device status. It owns the simulator (behind the
// same reconnecting link as serial/TCP) and the real link, applies the operator's commands, follows reconnects, and hands the
// breaker a narrow hold/reopen/release control (session-hold.ts). Shaped so the engine could hold
// N of these, one per device id (see the README's note on several devices).
import type { Logger } from 'pino';
import type { AppConfig } from '@shared/config/app-config.js';
import type { DeviceCommand, DeviceStatus } from '@shared/domain/device.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import type { RequestHandlers } from '@shared/api/contract.js';
import { applyCommand } from '../../device/device-state.js';
import type { DeviceLink, LinkStatusEvent, WritableLink } from '../../link/device-link.js';
import { createLink, linkKey, type CreateLinkOptions } from '../../link/create-link.js';
import type { PortLister } from '../../link/serial-link.js';
import { SimulatedDevice } from '../../link/simulated-device.js';
import { createSimulatorLink, SIMULATOR_DESCRIPTION } from '../../link/simulator-link.js';
import type { ReconnectingLink } from '../../link/reconnect.js';
import { countByte } from '../../protocol/decode-types.js';
import { formatFor } from '../../protocol/channel-infos.js';
import type { IBackoffFactory } from 'cockatiel';
import type { RecordedEvent } from '../../recorder/event-sink.js';
import type { Service } from '../service.js';
import { SessionHold, type BreakerHealth } from './session-hold.js';

/** What the session needs from the acquisition (pipeline) service. */
export interface SessionAcquisition {
  ingest(chunk: Uint8Array): void;
  /** Bytes not measured: the framer forgets the frame they cut. */
  skip(chunk: Uint8Array): void;
  idle(): Promise<void>;
  /** Device reset: sequence, partial data, queue counters and integrity start over. */
  resetCounting(): void;
}

/** What the session needs from the faults service. */
export interface SessionFaults {
  /** Bytes from the link go through the link-fault injector, which calls `deliver`. */
  push(chunk: Uint8Array): void;
  clear(reason: string): void;
  /** Throws while a "disconnect" fault keeps the endpoint unreachable. */
  gate(): void;
  readonly delimiter: number;
}

export interface LinkSessionOptions {
  /** Device id: one session per connected device ("device" while there is one). */
  id: string;
  config: () => AppConfig;
  log: Logger;
  emitStatus: (status: DeviceStatus) => void;
  bus: { emit(event: 'status', s: DeviceStatus): void; emit(event: 'journal', e: RecordedEvent): void };
  acquisition: SessionAcquisition;
  faults: SessionFaults;
  breaker: BreakerHealth;
  console: { rx(chunk: Uint8Array): void };
  /** The operator reset the device (alarm timers start over). */
  onReset: () => void;
  listPorts?: PortLister | undefined;
  reconnectBackoff?: IBackoffFactory<unknown> | undefined;
  /** What other services add to a new link (recorded sessions for a replay, its status callbacks). */
  linkOptions?: (() => Partial<CreateLinkOptions>) | undefined;
}

const initialStatus = (): DeviceStatus => ({ source: 'simulated', link: 'disconnected', state: 'idle', reason: 'Not connected', since: Date.now(), throttled: false });

export class LinkSession implements Service<'deviceCommand', 'device'> {
  readonly handlers: Pick<RequestHandlers, 'deviceCommand'> = { deviceCommand: (c) => this.command(c) };
  readonly id: string;
  private current = initialStatus();
  readonly device: SimulatedDevice;
  /** The real link (serial/tcp/udp) when the source is not the simulator. */
  private realLink: WritableLink | undefined;
  /** The simulator as a transport: opened, dropped and reconnected like a serial port. */
  private readonly simLink: ReconnectingLink;
  readonly hold: SessionHold;
  private closed = false;
  private queueBehind = false;
  private recorderBehind = false;
  linkFrames = 0;
  ignoredFrames = 0;

  constructor(private readonly opts: LinkSessionOptions) {
    this.id = opts.id;
    this.device = new SimulatedDevice(opts.config().device);
    this.simLink = createSimulatorLink(this.device, { backoff: opts.reconnectBackoff, gate: () => opts.faults.gate() });
    this.hold = new SessionHold({
      session: this,
      breaker: opts.breaker,
      log: opts.log,
      gate: () => opts.faults.gate(),
      idle: () => opts.acquisition.idle(),
      resetCounting: () => this.resetCounting(),
      clearFaults: (reason) => opts.faults.clear(reason),
    });
  }

  // ---- what other services read -------------------------------------------------

  get status(): DeviceStatus {
    return this.current;
  }

  get link(): WritableLink | undefined {
    return this.realLink;
  }

  /** Connected and measuring: the condition for recording sessions, alarms and the breaker's watch. */
  get measuring(): boolean {
    return this.current.state === 'measuring' && this.current.link === 'connected';
  }

  /** The endpoint's name for messages. */
  get what(): string {
    return this.realLink?.description ?? SIMULATOR_DESCRIPTION;
  }

  activeLink(): DeviceLink {
    return this.realLink ?? this.simLink;
  }

  snapshot(): { device: DeviceStatus } {
    return { device: this.current };
  }

  // ---- life ---------------------------------------------------------------------

  start(): void {
    this.simLink.onData((chunk) => {
      if (!this.realLink) this.opts.faults.push(chunk);
    });
    this.simLink.onError((err) => this.opts.log.warn({ err: err.message, link: SIMULATOR_DESCRIPTION }, 'link lost'));
    this.simLink.onStatus((s) => {
      if (!this.realLink) this.onLinkStatus(s);
    });
    this.device.onError((err) => this.opts.log.error({ err }, 'device link error'));
    this.current = { ...this.current, source: this.opts.config().device.source };
    this.realLink = this.buildLink();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.device.setMeasuring(false);
    await this.simLink.close();
    await this.device.close();
    await this.realLink?.close().catch((err: unknown) => this.opts.log.warn({ err }, 'closing the link failed'));
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // ---- status: the only writer ----------------------------------------------------

  /** Sets the status and tells every UI. */
  publish(next: DeviceStatus): void {
    this.current = next;
    this.opts.emitStatus(next);
  }

  /** Sets the status without telling anybody yet (several steps make one change). */
  set(next: DeviceStatus): void {
    this.current = next;
  }

  /** After a change settled: recording sessions and alarms follow the status. */
  settled(): void {
    this.opts.bus.emit('status', this.current);
  }

  journal(kind: RecordedEvent['kind'], data: unknown): void {
    this.opts.bus.emit('journal', { t: Date.now(), kind, data });
  }

  /** The breaker watches the link only while the operator wants data from it. */
  syncBreaker(): void {
    if (this.hold.holding) return;
    this.opts.breaker.setMeasuring(this.measuring);
  }

  // ---- commands -------------------------------------------------------------------

  async command(command: DeviceCommand): Promise<ApiResult<DeviceStatus>> {
    if (this.hold.holding) return this.hold.command(command);
    // The operator's disconnect ends the faults on the link (a fault needs a live link).
    if (command === 'disconnect') this.opts.faults.clear('the operator disconnected the link');
    const tr = applyCommand(this.current, command, Date.now());
    if (!tr.ok) return fail('invalid-state', tr.message);
    const before = this.current;
    this.current = { ...tr.status, throttled: this.current.throttled };
    // Connect/start while a lost link is reconnecting: it is already trying; keep its state.
    if (before.link === 'reconnecting' && this.current.link === 'connected') this.current = { ...this.current, link: 'reconnecting', reason: before.reason };
    if (before.link !== this.current.link) {
      const link = this.activeLink();
      if (this.current.link === 'connected') {
        try {
          await link.open();
        } catch (err) {
          // The port/host and the OS error, in the status bar and in the answer.
          const message = err instanceof Error ? err.message : String(err);
          const failed: DeviceStatus = { ...before, link: 'disconnected', reason: message, since: Date.now() };
          delete failed.reconnect;
          this.opts.log.warn({ err: message }, 'link open failed');
          this.publish(failed);
          return fail('io', message);
        }
      } else {
        await link.close();
        delete this.current.reconnect;
      }
    }
    if (command === 'reset') {
      this.opts.onReset();
      this.resetCounting();
    }
    // Real links: name the endpoint in the status so the operator sees what is connected.
    const cur = this.current;
    if (this.realLink && cur.link === 'connected' && (cur.reason === 'Connected' || cur.reason === 'Measuring')) {
      this.current = { ...cur, reason: `${cur.state === 'measuring' ? 'Measuring from' : 'Connected to'} ${this.realLink.description}` };
    }
    this.device.setMeasuring(!this.realLink && this.measuring);
    this.syncBreaker();
    // Operator actions are journaled; a start belongs to the session it opens, anything else to the one it ends.
    const action = { command, state: this.current.state };
    if (command !== 'start') this.journal('operator', action);
    this.settled();
    if (command === 'start') this.journal('operator', action);
    if (tr.changed || before.link !== this.current.link) {
      this.opts.log.info({ command, state: this.current.state, link: this.current.link }, 'device state');
      this.opts.emitStatus(this.current);
    }
    return ok(this.current);
  }

  /** Device reset: the simulator's sequence and the pipeline's counting start over. */
  resetCounting(): void {
    this.device.resetSequence();
    this.opts.acquisition.resetCounting();
  }

  // ---- links --------------------------------------------------------------------------

  /** Real links deliver whatever arrives; "measuring" decides whether it enters the pipeline. */
  private buildLink(): WritableLink | undefined {
    const link = createLink(this.opts.config().device.link, {
      ...this.opts.linkOptions?.(),
      format: () => formatFor(this.opts.config().device),
      listPorts: this.opts.listPorts,
      backoff: this.opts.reconnectBackoff,
      gate: () => this.opts.faults.gate(),
    });
    if (!link) return undefined;
    link.onData((chunk) => {
      if (link !== this.realLink) return;
      this.linkFrames += countByte(chunk, this.opts.faults.delimiter);
      this.opts.faults.push(chunk);
    });
    link.onError((err) => this.opts.log.warn({ err: err.message, link: link.description }, 'link lost'));
    link.onStatus((s) => {
      if (link === this.realLink) this.onLinkStatus(s);
    });
    return link;
  }

  /** Bytes after the link faults: the console shows what arrived, the pipeline gets it while measuring. */
  deliver(chunk: Uint8Array): void {
    if (!this.realLink) {
      this.opts.acquisition.ingest(chunk);
      return;
    }
    this.opts.console.rx(chunk);
    if (this.current.state === 'measuring' || this.hold.probingData) this.opts.acquisition.ingest(chunk);
    else {
      this.ignoredFrames += countByte(chunk, this.opts.faults.delimiter);
      // The framing stays in step: no frame is spliced from before and after the unmeasured bytes.
      this.opts.acquisition.skip(chunk);
    }
  }

  /** Reconnect progress; the operator's own connect/disconnect is handled in `command`. */
  private onLinkStatus(s: LinkStatusEvent): void {
    const cur = this.current.link;
    const breaker = this.opts.breaker;
    // Health signals for the breaker: the first "reconnecting" is the loss, later ones are failed reopens.
    if (s.phase === 'reconnecting') breaker.failure((s.attempt ?? 1) <= 1 ? 'link-lost' : 'open-error', s.reason);
    else if (s.phase === 'connected' && cur === 'reconnecting') breaker.success();
    // While the breaker holds the link it owns the status (its probe opens and closes the link).
    if (this.hold.holding) return;
    if (s.phase === 'reconnecting' && (cur === 'connected' || cur === 'reconnecting')) {
      this.current = { ...this.current, link: 'reconnecting', reason: s.reason, since: Date.now(), reconnect: { attempt: s.attempt ?? 0, nextAt: s.nextAt ?? 0 } };
    } else if (s.phase === 'connected' && cur === 'reconnecting') {
      this.current = { ...this.current, link: 'connected', reason: s.reason, since: Date.now() };
      delete this.current.reconnect;
      // The simulator (back after a "disconnect" fault) measures again if it was.
      if (!this.realLink) this.device.setMeasuring(this.current.state === 'measuring');
    } else {
      return;
    }
    this.opts.log.info({ link: this.current.link, reason: s.reason }, 'link state');
    this.opts.emitStatus(this.current);
    // A lost link ends the recording session; alarms see the device stop measuring.
    this.settled();
  }

  /** New settings: a new link if its key changed (the operator connects it), the simulator reconfigured. */
  async configure(prev: AppConfig, next: AppConfig): Promise<void> {
    if (linkKey(prev.device) !== linkKey(next.device)) await this.replaceLink(next);
    if (JSON.stringify(prev.device) !== JSON.stringify(next.device)) this.device.configure(next.device);
  }

  private async replaceLink(next: AppConfig): Promise<void> {
    const wasOpen = this.current.link !== 'disconnected';
    this.opts.faults.clear('the device source changed');
    if (this.hold.holding) this.hold.giveUp();
    this.device.setMeasuring(false);
    await this.activeLink().close();
    this.realLink = this.buildLink();
    const source = next.device.source;
    const what = this.what;
    const state = this.current.state === 'safe' ? 'safe' : 'idle';
    const status: DeviceStatus = { ...this.current, source, link: 'disconnected', state, reason: wasOpen ? `Source changed to ${what}: connect to open it` : `Source: ${what}`, since: Date.now() };
    delete status.reconnect;
    this.publish(status);
    this.settled();
    this.syncBreaker();
  }

  /** "Disconnect now": a real link loses its connection as if unplugged; the simulator vanishes the same way. */
  dropLink(): void {
    const err = new Error('disconnected by fault injection');
    if (this.hold.holding) return; // already off the line; the gate keeps probes failing
    if (this.realLink) {
      this.realLink.drop?.(err);
      return;
    }
    if (this.current.link !== 'connected') return;
    this.device.setMeasuring(false);
    this.simLink.drop(err);
  }

  /** A reboot fault restarts the simulated instrument (a real device reboots itself). */
  reboot(silentMs: number): void {
    if (!this.realLink) this.device.reboot(silentMs);
  }

  // ---- backpressure ---------------------------------------------------------------------

  setQueueBehind(active: boolean): void {
    this.queueBehind = active;
    this.applyThrottle();
  }

  setRecorderBehind(active: boolean): void {
    this.recorderBehind = active;
    this.applyThrottle();
  }

  /** The link slows down while the queue or the recorder is behind. */
  private applyThrottle(): void {
    const active = this.queueBehind || this.recorderBehind;
    if (active === this.current.throttled) return;
    this.activeLink().setThrottled(active);
    this.publish({ ...this.current, throttled: active });
  }
}

export { linkKey };
