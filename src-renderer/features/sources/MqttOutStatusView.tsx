// MQTT out's delivery: connected or not, where to, queued, published and — visible in red when
// not zero — dropped (the bounded buffer overflowed while the broker was away).
import { plainInt } from '../../ui/format/numbers';
import { useSources } from './useSources';

export function MqttOutStatusView() {
  const st = useSources((s) => s.mqttOut);
  if (!st || !st.enabled) {
    return (
      <p className="muted" data-testid="mqtt-out-off">
        MQTT out is off: samples, alarms and breaker state are not published.
      </p>
    );
  }
  return (
    <dl className="replay-facts" data-testid="mqtt-out-status">
      <dt>Broker</dt>
      <dd data-testid="mqtt-out-target">{st.target}</dd>
      <dt>State</dt>
      <dd className={st.connected ? undefined : 'tone-warn'} data-testid="mqtt-out-connected">
        {st.connected ? 'connected' : 'not connected'}
      </dd>
      <dt>Queued</dt>
      <dd data-testid="mqtt-out-queued">{plainInt(st.queued)}</dd>
      <dt>Published</dt>
      <dd data-testid="mqtt-out-published">{plainInt(st.published)}</dd>
      <dt>Dropped</dt>
      <dd className={st.dropped > 0 ? 'tone-bad' : undefined} data-testid="mqtt-out-dropped" title="Messages dropped because the buffer was full while the broker was away (oldest first)">
        {plainInt(st.dropped)}
      </dd>
      {st.lastError ? (
        <>
          <dt>Last error</dt>
          <dd className="tone-warn" data-testid="mqtt-out-error">
            {st.lastError}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
