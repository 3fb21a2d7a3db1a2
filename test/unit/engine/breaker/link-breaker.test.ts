// Breaker configuration → state transitions for each failure signal, on fake timers
// (cockatiel reads Date.now(), which the fake clock also drives).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BreakerSettingsSchema, FAILURE_SIGNALS, type BreakerSettingsInput, type BreakerStatus } from '@shared/domain/breaker.js';
import { LinkBreaker, type HealthTotals } from '../../../../src-main/engine/breaker/link-breaker.js';

interface Rig {
  breaker: LinkBreaker;
  totals: HealthTotals;
  opens: { reason: string; state: string }[];
  closes: string[];
  statuses: BreakerStatus[];
  reopen: ReturnType<typeof vi.fn>;
  /** Feeds `valid` good and `bad` rejected frames. */
  frames(valid: number, bad?: number): void;
}

function rig(settings: BreakerSettingsInput = {}, reopen: () => Promise<void> = () => Promise.resolve()): Rig {
  const totals = { valid: 0, bad: 0 };
  const opens: Rig['opens'] = [];
  const closes: string[] = [];
  const statuses: BreakerStatus[] = [];
  const reopenFn = vi.fn(reopen);
  const breaker = new LinkBreaker({
    settings: BreakerSettingsSchema.parse(settings),
    readTotals: () => ({ ...totals }),
    onOpen: (reason, state) => opens.push({ reason, state }),
    onClose: (reason) => closes.push(reason),
    onStatus: (s) => statuses.push(s),
    reopen: reopenFn,
  });
  breaker.setMeasuring(true);
  return {
    breaker,
    totals,
    opens,
    closes,
    statuses,
    reopen: reopenFn,
    frames(valid, bad = 0) {
      totals.valid += valid;
      totals.bad += bad;
    },
  };
}

/** Keeps a healthy stream going: 50 valid frames every 100 ms for `ms`. */
async function healthy(r: Rig, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    r.frames(50);
    await vi.advanceTimersByTimeAsync(100);
  }
}

/** Advances the fake clock just past the breaker's next half-open probe. */
async function pastNextProbe(r: Rig): Promise<void> {
  await vi.advanceTimersByTimeAsync((r.breaker.status().nextProbeAt as number) - Date.now() + 5);
}

let breakers: LinkBreaker[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
  breakers = [];
});
afterEach(() => {
  for (const b of breakers) b.close();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function make(settings?: BreakerSettingsInput, reopen?: () => Promise<void>): Rig {
  const r = rig(settings, reopen);
  breakers.push(r.breaker);
  return r;
}

describe('LinkBreaker: consecutive trip', () => {
  it('opens after exactly N consecutive failure signals and enters SafeState with the reason', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 3 } });
    r.breaker.failure('open-error', 'Cannot open serial port /dev/ttyUSB0: busy');
    r.breaker.failure('open-error', 'Cannot open serial port /dev/ttyUSB0: busy');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('closed');
    r.breaker.failure('link-lost', 'Lost serial /dev/ttyUSB0: unplugged');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
    expect(r.opens).toEqual([{ reason: 'Open: Lost serial /dev/ttyUSB0: unplugged', state: 'open' }]);
    const st = r.breaker.status();
    expect(st.trips).toBe(1);
    expect(st.stale).toBe(true);
    expect(st.failures['open-error']).toBe(2);
    expect(st.failures['link-lost']).toBe(1);
    expect(st.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['closed>open']);
    expect(st.nextProbeAt).toBeGreaterThan(Date.now());
  });

  it('a healthy window between failures resets the count', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 2 }, windowMs: 500 });
    r.breaker.failure('command-error', 'device replied ERR');
    await vi.advanceTimersByTimeAsync(0);
    await healthy(r, 600);
    r.breaker.failure('command-timeout', 'no reply within 1000 ms');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('closed');
    r.breaker.failure('command-timeout', 'no reply within 1000 ms');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
  });

  it('frames from before a loss do not make the next window healthy (the count keeps going up while down)', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 3 }, windowMs: 1000, watchdogMs: 10_000 });
    // Frames flow for most of a window, then the link is lost and reopening fails.
    r.frames(500);
    await vi.advanceTimersByTimeAsync(600);
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(250);
    r.breaker.failure('open-error', 'ENOENT');
    // The old window would end here, with 500 valid frames in it.
    await vi.advanceTimersByTimeAsync(500);
    expect(r.breaker.current).toBe('closed');
    r.breaker.failure('open-error', 'ENOENT');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
  });

  it('the read watchdog counts a failure each watchdogMs without a valid frame, only while measuring', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 2 }, watchdogMs: 1000 });
    r.breaker.setMeasuring(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(r.breaker.status().failures.watchdog).toBe(0);
    r.breaker.setMeasuring(true);
    await vi.advanceTimersByTimeAsync(1050);
    expect(r.breaker.status().failures.watchdog).toBe(1);
    expect(r.breaker.current).toBe('closed');
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.breaker.current).toBe('open');
    expect(r.breaker.status().reason).toBe('Open: no valid frame for 1000 ms');
  });

  it('more than badFrameBurst rejected frames in a window is one failure; at the limit it is not', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 }, windowMs: 1000, badFrameBurst: 20 });
    r.frames(100, 20);
    await vi.advanceTimersByTimeAsync(1100);
    expect(r.breaker.current).toBe('closed');
    r.frames(100, 21);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.breaker.current).toBe('open');
    expect(r.breaker.status().failures['bad-frames']).toBe(1);
    expect(r.breaker.status().reason).toMatch(/21 rejected frames within 1000 ms \(limit 20\)/);
  });
});

describe('LinkBreaker: window trips', () => {
  it('count: opens when more than the threshold share of the last `size` checks failed', async () => {
    const r = make({ trip: { kind: 'count', threshold: 0.5, size: 4 }, windowMs: 100 });
    r.frames(10);
    await vi.advanceTimersByTimeAsync(100);
    r.frames(10);
    await vi.advanceTimersByTimeAsync(100);
    r.breaker.failure('command-error', 'ERR');
    r.breaker.failure('command-error', 'ERR');
    await vi.advanceTimersByTimeAsync(0);
    // 2 of 4 is not more than half.
    expect(r.breaker.current).toBe('closed');
    r.breaker.failure('command-error', 'ERR');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
  });

  it('sampling: opens on a failure ratio over the time window', async () => {
    const r = make({ trip: { kind: 'sampling', threshold: 0.5, durationMs: 5000, minimumRps: 0.5 } });
    for (let i = 0; i < 6; i++) r.breaker.failure('command-error', 'ERR');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
  });
});

describe('LinkBreaker: half-open probe', () => {
  it('after the backoff it reopens the link; enough valid frames close it', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 }, halfOpenInitialMs: 1000, probeFrames: 20 });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    const at = r.breaker.status().nextProbeAt as number;
    expect(at - Date.now()).toBeGreaterThan(0);
    expect(at - Date.now()).toBeLessThanOrEqual(1400);
    await vi.advanceTimersByTimeAsync(at - Date.now() - 1);
    expect(r.reopen).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10);
    expect(r.reopen).toHaveBeenCalledTimes(1);
    expect(r.breaker.current).toBe('half-open');
    r.frames(19);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.breaker.current).toBe('half-open');
    r.frames(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.breaker.current).toBe('closed');
    expect(r.closes).toEqual(['Closed: the probe received valid frames']);
    expect(r.breaker.status().transitions.map((t) => t.to)).toEqual(['open', 'half-open', 'closed']);
    expect(r.breaker.status().stale).toBe(false);
  });

  it('a probe without frames times out and reopens with a longer backoff', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 }, halfOpenInitialMs: 1000, halfOpenMaxMs: 60_000, probeTimeoutMs: 500 });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    const first = (r.breaker.status().nextProbeAt as number) - Date.now();
    await vi.advanceTimersByTimeAsync(first + 600);
    expect(r.breaker.current).toBe('open');
    expect(r.breaker.status().reason).toMatch(/probe failed: only 0 of 20 valid frames within 500 ms/);
    const second = (r.breaker.status().nextProbeAt as number) - Date.now();
    expect(second).toBeGreaterThan(first);
    expect(r.breaker.status().trips).toBe(1);
    expect(r.breaker.status().failures['probe-failed']).toBe(1);
  });

  it('a reopen that fails sends it back to open with the OS error', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 } }, () => Promise.reject(new Error('Cannot open serial port /dev/ttyS9: No such file')));
    r.breaker.failure('open-error', 'No such file');
    await vi.advanceTimersByTimeAsync(0);
    await pastNextProbe(r);
    expect(r.breaker.current).toBe('open');
    expect(r.breaker.status().reason).toBe('Open: probe failed: Cannot open serial port /dev/ttyS9: No such file');
  });

  it('a burst of rejected frames fails the probe early', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 }, badFrameBurst: 5, probeTimeoutMs: 10_000 });
    r.breaker.failure('bad-frames', 'corrupt');
    await vi.advanceTimersByTimeAsync(0);
    await pastNextProbe(r);
    expect(r.breaker.current).toBe('half-open');
    r.frames(10, 6);
    await vi.advanceTimersByTimeAsync(100);
    expect(r.breaker.current).toBe('open');
    expect(r.breaker.status().reason).toMatch(/6 rejected frames while probing/);
  });

  it('half-open delays grow but never exceed halfOpenMaxMs', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 }, halfOpenInitialMs: 100, halfOpenMaxMs: 400, probeTimeoutMs: 100 });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const d = (r.breaker.status().nextProbeAt as number) - Date.now();
      delays.push(d);
      await vi.advanceTimersByTimeAsync(d + 150);
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
    // Decorrelated jitter: not monotonic, but it grows from the initial delay towards the cap.
    expect(delays[delays.length - 1]).toBeGreaterThan(delays[0] as number);
    expect(r.reopen).toHaveBeenCalledTimes(8);
  });
});

describe('LinkBreaker: operator actions', () => {
  it('isolate holds it open (no probes) until reset; reset closes and resumes', async () => {
    const r = make();
    r.breaker.isolate();
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('isolated');
    expect(r.opens).toEqual([{ reason: 'Isolated by operator', state: 'isolated' }]);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(r.reopen).not.toHaveBeenCalled();
    r.breaker.failure('link-lost', 'ignored while isolated');
    expect(r.breaker.current).toBe('isolated');
    r.breaker.reset();
    expect(r.breaker.current).toBe('closed');
    expect(r.closes).toEqual(['Reset by operator']);
    expect(r.breaker.status().trips).toBe(0);
    expect(r.breaker.status().transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['closed>isolated', 'isolated>closed']);
  });

  it('reset from open and from half-open closes at once; the abandoned probe cannot reopen it', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 } });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    r.breaker.reset();
    expect(r.breaker.current).toBe('closed');
    r.breaker.failure('link-lost', 'gone again');
    await vi.advanceTimersByTimeAsync(0);
    await pastNextProbe(r);
    expect(r.breaker.current).toBe('half-open');
    r.breaker.reset();
    // The link delivers again: nothing the abandoned probe does may reopen the breaker.
    await healthy(r, 10_000);
    expect(r.breaker.current).toBe('closed');
    expect(r.breaker.status().transitions.map((t) => t.to)).toEqual(['open', 'closed', 'open', 'half-open', 'closed']);
  });

  it('isolate while probing aborts the probe and stays isolated', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 } });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    await pastNextProbe(r);
    r.breaker.isolate();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.breaker.current).toBe('isolated');
  });

  it('time in each state adds up to the elapsed time', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 } });
    const start = Date.now();
    await healthy(r, 1000);
    r.breaker.isolate();
    await vi.advanceTimersByTimeAsync(2500);
    const st = r.breaker.status();
    expect(st.timeInState.closed).toBe(1000);
    expect(st.timeInState.isolated).toBe(2500);
    expect(Object.values(st.timeInState).reduce((a, b) => a + b, 0)).toBe(Date.now() - start);
  });
});

describe('LinkBreaker: settings', () => {
  it('disabled: signals are ignored and it stays closed', async () => {
    const r = make({ enabled: false, trip: { kind: 'consecutive', failures: 1 } });
    for (const s of FAILURE_SIGNALS) r.breaker.failure(s, 'x');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(r.breaker.current).toBe('closed');
    expect(r.breaker.status().enabled).toBe(false);
  });

  it('rejects a max delay below the initial one, naming the field', () => {
    const p = BreakerSettingsSchema.safeParse({ halfOpenInitialMs: 5000, halfOpenMaxMs: 1000 });
    expect(p.success).toBe(false);
    expect(p.error?.issues[0]?.path).toEqual(['halfOpenMaxMs']);
  });

  it('switching it off while open closes it at once (the link is given back)', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 } });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
    r.breaker.configure(BreakerSettingsSchema.parse({ enabled: false }));
    expect(r.breaker.current).toBe('closed');
    expect(r.closes).toEqual(['Breaker disabled in the settings']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(r.reopen).not.toHaveBeenCalled();
  });

  it('a new threshold applies live while closed', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 5 } });
    r.breaker.configure(BreakerSettingsSchema.parse({ trip: { kind: 'consecutive', failures: 1 } }));
    r.breaker.failure('command-error', 'ERR');
    await vi.advanceTimersByTimeAsync(0);
    expect(r.breaker.current).toBe('open');
  });

  it('emits a status on every transition', async () => {
    const r = make({ trip: { kind: 'consecutive', failures: 1 } });
    r.breaker.failure('link-lost', 'gone');
    await vi.advanceTimersByTimeAsync(0);
    r.breaker.reset();
    const states = r.statuses.map((s) => s.state);
    expect(states).toContain('open');
    expect(states[states.length - 1]).toBe('closed');
  });
});
