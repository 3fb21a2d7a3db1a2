// Status-bar cell: while paused, how far the plots' view is behind the newest sample. It also
// pins the paused view's right edge when Pause is pressed and lets go of it on Resume.
import { useEffect } from 'react';
import { useNow } from '../../ui/useNow';
import { useInstruments, usePlotsStore } from './useInstruments';
import { usePlots } from './usePlots';

export function behindText(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0.05) return '0.0';
  return sec.toFixed(1);
}

export function BehindLive() {
  const paused = usePlots((s) => s.paused);
  const { hub, plots } = useInstruments();
  const viewEnd = usePlotsStore((s) => s.viewEnd);
  useNow(paused ? 250 : 60_000);

  useEffect(() => {
    const last = hub.lastTime();
    plots.actions.setViewEnd(paused && !Number.isNaN(last) ? last : null);
  }, [paused, hub, plots]);

  if (!paused) return null;
  const behind = viewEnd === null ? 0 : hub.lastTime() - viewEnd;
  return (
    <span className="status-cell" title="The plots are paused: data keeps arriving. Resume jumps back to live.">
      Behind live <strong data-testid="status-behind-live">{behindText(behind)}</strong> s
    </span>
  );
}
