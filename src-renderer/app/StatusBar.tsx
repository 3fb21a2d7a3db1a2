// Bottom status bar. Values inside data-testid elements are plain (no units or
// separators) so tests and scripts can read them; labels sit outside.
import { useShell } from './useShell';
import { plainInt } from '../ui/format/numbers';
import { policyDiscards } from '@shared/domain/metrics.js';
import { unackCount } from '../features/alarms';
import { BreakerIndicator } from '../features/breaker';
import { BehindLive } from '../features/plots';
import { RecordingIndicator, useHasRecording } from '../features/recording';
import { ReplayIndicator } from '../features/sources';

export function StatusBar() {
  const device = useShell((s) => s.device);
  const metrics = useShell((s) => s.metrics);
  const queue = useShell((s) => s.queue);
  const loadError = useShell((s) => s.loadError);
  const unack = useShell((s) => unackCount(s.alarms));
  const hasRecording = useHasRecording();

  const discards = queue ? policyDiscards(queue) : undefined;
  const drops = discards?.count ?? 0;
  const backpressure = queue?.backpressure ?? false;
  const throttled = device?.throttled ?? false;
  const pressureText = backpressure && throttled ? 'BACKPRESSURE, THROTTLED' : backpressure ? 'BACKPRESSURE' : throttled ? 'THROTTLED' : 'OK';

  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className="status-cell" title="Link to the device">
        <span className={`dot link-${device?.link ?? 'unknown'}`} />
        Link <strong data-testid="status-link">{device?.link ?? (loadError ? 'unavailable' : '…')}</strong>
        {device?.reconnect ? (
          <span className="state-reason" data-testid="status-reconnect-attempt" title={device.reason}>
            attempt {device.reconnect.attempt}
          </span>
        ) : null}
        {device && device.source !== 'simulated' ? (
          <span className="state-reason link-reason" data-testid="status-link-reason" title={device.reason}>
            {device.reason}
          </span>
        ) : null}
      </span>
      <span className="status-cell" title={device ? `Since ${new Date(device.since).toLocaleTimeString()}` : undefined}>
        Device{' '}
        <strong className={`state state-${device?.state ?? 'unknown'}`} data-testid="status-device-state">
          {device?.state ?? '…'}
        </strong>
        {device?.state === 'safe' ? (
          <span className="state-reason" data-testid="status-device-reason" title={device.reason}>
            {device.reason}
          </span>
        ) : null}
      </span>
      <ReplayIndicator />
      <BreakerIndicator />
      <BehindLive />
      <span className="status-cell">
        <span data-testid="status-frames-rate">{plainInt(metrics?.framesPerSec)}</span> frames/s
      </span>
      <span className="status-cell">
        <span data-testid="status-samples-rate">{plainInt(metrics?.samplesPerSec)}</span> samples/s
      </span>
      <span className="status-cell" title={queue ? `Policy ${queue.policy}, high water ${queue.highWater}` : undefined}>
        Queue <span data-testid="status-queue-depth">{plainInt(queue?.depth)}</span>/
        <span data-testid="status-queue-capacity">{plainInt(queue?.capacity)}</span>
      </span>
      <span className={drops > 0 ? 'status-cell tone-bad' : 'status-cell'} title={discards?.title}>
        Drops <span data-testid="status-drops">{plainInt(drops)}</span>
      </span>
      {hasRecording ? <RecordingIndicator /> : null}
      <span className="spacer" />
      <span className={unack > 0 ? 'status-cell tone-bad' : 'status-cell'} title="Unacknowledged alarms">
        Alarms <strong data-testid="status-alarms">{unack}</strong>
      </span>
      <span
        className={backpressure || throttled ? 'status-cell pressure pressure-on' : 'status-cell pressure'}
        data-testid="status-backpressure"
        data-active={backpressure || throttled}
        title="Backpressure: the queue is above its high-water mark and the link was asked to slow down"
      >
        {pressureText}
      </span>
    </footer>
  );
}
