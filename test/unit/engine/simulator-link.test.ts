// The simulator's reconnect after a "disconnect" fault is the reconnecting link's: same status events
// and capped backoff as a real link, because the simulator is one more transport behind it.
import { ConstantBackoff, ExponentialBackoff, noJitterGenerator } from 'cockatiel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkStatusEvent } from '../../../src-main/engine/link/device-link.js';
import { ReconnectingLink } from '../../../src-main/engine/link/reconnect.js';
import { SimulatedDevice } from '../../../src-main/engine/link/simulated-device.js';
import { createSimulatorLink } from '../../../src-main/engine/link/simulator-link.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const device = () => new SimulatedDevice({ channels: 2, rateHz: 1000, signals: [] });

describe('the simulator behind the reconnecting link', () => {
  it('is a ReconnectingLink: retries with growing delays while the gate refuses, then reports connected', async () => {
    let reachable = true;
    const events: LinkStatusEvent[] = [];
    const delays: number[] = [];
    const link = createSimulatorLink(device(), {
      gate: () => {
        if (!reachable) throw new Error('unreachable (disconnect fault injected)');
      },
      backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 400, generator: noJitterGenerator }),
    });
    expect(link).toBeInstanceOf(ReconnectingLink);
    await link.open();
    link.onStatus((s) => {
      events.push(s);
      if (s.nextAt !== undefined) delays.push(s.nextAt - Date.now());
    });
    reachable = false;
    link.drop(new Error('disconnected by fault injection'));
    expect(link.connected).toBe(false);
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
    expect(link.connected).toBe(true);
    expect(link.reconnects).toBe(1);
    await link.close();
  });

  it('close stops the retries, also one whose open is still running', async () => {
    const sim = device();
    const events: LinkStatusEvent[] = [];
    const link = createSimulatorLink(sim, { backoff: new ConstantBackoff(50) });
    await link.open();
    link.onStatus((s) => events.push(s));
    let release: (() => void) | undefined;
    const open = vi.spyOn(sim, 'open').mockImplementation(() => new Promise<void>((resolve) => (release = resolve)));
    link.drop(new Error('gone'));
    await vi.advanceTimersByTimeAsync(50);
    expect(release).toBeDefined();
    await link.close();
    release?.();
    await vi.advanceTimersByTimeAsync(1000);
    // No reconnect after the close: only the loss and the operator's disconnect.
    expect(events.map((e) => e.phase)).toEqual(['reconnecting', 'disconnected']);
    expect(open).toHaveBeenCalledTimes(1);
    expect(link.connected).toBe(false);
  });

  it('delivers the measuring simulator\'s frames only while its transport is open', async () => {
    const sim = device();
    const link = createSimulatorLink(sim, { backoff: new ConstantBackoff(10_000) });
    let bytes = 0;
    let frames = 0;
    link.onData((chunk) => {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) frames++;
    });
    sim.setMeasuring(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(bytes).toBe(0);
    await link.open();
    await vi.advanceTimersByTimeAsync(50);
    const whileOpen = bytes;
    // Every frame the instrument produced arrived through the link, one line each.
    expect(frames).toBe(sim.framesProduced);
    expect(frames).toBeGreaterThanOrEqual(40);
    link.drop(new Error('gone'));
    await vi.advanceTimersByTimeAsync(50);
    expect(bytes).toBe(whileOpen);
    await link.close();
  });
});
