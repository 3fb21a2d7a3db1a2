// Recording settings: on/off, data folder, flush interval, retention by age or size.
// Retention never deletes on its own: it lists what it would delete and asks first.
// The form follows the saved settings until edited (useSettingsForm).
import { useState } from 'react';
import { FormProvider } from 'react-hook-form';
import type { RecordingSettings as Settings } from '@shared/config/app-config.js';
import type { SessionInfo } from '@shared/domain/recording.js';
import { useRecordingActions } from './RecordingContext';
import { fmtBytes } from '@shared/format/size.js';
import { sessionsToDelete } from './retention';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CheckField, FieldError, FormError, NumberField } from '../../ui/forms/Fields';
import { useSettingsForm } from '../../ui/forms/useSettingsForm';
import { recordingFormSpec } from './recordingForm';

export function RecordingSettings({ settings, sessions }: { settings: Settings; sessions: SessionInfo[] }) {
  const actions = useRecordingActions();
  const [doomed, setDoomed] = useState<SessionInfo[] | null>(null);
  const { form, formRef, ready, onSubmit, dirty, busy } = useSettingsForm(recordingFormSpec, settings, actions.saveSettings);
  if (!ready) return null;
  return (
    <div className="recording-settings" data-testid="recording-settings">
      <div className="section-title">Recording settings</div>
      <FormProvider {...form}>
        <form ref={formRef} id="recording-settings-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <div className="form-grid">
            <CheckField name="enabled" testId="rec-enabled" label="Record every measuring session" />
            <label htmlFor="rec-folder">Data folder</label>
            {/* Not editable here: File › Recording folder… (desktop app) or --data-dir (host) choose it. */}
            <div>
              <input
                id="rec-folder"
                type="text"
                readOnly
                placeholder="(the app's data folder)"
                title="Change it with File › Recording folder… in the desktop app, or start the host with --data-dir"
                value={form.getValues('folder')}
                data-testid="rec-folder"
              />
              <FieldError field="folder" />
            </div>
            <NumberField id="rec-flush" label="Flush (ms)" name="flushMs" />
            <NumberField id="rec-days" label="Keep (days)" name="retentionDays" title="0 keeps sessions forever" />
            <NumberField id="rec-mb" label="Max size (MB)" name="retentionMaxMb" title="0: no limit" />
          </div>
          <FormError testId="rec-settings-error" />
        </form>
      </FormProvider>
      <div className="button-row button-row-end">
        <button type="button" className="btn" data-testid="rec-retention" onClick={() => setDoomed(sessionsToDelete(sessions, settings, Date.now()))}>
          Apply retention…
        </button>
        <button type="submit" form="recording-settings-form" className="btn btn-primary" disabled={!dirty || busy} data-testid="rec-settings-save">
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
            Delete these {doomed.length} sessions ({fmtBytes(doomed.reduce((a, s) => a + s.sizeBytes, 0))})?
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
