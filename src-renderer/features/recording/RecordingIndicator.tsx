// Status-bar cell: recording on/off, rows written, lag and drops; red with the
// error (and a Retry) when recording stopped on a write error.
import { useRecording, useRecordingActions } from './RecordingContext';
import { plainInt } from '../../ui/format/numbers';

export function RecordingIndicator() {
  const status = useRecording((s) => s.status);
  const actions = useRecordingActions();
  const state = !status || !status.enabled ? 'off' : status.lastError ? 'error' : status.sessionId !== null ? 'recording' : 'idle';
  const label = state === 'recording' ? 'REC' : state === 'error' ? 'REC STOPPED' : state === 'idle' ? 'REC ready' : 'REC off';
  const title =
    state === 'error'
      ? status?.lastError ?? ''
      : status
        ? `Session ${status.sessionId ?? '—'} · written ${status.rowsWritten} · lag ${status.lagRows} · dropped ${status.droppedRows}${status.dbPath ? ` · ${status.dbPath}` : ''}`
        : 'Recording status unknown';
  return (
    <span className={`status-cell rec rec-${state}`} data-testid="status-recording" data-state={state} title={title}>
      <span className="rec-dot" aria-hidden="true" />
      {label}
      {state === 'recording' ? (
        <>
          {' '}
          <span data-testid="status-recording-rows">{plainInt(status?.rowsWritten)}</span> rows
        </>
      ) : null}
      {status && status.droppedRows > 0 ? (
        <span className="tone-bad" data-testid="status-recording-dropped">
          {' '}
          {plainInt(status.droppedRows)} not recorded
        </span>
      ) : null}
      {state === 'error' ? (
        <button type="button" className="btn rec-retry" data-testid="recording-retry" onClick={() => void actions.resume()}>
          Retry
        </button>
      ) : null}
    </span>
  );
}
