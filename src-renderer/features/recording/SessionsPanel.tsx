// Recorded sessions: start, duration, source, channels, frames, size on disk;
// rename, delete (confirmed), open in the History view, export. Recording settings below.
import { useRef, useState } from 'react';
import type { SessionInfo } from '@shared/domain/recording.js';
import { useShell, useShellActions } from './useShell';
import { useRecording, useRecordingActions } from './RecordingContext';
import { fmtClock } from '@shared/format/duration.js';
import { fmtBytes } from '@shared/format/size.js';
import { fmtWhen } from '@shared/format/time.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { RecordingSettings } from './RecordingSettings';
import { useVirtualRows } from '../../ui/useVirtualRows';

function SessionRow({ s, index, measure, onDelete }: { s: SessionInfo; index: number; measure: (el: Element | null) => void; onDelete: (s: SessionInfo) => void }) {
  const actions = useRecordingActions();
  const telemetry = useShellActions();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const end = s.endedAt ?? Date.now();
  const save = async (): Promise<void> => {
    if (editing === null) return;
    const r = await actions.rename(s.id, editing);
    if (r.ok) {
      setEditing(null);
      setError(null);
    } else setError(r.error.message);
  };
  return (
    <tr data-testid={`session-${s.id}`} data-index={index} ref={measure} className={s.recording ? 'session-live' : undefined}>
      <td>
        {editing === null ? (
          <span data-testid="session-name">{s.name}</span>
        ) : (
          <input
            type="text"
            aria-label="Session name"
            data-testid="session-rename-input"
            value={editing}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
              if (e.key === 'Escape') setEditing(null);
            }}
          />
        )}
        {s.recording ? <span className="badge badge-live">REC</span> : null}
        {s.interrupted ? (
          <span className="badge badge-paused" title="The app stopped without closing this session; it was recovered on the next start" data-testid="session-interrupted">
            interrupted
          </span>
        ) : null}
        {error ? <div className="field-error">{error}</div> : null}
        <div className="small muted">
          {fmtWhen(s.startedAt)} · {s.source} · {s.channels.map((c) => (c.unit ? `${c.name} [${c.unit}]` : c.name)).join(', ')}
        </div>
        <div className="small session-numbers">
          <span title="Duration">{fmtClock(end - s.startedAt)}</span> · <span data-testid="session-frames">{s.frames.toLocaleString()}</span> frames ·{' '}
          <span title="Size on disk (share of the database file)">{fmtBytes(s.sizeBytes)}</span>
        </div>
        <div className="button-row session-buttons">
          <button type="button" className="btn" data-testid="session-open" onClick={() => actions.openHistory(s.id)}>
            Open
          </button>
          <button
            type="button"
            className="btn"
            data-testid="session-export"
            onClick={() => {
              actions.chooseExportSession(s.id);
              telemetry.runView('file-export');
            }}
          >
            Export…
          </button>
          {editing === null ? (
            <button type="button" className="btn" data-testid="session-rename" onClick={() => setEditing(s.name)}>
              Rename
            </button>
          ) : (
            <button type="button" className="btn btn-primary" data-testid="session-rename-save" onClick={() => void save()}>
              Save
            </button>
          )}
          <button type="button" className="btn btn-danger" data-testid="session-delete" disabled={s.recording} onClick={() => onDelete(s)}>
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}

export function SessionsPanel() {
  const sessions = useRecording((s) => s.sessions);
  const error = useRecording((s) => s.error);
  const actions = useRecordingActions();
  const config = useShell((s) => s.config);
  const [doomed, setDoomed] = useState<SessionInfo | null>(null);
  // Every session in the list; only the rows in view render.
  const wrapRef = useRef<HTMLDivElement>(null);
  const view = useVirtualRows(sessions.length, wrapRef, 64);
  return (
    <div className="sessions" data-testid="sessions-panel">
      <div className="button-row">
        <button type="button" className="btn" data-testid="sessions-refresh" onClick={() => void actions.refresh()}>
          Refresh
        </button>
      </div>
      {error ? <div className="field-error" data-testid="sessions-error">{error}</div> : null}
      {sessions.length === 0 ? (
        <p className="muted">No sessions yet: start measuring to record one.</p>
      ) : (
        <div className="sessions-wrap" ref={wrapRef}>
          <table className="grid-table sessions-table" aria-rowcount={sessions.length + 1}>
            <thead>
              <tr>
                <th>Sessions (newest first)</th>
              </tr>
            </thead>
            <tbody>
              {view.before > 0 ? <tr aria-hidden="true" style={{ height: view.before }} /> : null}
              {view.items.map(({ index }) => {
                const s = sessions[index] as SessionInfo;
                return <SessionRow key={s.id} s={s} index={index} measure={view.measure} onDelete={setDoomed} />;
              })}
              {view.after > 0 ? <tr aria-hidden="true" style={{ height: view.after }} /> : null}
            </tbody>
          </table>
        </div>
      )}
      {config ? <RecordingSettings settings={config.recording} sessions={sessions} /> : null}
      {doomed ? (
        <ConfirmDialog
          title="Delete session"
          confirmLabel="Delete"
          testId="confirm-delete"
          onCancel={() => setDoomed(null)}
          onConfirm={() => {
            const id = doomed.id;
            setDoomed(null);
            void actions.remove(id);
          }}
        >
          Delete “{doomed.name}” ({doomed.frames.toLocaleString()} frames, {fmtBytes(doomed.sizeBytes)})? This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
