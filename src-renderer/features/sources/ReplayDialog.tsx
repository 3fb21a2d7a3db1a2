// Replay source settings: a recorded session, or a CSV file with its column mapping and time
// format, previewed first (the engine parses the first rows exactly as the replay will).
import { useEffect, useMemo, useState } from 'react';
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { CSV_TIME_FORMATS } from '@shared/domain/link-replay.js';
import type { LinkSettingsInput } from '@shared/domain/link.js';
import type { CsvPreview } from '@shared/domain/csv-preview.js';
import type { SessionInfo } from '@shared/domain/recording.js';
import { CheckField, FieldError, Input, NumberField, SelectField, TextField } from '../../ui/forms/Fields';
import { fmtWhen } from '../../ui/format/time';
import { CsvPreviewTable } from './CsvPreviewTable';
import { SourceDialog } from './SourceDialog';
import { previewInput, replayFormSpec, replayFormValues, type ReplayFormValues } from './replayForm';
import { useSourcesActions } from './useSources';

const TIME_FORMAT_LABELS: Record<(typeof CSV_TIME_FORMATS)[number], string> = {
  iso: 'ISO 8601 (2026-12-07T18:00:00.123Z)',
  'epoch-ms': 'Epoch milliseconds',
  'epoch-s': 'Epoch seconds',
  seconds: 'Seconds since the start',
};
const SEPARATORS = [
  [',', 'Comma'],
  [';', 'Semicolon'],
  ['tab', 'Tab'],
] as const;
type Form = UseFormReturn<ReplayFormValues, unknown, LinkSettingsInput>;

function SessionFields({ form }: { form: Form }) {
  const { listSessions } = useSourcesActions();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void listSessions().then((r) => (r.ok ? setSessions(r.value.filter((s) => !s.recording)) : setError(r.error.message)));
  }, [listSessions]);
  const options = useMemo(() => [['', sessions ? 'Choose a session…' : 'Loading…'] as const, ...(sessions ?? []).map((s) => [String(s.id), `${s.id}: ${s.name || fmtWhen(s.startedAt)} · ${s.frames} frames`] as const)], [sessions]);
  return (
    <>
      <SelectField
        id="replay-session"
        label="Session"
        name="sessionId"
        options={options}
        onValue={(id) => {
          const s = sessions?.find((x) => String(x.id) === id);
          form.setValue('sessionId', id, { shouldDirty: true });
          form.setValue('sessionChannels', s ? s.channels.map((c) => ({ name: c.name, unit: c.unit })) : [], { shouldDirty: true });
        }}
      />
      {error ? (
        <p className="tone-warn" data-testid="replay-sessions-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function ColumnRows({ form }: { form: Form }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'columns' });
  return (
    <div className="csv-columns">
      <table className="grid-table">
        <thead>
          <tr>
            <th>Column</th>
            <th>Channel name</th>
            <th>Unit</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {fields.map((f, i) => (
            <tr key={f.id}>
              <td>
                <Input name={`columns.${i}.column`} numeric label={`Column of channel ${i + 1}`} testId={`csv-column-${i}`} />
              </td>
              <td>
                <Input name={`columns.${i}.name`} label={`Name of channel ${i + 1}`} testId={`csv-column-name-${i}`} />
              </td>
              <td>
                <Input name={`columns.${i}.unit`} label={`Unit of channel ${i + 1}`} testId={`csv-column-unit-${i}`} />
              </td>
              <td>
                <button type="button" className="btn" aria-label={`Remove channel ${i + 1}`} onClick={() => remove(i)}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError field="columns" />
      <button type="button" className="btn" data-testid="csv-add-column" onClick={() => append({ column: String(fields.length + 2), name: '', unit: '' })}>
        Add channel
      </button>
    </div>
  );
}

function CsvFields({ form }: { form: Form }) {
  const { previewCsv } = useSourcesActions();
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const columns = useWatch({ control: form.control, name: 'columns' });

  const runPreview = async () => {
    setLoading(true);
    setPreviewError(null);
    let values = form.getValues();
    // No channels mapped yet: read the header first and map every other column, named after it.
    if (values.columns.length === 0) {
      const timeCol = Math.max(1, Number(values.timeColumn) || 1);
      const probe = await previewCsv(previewInput({ ...values, columns: [{ column: String(timeCol === 1 ? 2 : 1), name: 'probe', unit: '' }] }, 1));
      if (!probe.ok) {
        setLoading(false);
        setPreviewError(probe.error.message);
        return;
      }
      const mapped = Array.from({ length: probe.value.columnCount }, (_, i) => i + 1)
        .filter((c) => c !== timeCol)
        .map((c) => ({ column: String(c), name: probe.value.header[c - 1] || `column ${c}`, unit: '' }));
      form.setValue('columns', mapped, { shouldDirty: true });
      values = form.getValues();
    }
    const r = await previewCsv(previewInput(values));
    setLoading(false);
    if (r.ok) setPreview(r.value);
    else {
      setPreview(null);
      setPreviewError(r.error.message);
    }
  };

  return (
    <>
      <TextField id="replay-csv-path" label="CSV file" name="path" placeholder="/full/path/to/file.csv" title="A file on the computer running the engine" />
      <SelectField id="replay-csv-separator" label="Separator" name="separator" options={SEPARATORS} />
      <SelectField
        id="replay-csv-decimal"
        label="Decimal mark"
        name="decimal"
        options={[
          ['point', 'Point (1.5)'],
          ['comma', 'Comma (1,5)'],
        ]}
      />
      <NumberField id="replay-csv-header-rows" label="Header lines" name="headerRows" />
      <NumberField id="replay-csv-time-column" label="Time column" name="timeColumn" />
      <SelectField id="replay-csv-time-format" label="Time format" name="timeFormat" options={CSV_TIME_FORMATS.map((f) => [f, TIME_FORMAT_LABELS[f]] as const)} />
      <TextField id="replay-csv-start" label="Start time (seconds format)" name="startAt" placeholder="ISO time; empty: when the replay opens" />
      <span className="form-label">Channels</span>
      <ColumnRows form={form} />
      <span />
      <div>
        <button type="button" className="btn" data-testid="csv-preview-button" disabled={loading} onClick={() => void runPreview()}>
          {loading ? 'Reading…' : 'Preview'}
        </button>
        {previewError ? (
          <p className="tone-bad" role="alert" data-testid="csv-preview-error">
            {previewError}
          </p>
        ) : null}
        {preview && preview.columnCount <= 1 && preview.detectedSeparator !== form.getValues('separator') ? (
          <p className="tone-warn" data-testid="csv-separator-hint">
            Only one column found: the file looks {SEPARATORS.find((s) => s[0] === preview.detectedSeparator)?.[1].toLowerCase()}-separated.
          </p>
        ) : null}
      </div>
      {preview ? (
        <div className="form-wide">
          <CsvPreviewTable preview={preview} names={columns.map((c) => c.name || `column ${c.column}`)} />
        </div>
      ) : null}
    </>
  );
}

function ReplayFields({ form }: { form: Form }) {
  const type = useWatch({ control: form.control, name: 'type' });
  return (
    <div className="form-grid">
      <SelectField
        id="replay-type"
        label="Replay"
        name="type"
        options={[
          ['csv', 'A CSV file'],
          ['session', 'A recorded session'],
        ]}
      />
      {type === 'session' ? <SessionFields form={form} /> : <CsvFields form={form} />}
      <NumberField id="replay-speed-setting" label="Speed (×)" name="speed" title="0.1 – 100" />
      <CheckField name="asFastAsPossible" testId="replay-afap-setting" label="As fast as the pipeline takes it" />
      <CheckField name="loop" testId="replay-loop-setting" label="Loop at the end" />
    </div>
  );
}

export function ReplayDialog({ initial, onApply, onClose }: { initial: LinkSettingsInput | undefined; onApply: (link: LinkSettingsInput) => void; onClose: () => void }) {
  const values = replayFormValues(initial?.kind === 'replay' ? (initial as Parameters<typeof replayFormValues>[0]) : undefined);
  return (
    <SourceDialog title="Replay source" testId="replay-dialog" spec={replayFormSpec} values={values} onApply={onApply} onClose={onClose}>
      {(form) => <ReplayFields form={form} />}
    </SourceDialog>
  );
}
