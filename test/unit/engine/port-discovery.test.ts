import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PortInfo } from '@shared/domain/link.js';
import { PortDiscovery } from '../../../src-main/engine/link/port-discovery.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PortDiscovery', () => {
  it('polls and reports only changes (hot-plug), sorted by path', async () => {
    let ports: PortInfo[] = [{ path: '/dev/ttyS0' }];
    const seen: PortInfo[][] = [];
    const d = new PortDiscovery(async () => ports, { intervalMs: 1000 });
    d.onChange((p) => seen.push(p));
    d.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen).toEqual([[{ path: '/dev/ttyS0' }]]);
    ports = [{ path: '/dev/ttyUSB0', vendorId: '0403', productId: '6001', serialNumber: 'FT1' }, { path: '/dev/ttyS0' }];
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.at(-1)?.map((p) => p.path)).toEqual(['/dev/ttyS0', '/dev/ttyUSB0']);
    ports = [{ path: '/dev/ttyS0' }];
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toHaveLength(3);
    d.stop();
  });

  it('a failing list is reported and keeps the last known ports', async () => {
    const errors: unknown[] = [];
    let fail = false;
    const d = new PortDiscovery(
      async () => {
        if (fail) throw new Error('udev gone');
        return [{ path: '/dev/ttyS0' }];
      },
      { intervalMs: 1000, onError: (e) => errors.push(e) },
    );
    await d.refresh();
    fail = true;
    expect(await d.refresh()).toEqual([{ path: '/dev/ttyS0' }]);
    expect(errors).toHaveLength(1);
  });

  it('with a signature, lists only when it changes (or when the fallback is due)', async () => {
    let sig = 'ttyS0';
    const d = new PortDiscovery(async () => [{ path: '/dev/ttyS0' }], { intervalMs: 1000, signature: async () => sig, fullEveryMs: 30_000 });
    d.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(d.fullLists).toBe(1);
    sig = 'ttyS0,ttyUSB0';
    await vi.advanceTimersByTimeAsync(1000);
    expect(d.fullLists).toBe(2);
    await vi.advanceTimersByTimeAsync(25_000);
    expect(d.fullLists).toBe(2);
    await vi.advanceTimersByTimeAsync(6000);
    expect(d.fullLists).toBe(3);
    d.stop();
  });
});
