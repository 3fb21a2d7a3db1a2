// The device link's circuit breaker: state and why, trips, time in each state,
// failures by signal, the transition timeline, the operator's Isolate / Reset, and
// the breaker's settings (collapsed until opened).
import { BREAKER_STATES, FAILURE_SIGNALS, type BreakerStatus, type FailureSignal } from '@shared/domain/breaker.js';
import { canIsolate, canReset, liveTimeInState, probeInMs, STATE_LABEL } from './breakerView';
import { fmtDuration } from '../../ui/format/duration';
import { fmtInt } from '../../ui/format/numbers';
import { fmtTime } from '../../ui/format/time';
import { useNow } from '../../ui/useNow';
import { useBreaker, useBreakerActions } from './useBreaker';
import { BreakerSettings } from './BreakerSettings';
import { BreakerTimeline } from './BreakerTimeline';
import { KeyValue } from '../../ui/KeyValue';

const SIGNAL_LABELS: Record<FailureSignal, string> = {
  'open-error': 'Open errors',
  'link-lost': 'Link lost',
  watchdog: 'Read watchdog',
  'bad-frames': 'Bad-frame bursts',
  'command-error': 'Command errors',
  'command-timeout': 'Command timeouts',
  'probe-failed': 'Failed probes',
};

/** "· next probe in 1.2 s": its own component, so only this ticks (not the settings form or the timeline). */
function NextProbe({ status }: { status: BreakerStatus }) {
  const probe = probeInMs(status, useNow(500));
  return probe !== null ? <span data-testid="breaker-next-probe"> · next probe in {fmtDuration(probe)}</span> : null;
}

/** Time in each state, the current one counting up: ticks on its own like NextProbe. */
function TimeInState({ status }: { status: BreakerStatus }) {
  const times = liveTimeInState(status, useNow(500));
  return (
    <div className="kv-grid">
      {BREAKER_STATES.map((s) => (
        <KeyValue key={s} label={STATE_LABEL[s]} value={fmtDuration(times[s])} testId={`breaker-time-${s}`} />
      ))}
    </div>
  );
}

export function BreakerPanel() {
  const breaker = useBreaker((s) => s.breaker);
  const actions = useBreakerActions();
  if (!breaker) {
    return (
      <div className="breaker" data-testid="breaker-panel">
        <p className="muted">No breaker status yet.</p>
      </div>
    );
  }
  return (
    <div className="breaker" data-testid="breaker-panel">
      <div className="breaker-head">
        <span className={`breaker-badge breaker-${breaker.state}`} data-testid="breaker-state" data-state={breaker.state}>
          {breaker.state}
        </span>
        <span className="breaker-reason" data-testid="breaker-reason" title={breaker.reason}>
          {breaker.reason}
        </span>
      </div>
      <div className="muted small">
        Since {fmtTime(breaker.since)}
        <NextProbe status={breaker} />
        {breaker.enabled ? null : <span className="tone-warn"> · breaker disabled in settings</span>}
      </div>
      <div className="button-row breaker-buttons">
        <button
          type="button"
          className="btn btn-danger"
          data-testid="breaker-isolate"
          disabled={!canIsolate(breaker)}
          title="Hold the breaker open: the device goes to SafeState and the link stays closed until Reset"
          onClick={() => void actions.breakerAction({ action: 'isolate' })}
        >
          Isolate
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="breaker-reset"
          disabled={!canReset(breaker)}
          title="Close the breaker and resume"
          onClick={() => void actions.breakerAction({ action: 'reset' })}
        >
          Reset
        </button>
      </div>

      <BreakerSettings />

      <div className="section-title">Counters</div>
      <div className="kv-grid">
        <KeyValue label="Trips" value={String(breaker.trips)} testId="breaker-trips" tone={breaker.trips > 0 ? 'warn' : undefined} />
      </div>

      <div className="section-title">Time in state</div>
      <TimeInState status={breaker} />

      <div className="section-title">Failures by signal</div>
      <div className="kv-grid">
        {FAILURE_SIGNALS.map((f) => (
          <KeyValue key={f} label={SIGNAL_LABELS[f]} value={fmtInt(breaker.failures[f])} testId={`breaker-failures-${f}`} tone={breaker.failures[f] > 0 ? 'bad' : undefined} />
        ))}
      </div>

      <div className="section-title">Transitions</div>
      <BreakerTimeline transitions={breaker.transitions} />
    </div>
  );
}
