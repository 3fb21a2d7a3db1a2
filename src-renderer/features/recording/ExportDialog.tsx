// File › Export…: scope (session, time range, channels), format and CSV options;
// then a progress bar with rows done, rows/s, ETA and Cancel. The browser downloads
// the finished file from the host; Electron asks where to save it. The form is checked
// with the shared schema (useSettingsForm); the engine's refusals show at their field.
import { useEffect, useMemo, useRef, useState } from 'react';
import { FormProvider, useFormContext, useWatch } from 'react-hook-form';
import type { SessionInfo } from '@shared/domain/recording.js';
import { authorizedUrl } from '../../platform';
import { HAS_NATIVE_MENU } from '../../platform/env';
import { useRecording, useRecordingActions } from './RecordingContext';
import { eventsSidecarName } from '@shared/domain/export-names.js';
import { fmtClock } from '@shared/format/duration.js';
import { fmtBytes } from '@shared/format/size.js';
import { Dialog } from '../../ui/Dialog';
import { Check, FieldError, FormError, Input, SelectField } from '../../ui/forms/Fields';
import { useSettingsForm } from '../../ui/forms/useSettingsForm';
import { exportFormSpec, sessionValues, type ExportFormValues, type ExportStart } from './exportForm';

const FORMATS = [
  ['csv', 'CSV (Excel, pandas)'],
  ['parquet', 'Parquet'],
] as const;
const DELIMITERS = [
  ['comma', 'comma ,'],
  ['semicolon', 'semicolon ;'],
  ['tab', 'tab'],
] as const;
const DECIMALS = [
  ['point', 'point 1.5'],
  ['comma', 'comma 1,5'],
] as const;

/** Scope and format fields (inside the FormProvider). */
function ExportFields({ sessions }: { sessions: readonly SessionInfo[] }) {
  const { setValue, clearErrors } = useFormContext<ExportFormValues>();
  const [sessionId, ranged, channels, format] = useWatch<ExportFormValues, ['sessionId', 'ranged', 'channels', 'format']>({ name: ['sessionId', 'ranged', 'channels', 'format'] });
  const session = sessions.find((s) => String(s.id) === sessionId);
  const setChannels = (next: number[]) => {
    setValue('channels', next, { shouldDirty: true });
    clearErrors('channels');
  };
  return (
    <div className="form-grid export-form">
      <SelectField
        id="exp-session"
        testId="export-session"
        label="Session"
        name="sessionId"
        options={sessions.map((s) => [String(s.id), `${s.name} (${s.frames.toLocaleString()} frames)`] as const)}
        onValue={(v) => {
          const { sessionId: id, startedAt, channels: all } = sessionValues(sessions.find((s) => String(s.id) === v));
          setValue('sessionId', id, { shouldDirty: true });
          setValue('startedAt', startedAt);
          setChannels(all);
        }}
      />
      <label>Range</label>
      <div>
        <span className="field-inline">
          <Check name="ranged" id="exp-ranged" testId="export-ranged" label="time range (s since start)" clears={['fromMs', 'toMs']} />
          <Input name="fromSec" error="fromMs" numeric label="From (s)" testId="export-from" disabled={!ranged} />
          –
          <Input name="toSec" error="toMs" numeric label="To (s)" testId="export-to" placeholder="end" disabled={!ranged} />
        </span>
      </div>
      <label>Channels</label>
      <div>
        <span className="export-channels">
          {session?.channels.map((c) => (
            <label key={c.index} className="field-inline">
              <input
                type="checkbox"
                data-testid={`export-channel-${c.index}`}
                checked={channels.includes(c.index)}
                onChange={(e) => setChannels(e.target.checked ? [...channels, c.index].sort((a, b) => a - b) : channels.filter((x) => x !== c.index))}
              />
              {c.unit ? `${c.name} [${c.unit}]` : c.name}
            </label>
          ))}
        </span>
        {channels.length === 0 ? <div className="muted small">Choose at least one channel</div> : null}
        <FieldError field="channels" />
      </div>
      <SelectField id="exp-format" testId="export-format" label="Format" name="format" options={FORMATS} />
      {format === 'csv' ? (
        <>
          <SelectField id="exp-delim" testId="export-delimiter" label="Delimiter" name="delimiter" options={DELIMITERS} clears={['decimal']} />
          <SelectField id="exp-decimal" testId="export-decimal" label="Decimal" name="decimal" options={DECIMALS} />
          <label>Options</label>
          <span className="field-inline">
            <Check name="bom" id="exp-bom" label="UTF-8 BOM (Excel)" />
            <Check name="eventsSidecar" id="exp-events" label="events as a sidecar CSV" />
          </span>
        </>
      ) : null}
    </div>
  );
}

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const sessions = useRecording((s) => s.sessions);
  const preselected = useRecording((s) => s.exportSessionId);
  const activeId = useRecording((s) => s.activeExportId);
  const exports = useRecording((s) => s.exports);
  const actions = useRecordingActions();
  // The dialog starts from the preselected (or newest) session; later sessions do not reset it.
  const [start] = useState<ExportStart>(() => ({ session: sessions.find((x) => x.id === preselected) ?? sessions[0] }));
  const [startedId, setStartedId] = useState<string | null>(null);
  const downloaded = useRef<string | null>(null);
  const progress = useMemo(() => exports.find((e) => e.exportId === (startedId ?? activeId)) ?? null, [exports, startedId, activeId]);
  const submit = async (req: Parameters<typeof actions.startExport>[0]) => {
    const r = await actions.startExport(req);
    if (r.ok) setStartedId(r.value.exportId);
    return r;
  };
  const { form, formRef, onSubmit, busy } = useSettingsForm(exportFormSpec, start, submit);
  const [sessionId, channels] = useWatch({ control: form.control, name: ['sessionId', 'channels'] });

  // The browser saves the finished file through an ordinary download from the host.
  useEffect(() => {
    if (HAS_NATIVE_MENU || !progress || progress.state !== 'done' || !progress.downloadUrl) return;
    if (downloaded.current === progress.exportId) return;
    downloaded.current = progress.exportId;
    const a = document.createElement('a');
    a.href = authorizedUrl(progress.downloadUrl);
    a.download = progress.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [progress]);

  const running = progress?.state === 'running';
  const pct = progress && progress.rowsTotal > 0 ? Math.min(100, Math.round((progress.rowsDone / progress.rowsTotal) * 100)) : progress?.state === 'done' ? 100 : 0;


  return (
    <Dialog title="Export" onClose={onClose} testId="export-dialog">
      <FormProvider {...form}>
        <form ref={formRef} id="export-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <ExportFields sessions={sessions} />
          <FormError testId="export-error" />
        </form>
      </FormProvider>
      {progress?.error ? (
        <div className="field-error" data-testid="export-failed">
          {progress.error}
        </div>
      ) : null}
      <div className="export-progress-row">
        <div className="meter" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="export-progress" data-state={progress?.state ?? 'idle'}>
          <div className="meter-fill" style={{ width: `${pct}%` }} />
          <span className="meter-text" data-testid="export-percent">
            {pct}%
          </span>
        </div>
        <div className="small muted" data-testid="export-stats">
          {progress
            ? `${progress.rowsDone.toLocaleString()} / ${progress.rowsTotal.toLocaleString()} rows · ${progress.rowsPerSec.toLocaleString()} rows/s · ETA ${fmtClock(progress.etaSec === null ? null : progress.etaSec * 1000)}${progress.state === 'done' ? ` · ${fmtBytes(progress.bytes)}` : ''} · ${progress.state}`
            : 'Not started'}
        </div>
        {progress?.state === 'done' && progress.downloadUrl && !HAS_NATIVE_MENU ? (
          <a href={authorizedUrl(progress.downloadUrl)} download={progress.fileName} data-testid="export-download">
            Download {progress.fileName} again
          </a>
        ) : null}
        {progress?.state === 'done' && progress.eventsUrl && !HAS_NATIVE_MENU ? (
          <a href={authorizedUrl(progress.eventsUrl)} download={eventsSidecarName(progress.fileName)} data-testid="export-download-events">
            Download the events sidecar
          </a>
        ) : null}
        {progress?.state === 'done' && HAS_NATIVE_MENU ? <span className="small">Saved where you chose in the save dialog.</span> : null}
      </div>
      <div className="button-row button-row-end">
        {running && progress ? (
          <button type="button" className="btn btn-danger" data-testid="export-cancel" onClick={() => void actions.cancelExport(progress.exportId)}>
            Cancel
          </button>
        ) : (
          <button type="submit" form="export-form" className="btn btn-primary" data-testid="export-start" disabled={sessionId === '' || channels.length === 0 || busy}>
            Export
          </button>
        )}
      </div>
    </Dialog>
  );
}
