// Inject a fault: kind, the kind's parameters (from the shared schema), start delay
// and duration. Disabled with the reason when the kind cannot apply (device faults
// on a real device, anything while disconnected). The engine checks ranges; its
// issues come back through the store and sit under their field.
import { useEffect, useState, type FormEvent } from 'react';
import { DEVICE_FAULT_KINDS, FAULT_LABELS, LINK_FAULT_KINDS, type FaultKind } from '@shared/domain/faults.js';
import { draftForKind, draftToRequest, FAULT_FORM_KEY, formLevelError, KIND_SPECS, PARAM_LABELS, type FaultDraft } from './faultForm';
import { withoutKeys } from '../../ui/forms/fieldErrors';
import { faultAvailability } from './faultView';
import { useFaults, useFaultsActions } from './useFaults';
import { FieldError } from '../../ui/forms/FieldError';
import { SelectField, TextField } from '../../ui/forms/FormFields';

const ERR = 'fault-error-';

export function FaultForm() {
  const device = useFaults((s) => s.device);
  const errors = useFaults((s) => s.faultErrors);
  const { injectFault, setFaultErrors } = useFaultsActions();
  const [draft, setDraft] = useState<FaultDraft>(() => draftForKind('drop'));
  const [busy, setBusy] = useState(false);
  const spec = KIND_SPECS[draft.kind];
  const availability = faultAvailability(draft.kind, device);
  const disabled = !availability.ok || busy;
  const formError = formLevelError(errors, draft.kind);
  // The draft is local: its messages must not outlive it (the form starts afresh next time).
  useEffect(() => () => setFaultErrors({}), [setFaultErrors]);

  const edit = (patch: Partial<FaultDraft>, ...fields: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setFaultErrors(withoutKeys(errors, [...fields, FAULT_FORM_KEY]));
  };
  const setParam = (name: string, value: string) => edit({ params: { ...draft.params, [name]: value } }, name);
  const setKind = (kind: FaultKind) => {
    setDraft((d) => draftForKind(kind, d));
    setFaultErrors({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (disabled) return;
    const checked = draftToRequest(draft);
    if (!checked.ok) {
      setFaultErrors(checked.errors);
      return;
    }
    setBusy(true);
    await injectFault(checked.request);
    setBusy(false);
  };

  return (
    <form className="fault-form" data-testid="fault-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="form-grid fault-grid">
        <label htmlFor="fault-kind">Fault</label>
        <div>
          <select id="fault-kind" data-testid="fault-kind" value={draft.kind} disabled={busy} onChange={(e) => setKind(e.target.value as FaultKind)}>
            <optgroup label="Link">
              {LINK_FAULT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FAULT_LABELS[k]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Device">
              {DEVICE_FAULT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {FAULT_LABELS[k]}
                </option>
              ))}
            </optgroup>
          </select>
          <FieldError field="kind" errors={errors} testIdPrefix={ERR} />
        </div>
      </div>

      {availability.ok ? null : (
        <div className="fault-unavailable" role="note" data-testid="fault-unavailable">
          {availability.reason}
        </div>
      )}

      <fieldset className="fault-fields" disabled={disabled}>
        <legend className="visually-hidden">Parameters of {FAULT_LABELS[draft.kind]}</legend>
        <div className="form-grid fault-grid">
          {spec.params.map((p) =>
            p.options ? (
              <SelectField
                key={p.name}
                id={`fault-field-${p.name}`}
                label={PARAM_LABELS[p.name] ?? p.name}
                field={p.name}
                value={draft.params[p.name] ?? p.initial}
                options={p.options.map((o) => [o, o] as const)}
                errors={errors}
                disabled={disabled}
                errorTestIdPrefix={ERR}
                onChange={(v) => setParam(p.name, v)}
              />
            ) : (
              <TextField
                key={p.name}
                id={`fault-field-${p.name}`}
                label={PARAM_LABELS[p.name] ?? p.name}
                field={p.name}
                value={draft.params[p.name] ?? p.initial}
                errors={errors}
                disabled={disabled}
                numeric
                errorTestIdPrefix={ERR}
                onChange={(v) => setParam(p.name, v)}
              />
            ),
          )}
          <TextField
            id="fault-field-delayMs"
            label="Start delay (ms)"
            field="delayMs"
            value={draft.delayMs}
            errors={errors}
            disabled={disabled}
            numeric
            errorTestIdPrefix={ERR}
            onChange={(v) => edit({ delayMs: v }, 'delayMs')}
          />
          {spec.hasDuration ? (
            <>
              <label htmlFor="fault-field-durationMs">Duration (s)</label>
              <div>
                <div className="field-row">
                  <input
                    id="fault-field-durationMs"
                    type="text"
                    inputMode="decimal"
                    spellCheck={false}
                    className={errors.durationMs ? 'input-num invalid' : 'input-num'}
                    aria-invalid={errors.durationMs ? true : undefined}
                    data-testid="fault-field-durationMs"
                    value={draft.durationSec}
                    disabled={disabled || draft.untilStopped}
                    onChange={(e) => edit({ durationSec: e.target.value }, 'durationMs')}
                  />
                  <label className="field-inline">
                    <input
                      type="checkbox"
                      data-testid="fault-until-stopped"
                      checked={draft.untilStopped}
                      disabled={disabled}
                      onChange={(e) => edit({ untilStopped: e.target.checked }, 'durationMs')}
                    />
                    until stopped
                  </label>
                </div>
                <FieldError field="durationMs" errors={errors} testIdPrefix={ERR} />
              </div>
            </>
          ) : (
            <>
              <span className="muted">Duration</span>
              <span className="muted">one-shot</span>
            </>
          )}
        </div>
        <div className="button-row button-row-end">
          <button type="submit" className="btn btn-primary" data-testid="fault-inject" disabled={disabled}>
            {busy ? 'Injecting…' : 'Inject'}
          </button>
        </div>
      </fieldset>
      {formError ? <FieldError field={FAULT_FORM_KEY} errors={{ [FAULT_FORM_KEY]: formError }} testIdPrefix={ERR} /> : null}
    </form>
  );
}
