// The device link's circuit breaker. cockatiel owns the state machine (closed →
// open → half-open → closed/open, isolation); this class turns link health into
// calls on it: each failure signal is a failed call, each healthy window a good
// one, and the half-open probe (reopen + valid frames in time) is the test call.
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  CountBreaker,
  ExponentialBackoff,
  SamplingBreaker,
  circuitBreaker,
  handleAll,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IBreaker,
  type IDisposable,
} from 'cockatiel';
import {
  BREAKER_TIMELINE,
  emptyFailureCounts,
  type BreakerSettings,
  type BreakerState,
  type BreakerStatus,
  type BreakerTransition,
  type BreakerTrip,
  type FailureSignal,
} from '@shared/domain/breaker.js';

/** Link health totals since the pipeline started; the breaker polls their growth. */
export interface HealthTotals {
  valid: number;
  bad: number;
}

export interface LinkBreakerOptions {
  settings: BreakerSettings;
  /** Health counters (valid frames, rejected frames), polled every POLL_MS. */
  readTotals: () => HealthTotals;
  /** Open or isolated: stop using the link (SafeState). */
  onOpen: (reason: string, state: 'open' | 'isolated') => void;
  /** The half-open probe: reopen the link; rejects with the error (named endpoint, OS error). */
  reopen: () => Promise<void>;
  /** Closed again (probe passed or operator reset): resume. */
  onClose: (reason: string) => void;
  /** Every transition and change of counters. */
  onStatus: (status: BreakerStatus) => void;
  /** The probe is running (half-open). */
  onHalfOpen?: () => void;
  /** Whether the probe must see valid frames (false: the device is not measuring, reopening is the test). */
  probeNeedsFrames?: () => boolean;
}

const POLL_MS = 100;
/** A probe whose rejected frames exceed this share of its valid ones fails. */
const PROBE_MAX_BAD_RATIO = 0.05;


function makeTrip(trip: BreakerTrip): IBreaker {
  switch (trip.kind) {
    case 'consecutive':
      return new ConsecutiveBreaker(trip.failures);
    case 'count':
      return new CountBreaker({ threshold: trip.threshold, size: trip.size });
    case 'sampling':
      return new SamplingBreaker({ threshold: trip.threshold, duration: trip.durationMs, minimumRps: trip.minimumRps });
  }
}

/** cockatiel keeps its backoff private: this wrapper reports each delay it hands out, so the probe can be timed. */
function reportingBackoff(inner: IBackoffFactory<unknown>, report: (ms: number) => void): IBackoffFactory<unknown> {
  const wrap = (b: IBackoff<unknown>): IBackoff<unknown> => {
    report(b.duration);
    return {
      duration: b.duration,
      next: (ctx: unknown) => wrap(b.next(ctx)),
    };
  };
  return { next: (ctx: unknown) => wrap(inner.next(ctx)) };
}

const STATE_NAMES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

interface Probe {
  startValid: number;
  startBad: number;
  resolve: () => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class LinkBreaker {
  private settings: BreakerSettings;
  private policy!: CircuitBreakerPolicy;
  private subscriptions: IDisposable[] = [];
  private state: BreakerState = 'closed';
  private since = Date.now();
  private reason = 'Closed';
  private trips = 0;
  private readonly timeIn: Record<BreakerState, number> = { closed: 0, open: 0, 'half-open': 0, isolated: 0 };
  private readonly failures = emptyFailureCounts();
  private transitions: BreakerTransition[] = [];
  private lastDelay = 0;
  private nextProbeAt: number | undefined;
  private probeTimer: ReturnType<typeof setTimeout> | undefined;
  private probe: Probe | undefined;
  /** The reason the next transition is given (set before the call that causes it). */
  private pendingReason = '';
  /** Settings changed while not closed: a new policy at the next close. */
  private dirty = false;
  private measuring = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private last: HealthTotals = { valid: 0, bad: 0 };
  private windowStart = Date.now();
  private windowValid = 0;
  private windowBad = 0;
  private lastValidAt = Date.now();
  private closed = false;

  constructor(private readonly opts: LinkBreakerOptions) {
    this.settings = opts.settings;
    this.build();
    this.last = this.safeTotals();
    this.pollTimer = setInterval(() => this.poll(), POLL_MS);
    this.pollTimer.unref?.();
  }

  get current(): BreakerState {
    return this.state;
  }

  /** New settings apply at once while closed, else from the next close (the running backoff is kept). */
  configure(settings: BreakerSettings): void {
    this.settings = settings;
    if (this.state === 'closed') this.build();
    else if (!settings.enabled) {
      // Switched off while holding the link: give it back now rather than at the next probe.
      this.forceClose('Breaker disabled in the settings');
      return;
    } else this.dirty = true;
    this.emit();
  }

  /** The watchdog and health windows run only while the device should be measuring. */
  setMeasuring(measuring: boolean): void {
    if (measuring === this.measuring) return;
    this.measuring = measuring;
    this.restartWindows();
  }

  /** A failure signal (open error, link lost, command error…). Counted always, acted on while closed or probing. */
  failure(signal: FailureSignal, message: string): void {
    if (this.closed || !this.settings.enabled) return;
    this.failures[signal]++;
    // A health window counts as good only for frames after the last failure: frames from before a
    // loss must not reset the consecutive count while the link is down.
    this.restartWindow(Date.now());
    if (this.state === 'half-open' && this.probe) {
      this.failProbe(new Error(message));
    } else if (this.state === 'closed') {
      this.call(() => Promise.reject(new Error(message)), message);
    }
    this.emit();
  }

  /** A good sign outside the health windows (e.g. a reconnect succeeded). */
  success(): void {
    if (this.closed || !this.settings.enabled || this.state !== 'closed') return;
    this.call(() => Promise.resolve());
  }

  /** Operator: hold the breaker open (SafeState) until Reset. */
  isolate(): void {
    if (this.closed || this.state === 'isolated') return;
    this.failProbe(new Error('Isolated by operator'));
    this.cancelProbeTimer();
    this.pendingReason = 'Isolated by operator';
    this.policy.isolate();
  }

  /** Operator: close the breaker now and resume (from open, half-open or isolated). */
  reset(): void {
    if (this.closed || this.state === 'closed') return;
    this.forceClose('Reset by operator');
  }

  /** Closed now, whatever the policy was doing. */
  private forceClose(reason: string): void {
    this.failProbe(new Error(reason));
    this.cancelProbeTimer();
    // A fresh policy: whatever the old one still has in flight (a probe) can no longer move the state.
    this.build();
    this.pendingReason = reason;
    this.onState('closed');
  }

  status(): BreakerStatus {
    const now = Date.now();
    const timeInState = { ...this.timeIn };
    timeInState[this.state] += now - this.since;
    return {
      enabled: this.settings.enabled,
      state: this.state,
      since: this.since,
      reason: this.reason,
      trips: this.trips,
      timeInState,
      t: now,
      ...(this.state === 'open' && this.nextProbeAt !== undefined ? { nextProbeAt: this.nextProbeAt } : {}),
      failures: { ...this.failures },
      transitions: this.transitions.slice(),
      stale: this.state !== 'closed',
    };
  }

  close(): void {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.cancelProbeTimer();
    this.failProbe(new Error('engine closing'));
    for (const s of this.subscriptions) s.dispose();
  }

  // ---- internals -------------------------------------------------------------

  private build(): void {
    for (const s of this.subscriptions) s.dispose();
    const s = this.settings;
    const backoff = new ExponentialBackoff({ initialDelay: s.halfOpenInitialMs, maxDelay: s.halfOpenMaxMs });
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: reportingBackoff(backoff, (ms) => {
        this.lastDelay = ms;
      }),
      breaker: makeTrip(s.trip),
    });
    const policy = this.policy;
    this.dirty = false;
    this.subscriptions = [
      policy.onStateChange((st) => {
        if (policy === this.policy) this.onState(STATE_NAMES[st]);
      }),
    ];
  }

  /** Runs `fn` through the policy; its outcome is only a signal, never an error for anyone. */
  private call(fn: () => Promise<void>, reason?: string): void {
    if (reason !== undefined) this.pendingReason = reason;
    this.policy.execute(fn).catch(() => undefined);
  }

  private onState(to: BreakerState): void {
    const from = this.state;
    if (from === to) return;
    const now = Date.now();
    this.timeIn[from] += now - this.since;
    this.state = to;
    this.since = now;
    const reason = this.describe(to);
    this.reason = reason;
    this.transitions.push({ t: now, from, to, reason });
    if (this.transitions.length > BREAKER_TIMELINE) this.transitions.splice(0, this.transitions.length - BREAKER_TIMELINE);
    if (to === 'open' && from === 'closed') this.trips++;
    if (to === 'open') {
      this.scheduleProbe(this.lastDelay);
      this.opts.onOpen(reason, 'open');
    } else if (to === 'isolated') {
      this.opts.onOpen(reason, 'isolated');
    } else if (to === 'half-open') {
      this.nextProbeAt = undefined;
      this.opts.onHalfOpen?.();
    } else {
      this.nextProbeAt = undefined;
      // Not from inside the old policy's own event: build the new one after it returns.
      if (this.dirty) queueMicrotask(() => this.build());
      this.restartWindows();
      this.opts.onClose(reason);
    }
    this.emit();
  }

  private describe(to: BreakerState): string {
    const r = this.pendingReason;
    switch (to) {
      case 'open':
        return r ? `Open: ${r}` : 'Open';
      case 'half-open':
        return 'Half-open: probing the link';
      case 'isolated':
        return r || 'Isolated by operator';
      case 'closed':
        return r === 'Reset by operator' || r === 'Breaker disabled in the settings' ? r : 'Closed: the probe received valid frames';
    }
  }

  /** The watchdog and the health window start over (measuring began, or the breaker closed). */
  private restartWindows(): void {
    const now = Date.now();
    this.lastValidAt = now;
    this.restartWindow(now);
    this.last = this.safeTotals();
  }

  /** The health window starts over at `now`, empty. */
  private restartWindow(now: number): void {
    this.windowStart = now;
    this.windowValid = 0;
    this.windowBad = 0;
  }

  private scheduleProbe(delay: number): void {
    this.cancelProbeTimer();
    this.nextProbeAt = Date.now() + delay;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      this.startProbe();
    }, delay);
  }

  private cancelProbeTimer(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
  }

  private startProbe(): void {
    if (this.closed || this.state !== 'open') return;
    const reasonOnFail = (err: unknown): string => `probe failed: ${err instanceof Error ? err.message : String(err)}`;
    this.pendingReason = '';
    this.policy
      .execute(async () => {
        try {
          await this.opts.reopen();
          await this.waitProbe();
        } catch (err) {
          this.failures['probe-failed']++;
          this.pendingReason = reasonOnFail(err);
          throw err;
        }
      })
      .catch((err: unknown) => {
        // cockatiel measures the backoff with Date.now(): a timer that fires a hair early is retried.
        if (err instanceof BrokenCircuitError && this.state === 'open') this.scheduleProbe(5);
      });
  }

  /** Resolves once the reopened link delivered `probeFrames` valid frames with few rejected ones. */
  private waitProbe(): Promise<void> {
    if (this.opts.probeNeedsFrames && !this.opts.probeNeedsFrames()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const t = this.safeTotals();
      this.last = t;
      const timeout = this.settings.probeTimeoutMs;
      const timer = setTimeout(() => {
        const p = this.probe;
        const got = p ? this.last.valid - p.startValid : 0;
        this.failProbe(new Error(`only ${got} of ${this.settings.probeFrames} valid frames within ${timeout} ms`));
      }, timeout);
      this.probe = { startValid: t.valid, startBad: t.bad, resolve, reject, timer };
    });
  }

  private failProbe(err: Error): void {
    const p = this.probe;
    if (!p) return;
    this.probe = undefined;
    clearTimeout(p.timer);
    p.reject(err);
  }

  private checkProbe(): void {
    const p = this.probe;
    if (!p) return;
    const valid = this.last.valid - p.startValid;
    const bad = this.last.bad - p.startBad;
    if (bad > this.settings.badFrameBurst) {
      this.failProbe(new Error(`${bad} rejected frames while probing (limit ${this.settings.badFrameBurst})`));
    } else if (valid >= this.settings.probeFrames && bad <= valid * PROBE_MAX_BAD_RATIO) {
      this.probe = undefined;
      clearTimeout(p.timer);
      p.resolve();
    }
  }

  private safeTotals(): HealthTotals {
    try {
      return this.opts.readTotals();
    } catch {
      return this.last;
    }
  }

  /** Health windows, the watchdog and the probe all read the same polled counters. */
  private poll(): void {
    if (this.closed) return;
    const t = this.safeTotals();
    // Totals restart at a device reset: take the new baseline.
    const dValid = t.valid >= this.last.valid ? t.valid - this.last.valid : t.valid;
    const dBad = t.bad >= this.last.bad ? t.bad - this.last.bad : t.bad;
    if (t.valid < this.last.valid || t.bad < this.last.bad) {
      if (this.probe) {
        this.probe.startValid = 0;
        this.probe.startBad = 0;
      }
    }
    this.last = t;
    if (this.state === 'half-open') return this.checkProbe();
    if (this.state !== 'closed' || !this.measuring || !this.settings.enabled) return;
    const now = Date.now();
    if (dValid > 0) this.lastValidAt = now;
    this.windowValid += dValid;
    this.windowBad += dBad;
    const s = this.settings;
    if (this.windowBad > s.badFrameBurst) {
      // failure() restarts the window.
      const bad = this.windowBad;
      this.failure('bad-frames', `${bad} rejected frames within ${s.windowMs} ms (limit ${s.badFrameBurst})`);
      return;
    }
    if (now - this.lastValidAt >= s.watchdogMs) {
      this.lastValidAt = now;
      this.failure('watchdog', `no valid frame for ${s.watchdogMs} ms`);
      return;
    }
    if (now - this.windowStart >= s.windowMs) {
      const healthy = this.windowValid > 0;
      this.restartWindow(now);
      if (healthy) this.success();
    }
  }

  private lastEmitJson = '';
  private emit(): void {
    const st = this.status();
    // Counters and state only: the clock alone is no reason to send.
    const key = JSON.stringify([st.state, st.trips, st.failures, st.transitions.length, st.reason, st.enabled, st.nextProbeAt]);
    if (key === this.lastEmitJson) return;
    this.lastEmitJson = key;
    this.opts.onStatus(st);
  }
}
