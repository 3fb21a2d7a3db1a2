// The simulator's reconnect after a "disconnect" fault: same status events and capped backoff as a real link.
import { ConstantBackoff, ExponentialBackoff, noJitterGenerator } from 'cockatiel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkStatusEvent } from '../../../src-main/engine/link/device-link.js';
import { SimulatorReconnect } from '../../../src-main/engine/link/simulator-reconnect.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('SimulatorReconnect', () => {
  it('retries with growing delays while the open fails, then reports connected', async () => {
    let reachable = false;
    const events: LinkStatusEvent[] = [];
    const delays: number[] = [];
    const r = new SimulatorReconnect({
      open: async () => {
        if (!reachable) throw new Error('unreachable (disconnect fault injected)');
      },
      onStatus: (s) => {
        events.push(s);
        if (s.nextAt !== undefined) delays.push(s.nextAt - Date.now());
      },
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 400, generator: noJitterGenerator }),
    });
    r.lost('disconnected by fault injection');
    expect(events[0]).toMatchObject({ phase: 'reconnecting', attempt: 1, reason: 'Lost the simulated device: disconnected by fault injection' });
    await vi.advanceTimersByTimeAsync(100);
    expect(events[1]).toMatchObject({ phase: 'reconnecting', attempt: 2 });
    expect(events[1]?.reason).toMatch(/unreachable/);
    await vi.advanceTimersByTimeAsync(200 + 400);
    // 100 → 200 → 400, then capped at 400.
    expect(delays).toEqual([100, 200, 400, 400]);
    reachable = true;
    await vi.advanceTimersByTimeAsync(400);
    expect(events.at(-1)).toEqual({ phase: 'connected', reason: 'Reconnected to the simulated device' });
    expect(r.active).toBe(false);
  });

  it('cancel stops the retries, also one whose open is still running', async () => {
    const events: LinkStatusEvent[] = [];
    let release: (() => void) | undefined;
    const r = new SimulatorReconnect({
      open: () => new Promise<void>((resolve) => (release = resolve)),
      onStatus: (s) => events.push(s),
      backoff: new ConstantBackoff(50),
    });
    r.lost('gone');
    await vi.advanceTimersByTimeAsync(50);
    expect(release).toBeDefined();
    r.cancel();
    release?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.map((e) => e.phase)).toEqual(['reconnecting']);
  });
});
