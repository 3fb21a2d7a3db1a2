// Live values for the widgets: one ChannelStats per hub, fed by every batch; components re-read
// it at most every REFRESH_MS and only while they can be seen (no redraw when nothing arrived).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { DrawScheduler, type SampleHub } from '../plots';
import { ChannelStats } from './channelStats';

const REFRESH_MS = 100;
const statsByHub = new WeakMap<SampleHub, ChannelStats>();

export function statsFor(hub: SampleHub): ChannelStats {
  let s = statsByHub.get(hub);
  if (!s) {
    const stats = new ChannelStats();
    hub.subscribe((batch) => {
      if (batch.reset) stats.reset();
      stats.add(batch.channels, batch.t.length, batch.y);
    });
    statsByHub.set(hub, stats);
    s = stats;
  }
  return s;
}

/** Re-renders the caller when new samples arrived (at most every REFRESH_MS, only when visible). */
export function useSampleTick(hub: SampleHub, host: RefObject<HTMLElement | null>): number {
  const [tick, setTick] = useState(0);
  const last = useRef(0);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduler = new DrawScheduler(el, () => {
      last.current = performance.now();
      setTick((n) => n + 1);
    });
    const off = hub.subscribe(() => {
      const wait = REFRESH_MS - (performance.now() - last.current);
      if (wait <= 0) scheduler.invalidate();
      else timer ??= setTimeout(() => {
        timer = undefined;
        scheduler.invalidate();
      }, wait);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
      scheduler.dispose();
    };
  }, [hub, host]);
  return tick;
}
