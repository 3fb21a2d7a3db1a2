// Recording settings: on/off, data folder, flush interval, retention by age or size.
// Retention never deletes on its own: it lists what it would delete and asks first.
import { useState } from 'react';
import type { RecordingSettings as Settings } from '@shared/config/app-config.js';
import type { SessionInfo } from '@shared/domain/recording.js';
import { useRecordingActions } from './RecordingContext';
import { fmtSize } from './format';
import { sessionsToDelete } from './retention';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { parseNumber } from '../../ui/forms/parseNumber';

export function RecordingSettings({ settings, sessions }: { settings: Settings; sessions: SessionInfo[] }) {
  const actions = useRecordingActions();
  const [draft, setDraft] = useState(settings);
  const [error, setError] = useState<string | null>(null);
  const [doomed, setDoomed] = useState<SessionInfo[] | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);
  const save = async (): Promise<void> => {
    const r = await actions.saveSettings(draft);
    setError(r.ok ? null : r.error.message);
  };
  return (
    <div className="recording-settings" data-testid="recording-settings">
      <div className="section-title">Recording settings</div>
      <div className="form-grid">
        <label htmlFor="rec-enabled">Record</label>
        <span className="field-inline">
          <input id="rec-enabled" type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
          every measuring session
        </span>
        <label htmlFor="rec-folder">Data folder</label>
        <input id="rec-folder" type="text" placeholder="(the app's data folder)" value={draft.folder} data-testid="rec-folder" onChange={(e) => setDraft({ ...draft, folder: e.target.value })} />
        <label htmlFor="rec-flush">Flush (ms)</label>
        <input id="rec-flush" type="text" className="input-num" value={Number.isNaN(draft.flushMs) ? '' : draft.flushMs} onChange={(e) => setDraft({ ...draft, flushMs: parseNumber(e.target.value) })} />
        <label htmlFor="rec-days">Keep (days)</label>
        <input id="rec-days" type="text" className="input-num" title="0 keeps sessions forever" value={Number.isNaN(draft.retentionDays) ? '' : draft.retentionDays} onChange={(e) => setDraft({ ...draft, retentionDays: parseNumber(e.target.value) })} />
        <label htmlFor="rec-mb">Max size (MB)</label>
        <input id="rec-mb" type="text" className="input-num" title="0: no limit" value={Number.isNaN(draft.retentionMaxMb) ? '' : draft.retentionMaxMb} onChange={(e) => setDraft({ ...draft, retentionMaxMb: parseNumber(e.target.value) })} />
      </div>
      {error ? <div className="field-error" data-testid="rec-settings-error">{error}</div> : null}
      <div className="button-row button-row-end">
        <button type="button" className="btn" data-testid="rec-retention" onClick={() => setDoomed(sessionsToDelete(sessions, settings, Date.now()))}>
          Apply retention…
        </button>
        <button type="button" className="btn btn-primary" disabled={!dirty} data-testid="rec-settings-save" onClick={() => void save()}>
          Apply
        </button>
      </div>
      {doomed ? (
        doomed.length === 0 ? (
          <ConfirmDialog title="Retention" confirmLabel="OK" onCancel={() => setDoomed(null)} onConfirm={() => setDoomed(null)} testId="confirm-retention">
            No session is older than the limit or beyond the size limit (saved settings).
          </ConfirmDialog>
        ) : (
          <ConfirmDialog
            title="Apply retention"
            confirmLabel={`Delete ${doomed.length}`}
            testId="confirm-retention"
            onCancel={() => setDoomed(null)}
            onConfirm={() => {
              const ids = doomed.map((s) => s.id);
              setDoomed(null);
              void (async () => {
                for (const id of ids) await actions.remove(id);
              })();
            }}
          >
            Delete these {doomed.length} sessions ({fmtSize(doomed.reduce((a, s) => a + s.sizeBytes, 0))})?
            <ul>
              {doomed.map((s) => (
                <li key={s.id}>{s.name}</li>
              ))}
            </ul>
          </ConfirmDialog>
        )
      ) : null}
    </div>
  );
}
