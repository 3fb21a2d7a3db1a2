// The breaker's narrow control over a link session: hold (SafeState, link closed), reopen (the
// half-open probe) and release (close: resume what the operator had running, or stay closed).
// While held, the breaker owns the link; device commands that would reopen it behind its back are refused.
import type { Logger } from 'pino';
import type { BreakerState, BreakerStatus, FailureSignal } from '@shared/domain/breaker.js';
import type { DeviceCommand, DeviceStatus } from '@shared/domain/device.js';
import { commandVerdict } from '@shared/domain/device-commands.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import type { DeviceLink, WritableLink } from '../../link/device-link.js';

/** What the session tells the breaker, and what it asks of it. */
export interface BreakerHealth {
  readonly current: BreakerState;
  status(): BreakerStatus;
  failure(signal: FailureSignal, message: string): void;
  success(): void;
  setMeasuring(measuring: boolean): void;
  reset(): void;
}

/** The parts of the session the hold works on (the session implements it). */
export interface HeldSession {
  readonly status: DeviceStatus;
  readonly link: WritableLink | undefined;
  readonly what: string;
  readonly isClosed: boolean;
  readonly device: { setMeasuring(measuring: boolean): void };
  activeLink(): DeviceLink;
  set(next: DeviceStatus): void;
  publish(next: DeviceStatus): void;
  settled(): void;
  syncBreaker(): void;
  journal(kind: 'breaker' | 'operator', data: unknown): void;
}

export interface SessionHoldOptions {
  session: HeldSession;
  breaker: BreakerHealth;
  log: Logger;
  gate: () => void;
  idle: () => Promise<void>;
  resetCounting: () => void;
  clearFaults: (reason: string) => void;
}

/** What the operator had running when the breaker took the link: restored when it closes. */
type Resume = 'measuring' | 'connected' | 'none';

const withoutReconnect = (s: DeviceStatus): DeviceStatus => {
  const copy = { ...s };
  delete copy.reconnect;
  return copy;
};

export class SessionHold {
  /** The breaker holds the link (open, half-open or isolated): it owns link and state until it closes. */
  holding = false;
  private resume: Resume = 'none';
  /** The probe reopened the link (so a close after it needs no new open). */
  private probeOpened = false;
  private probes = 0;

  constructor(private readonly opts: SessionHoldOptions) {}

  /** A half-open probe of a measuring link lets data into the pipeline to judge it. */
  get probingData(): boolean {
    return this.opts.breaker.current === 'half-open' && this.resume === 'measuring';
  }

  /** The probe must see valid frames only if the link was measuring (else reopening is the test). */
  get probeNeedsFrames(): boolean {
    return this.resume === 'measuring';
  }

  /** Open or isolated: SafeState, the link closed; probes follow if something was running. */
  async opened(reason: string, kind: 'open' | 'isolated'): Promise<void> {
    const { session, log } = this.opts;
    if (session.isClosed) return;
    const t = Date.now();
    if (!this.holding) {
      const st = session.status;
      const active = st.link !== 'disconnected';
      this.resume = st.state === 'measuring' ? 'measuring' : active ? 'connected' : 'none';
      this.holding = true;
      this.probes = 0;
    }
    session.journal('breaker', { to: kind, reason });
    this.probeOpened = false;
    // SafeState: stop reading and writing; a failing port is not hammered with reopen attempts.
    session.device.setMeasuring(false);
    await session
      .activeLink()
      .close()
      .catch((err: unknown) => log.warn({ err }, 'closing the link for SafeState failed'));
    if (!this.holding) return; // reset while closing
    const st = this.opts.breaker.status();
    const probing = kind === 'open' && this.resume !== 'none';
    const why = kind === 'open' ? `Circuit breaker open (${reason.replace(/^Open: /, '')}): SafeState, data stale, no commands` : 'Circuit breaker isolated by operator: SafeState until Reset';
    const next: DeviceStatus = { ...session.status, state: 'safe', link: probing ? 'reconnecting' : 'disconnected', reason: why, since: t };
    if (probing && st.nextProbeAt !== undefined) next.reconnect = { attempt: this.probes + 1, nextAt: st.nextProbeAt };
    else delete next.reconnect;
    log.warn({ breaker: kind, reason }, 'SafeState');
    session.publish(next);
    this.opts.breaker.setMeasuring(false);
    session.settled();
  }

  halfOpen(): void {
    const { session } = this.opts;
    this.probes++;
    session.journal('breaker', { to: 'half-open' });
    session.publish(withoutReconnect({ ...session.status, link: 'connecting', reason: `Circuit breaker half-open: probing ${session.what} (probe ${this.probes})`, since: Date.now() }));
  }

  /** The half-open test: reopen the link (through the fault gate) and, if it was measuring, let data flow. */
  async reopen(): Promise<void> {
    const { session } = this.opts;
    if (this.resume === 'none') throw new Error('the operator closed the link');
    this.opts.gate();
    // The simulator is a transport behind the same reconnecting link as a real one.
    await session.activeLink().open();
    if (!session.link) session.device.setMeasuring(this.resume === 'measuring');
    this.probeOpened = true;
  }

  async released(reason: string): Promise<void> {
    const { session, log } = this.opts;
    if (session.isClosed) return;
    const t = Date.now();
    session.journal('breaker', { to: 'closed', reason });
    const resume = this.resume;
    this.resume = 'none';
    this.holding = false;
    const link = session.activeLink();
    if (resume === 'none') {
      const opened = this.probeOpened;
      this.probeOpened = false;
      session.publish(withoutReconnect({ ...session.status, link: 'disconnected', state: 'idle', reason: `Circuit breaker closed (${reason}); the link stays closed`, since: t }));
      session.syncBreaker();
      // Closed after the status goes out: a Disconnect or source change that reset the breaker
      // sends its own status next, and that one must be the last word.
      if (opened) await link.close().catch(() => undefined);
      return;
    }
    if (!this.probeOpened) {
      try {
        this.opts.gate();
        await link.open();
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        session.publish(withoutReconnect({ ...session.status, link: 'disconnected', state: 'idle', reason: message, since: t }));
        return;
      }
    }
    this.probeOpened = false;
    const measuring = resume === 'measuring';
    const why = reason.replace(/^Closed: /, '');
    session.set(withoutReconnect({ ...session.status, link: 'connected', state: measuring ? 'measuring' : 'idle', reason: `Reconnected to ${session.what}: circuit breaker closed (${why})`, since: Date.now() }));
    session.device.setMeasuring(!session.link && measuring);
    log.info({ reason }, 'breaker closed, resuming');
    session.publish(session.status);
    session.settled();
    session.syncBreaker();
  }

  /** The link settings changed under the breaker: it closes with nothing to resume. */
  giveUp(): void {
    this.resume = 'none';
    this.opts.breaker.reset();
  }

  /** Device commands while held: nothing reopens the link behind the breaker's back. */
  async command(command: DeviceCommand): Promise<ApiResult<DeviceStatus>> {
    const { session, breaker } = this.opts;
    // The shared rule the UI enables its buttons by: connect and start wait for the breaker.
    const verdict = commandVerdict(command, session.status, breaker.status());
    if (!verdict.ok && verdict.by === 'breaker') return fail('invalid-state', verdict.reason);
    switch (command) {
      case 'connect':
      case 'start':
        return fail('invalid-state', `Cannot ${command} while the circuit breaker holds the link`);
      case 'safe':
        return ok(session.status);
      case 'stop':
        if (this.resume === 'measuring') this.resume = 'connected';
        session.journal('operator', { command, state: session.status.state });
        return ok(session.status);
      case 'disconnect':
      case 'reset': {
        // The operator gives the link up: the breaker closes with nothing to resume.
        this.resume = 'none';
        this.opts.clearFaults(`the operator chose ${command}`);
        breaker.reset();
        await this.opts.idle().catch(() => undefined);
        session.set(withoutReconnect({ ...session.status, link: 'disconnected', state: 'idle', reason: command === 'reset' ? 'Reset by operator' : 'Disconnected by operator', since: Date.now() }));
        if (command === 'reset') this.opts.resetCounting();
        session.journal('operator', { command, state: session.status.state });
        session.publish(session.status);
        return ok(session.status);
      }
    }
  }
}
