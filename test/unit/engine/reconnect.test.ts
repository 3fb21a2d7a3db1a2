import { ConstantBackoff, ExponentialBackoff, noJitterGenerator } from 'cockatiel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkStatusEvent } from '../../../src-main/engine/link/device-link.js';
import { ReconnectingLink } from '../../../src-main/engine/link/reconnect.js';
import type { Transport, TransportHandlers } from '../../../src-main/engine/link/transport.js';

/** A scripted endpoint: each open either fails with the next queued error or succeeds. */
class FakeEndpoint {
  opens = 0;
  failures: string[] = [];
  handlers: TransportHandlers | undefined;
  paused: boolean[] = [];
  closed = 0;
  written: Uint8Array[] = [];
  open = async (h: TransportHandlers): Promise<Transport> => {
    this.opens++;
    const f = this.failures.shift();
    if (f) throw new Error(f);
    this.handlers = h;
    return {
      write: async (d) => void this.written.push(d),
      setPaused: (p) => void this.paused.push(p),
      close: async () => void this.closed++,
    };
  };
}

let ep: FakeEndpoint;
let statuses: LinkStatusEvent[];

function link(backoff: ConstantBackoff | ExponentialBackoff<number>) {
  const l = new ReconnectingLink({ kind: 'serial', description: 'serial /dev/ttyX @ 9600', open: ep.open, backoff, now: () => Date.now() });
  l.onStatus((s) => statuses.push(s));
  return l;
}

beforeEach(() => {
  vi.useFakeTimers();
  ep = new FakeEndpoint();
  statuses = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ReconnectingLink', () => {
  it('first open failure is the answer: no retries, status names the error', async () => {
    ep.failures.push('Cannot open serial port /dev/ttyX: Permission denied');
    const l = link(new ConstantBackoff(10));
    await expect(l.open()).rejects.toThrow('Permission denied');
    await vi.advanceTimersByTimeAsync(1000);
    expect(ep.opens).toBe(1);
    expect(statuses.map((s) => s.phase)).toEqual(['connecting', 'disconnected']);
    expect(statuses.at(-1)?.reason).toBe('Cannot open serial port /dev/ttyX: Permission denied');
  });

  it('after a loss retries with growing, capped delays until the device is back', async () => {
    const l = link(new ExponentialBackoff({ initialDelay: 100, maxDelay: 400, exponent: 2, generator: noJitterGenerator }));
    await l.open();
    ep.failures.push('gone', 'gone', 'gone', 'gone');
    ep.handlers?.onLost(new Error('device disconnected'));
    expect(l.connected).toBe(false);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = statuses.at(-1) as LinkStatusEvent;
      if (s.phase !== 'reconnecting') break;
      const wait = (s.nextAt ?? 0) - Date.now();
      delays.push(wait);
      await vi.advanceTimersByTimeAsync(wait);
    }
    expect(delays).toEqual([100, 200, 400, 400, 400]);
    expect(ep.opens).toBe(1 + 5);
    expect(l.connected).toBe(true);
    expect(l.reconnects).toBe(1);
    expect(statuses.at(-1)).toMatchObject({ phase: 'connected', reason: 'Reconnected to serial /dev/ttyX @ 9600' });
    const attempts = statuses.filter((s) => s.phase === 'reconnecting').map((s) => s.attempt);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    expect(statuses.find((s) => s.phase === 'reconnecting')?.reason).toContain('device disconnected');
  });

  it('the operator can cancel: disconnect stops the retries for good', async () => {
    const l = link(new ConstantBackoff(50));
    await l.open();
    ep.failures.push(...Array.from({ length: 100 }, () => 'gone'));
    ep.handlers?.onLost(new Error('unplugged'));
    await vi.advanceTimersByTimeAsync(120);
    const opensBefore = ep.opens;
    await l.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(ep.opens).toBe(opensBefore);
    expect(statuses.at(-1)?.phase).toBe('disconnected');
  });

  it('ignores data and losses of a transport it already replaced', async () => {
    const l = link(new ConstantBackoff(10));
    const got: number[] = [];
    l.onData((c) => got.push(c[0] ?? -1));
    await l.open();
    const old = ep.handlers as TransportHandlers;
    old.onLost(new Error('x'));
    await vi.advanceTimersByTimeAsync(10);
    expect(l.connected).toBe(true);
    old.onData(Uint8Array.of(1));
    old.onLost(new Error('late'));
    ep.handlers?.onData(Uint8Array.of(2));
    expect(got).toEqual([2]);
    expect(l.connected).toBe(true);
  });

  it('keeps backpressure across a reconnect and writes only while connected', async () => {
    const l = link(new ConstantBackoff(10));
    await l.open();
    l.setThrottled(true);
    ep.handlers?.onLost(new Error('x'));
    await expect(l.write(Uint8Array.of(1))).rejects.toThrow('serial /dev/ttyX @ 9600 is not connected');
    await vi.advanceTimersByTimeAsync(10);
    expect(ep.paused).toEqual([true, true]);
    await l.write(Uint8Array.of(7));
    expect(ep.written).toEqual([Uint8Array.of(7)]);
  });
});

