// Status-bar cell: the breaker state with a coloured dot; when not closed a short
// reason, and while open the countdown to the next probe. Click opens the Breaker panel.
import type { BreakerStatus } from '@shared/domain/breaker.js';
import { probeInMs, shortReason } from './breakerView';
import { secondsLeft } from '../../ui/format/duration';
import { useNow } from '../../ui/useNow';
import { useBreaker, useBreakerActions } from './useBreaker';

/** Its own component so only this ticks while a probe is pending. */
function ProbeCountdown({ status }: { status: BreakerStatus }) {
  const now = useNow(250);
  const ms = probeInMs(status, now);
  if (ms === null) return null;
  return (
    <span className="breaker-probe" data-testid="status-breaker-probe">
      {ms > 0 ? `probe in ${secondsLeft(ms)} s` : 'probing…'}
    </span>
  );
}

export function BreakerIndicator() {
  const breaker = useBreaker((s) => s.breaker);
  const { openPanel } = useBreakerActions();
  if (!breaker) return null;
  const title = `${breaker.reason} · trips ${breaker.trips}${breaker.enabled ? '' : ' · breaker disabled'}`;
  return (
    <span className={`status-cell breaker-cell breaker-${breaker.state}`}>
      <button type="button" className="status-button" title={`${title} — show the Breaker panel`} onClick={() => openPanel('breaker')}>
        <span className={`dot breaker-dot-${breaker.state}`} aria-hidden="true" />
        Breaker{' '}
        <strong data-testid="status-breaker" data-state={breaker.state} title={title}>
          {breaker.state}
        </strong>
      </button>
      {breaker.state !== 'closed' ? (
        <span className="state-reason" data-testid="status-breaker-reason" title={breaker.reason}>
          {shortReason(breaker.reason)}
        </span>
      ) : null}
      {breaker.state === 'open' ? <ProbeCountdown status={breaker} /> : null}
    </span>
  );
}
