// Inject a fault: kind, the kind's parameters (from the shared schema), start delay
// and duration. Disabled with the reason when the kind cannot apply (device faults
// on a real device, anything while disconnected). The shared schema checks the
// request first; the engine's refusals sit under their field too (useSettingsForm).
import { FormProvider, useFormState, useWatch } from 'react-hook-form';
import { DEVICE_FAULT_KINDS, FAULT_LABELS, LINK_FAULT_KINDS, type FaultKind } from '@shared/domain/faults.js';
import { draftForKind, faultFormSpec, formLevelError, KIND_SPECS, PARAM_LABELS, type FaultDraft } from './faultForm';
import { faultAvailability } from './faultView';
import { useFaults, useFaultsActions } from './useFaults';
import { Check, FieldError, Input, NumberField, SelectField } from '../../ui/forms/Fields';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { useSettingsForm } from '../../ui/forms/useSettingsForm';

const ERR = 'fault-error-';
const FIRST_KIND: FaultKind = 'drop';

/** Messages at keys the current kind does not show go to the form line, with the form-level one. */
function FaultFormError({ kind }: { kind: FaultKind }) {
  const { errors } = useFormState();
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const message = (v as { message?: unknown } | undefined)?.message;
    if (typeof message === 'string') flat[k] = message;
  }
  const text = formLevelError(flat, kind);
  return text ? (
    <div className="field-error" role="alert" data-testid={`${ERR}${FORM_KEY}`}>
      {text}
    </div>
  ) : null;
}

function DurationField({ disabled }: { disabled: boolean }) {
  const untilStopped = useWatch<FaultDraft, 'untilStopped'>({ name: 'untilStopped' });
  return (
    <>
      <label htmlFor="fault-field-durationMs">Duration (s)</label>
      <div>
        <div className="field-row">
          <Input id="fault-field-durationMs" name="durationSec" error="durationMs" numeric disabled={disabled || untilStopped} errorTestIdPrefix={ERR} />
          <Check name="untilStopped" clears={['durationMs']} testId="fault-until-stopped" label="until stopped" disabled={disabled} errorTestIdPrefix={ERR} />
        </div>
      </div>
    </>
  );
}

export function FaultForm() {
  const device = useFaults((s) => s.device);
  const { injectFault } = useFaultsActions();
  const { form, onSubmit, fill, busy } = useSettingsForm(faultFormSpec, FIRST_KIND, injectFault);
  const kind = useWatch({ control: form.control, name: 'kind' });
  const spec = KIND_SPECS[kind];
  const availability = faultAvailability(kind, device);
  const disabled = !availability.ok || busy;

  return (
    <FormProvider {...form}>
      <form
        className="fault-form"
        data-testid="fault-form"
        onSubmit={(e) => {
          if (disabled) e.preventDefault();
          else void onSubmit(e);
        }}
        noValidate
      >
        <div className="form-grid fault-grid">
          <label htmlFor="fault-kind">Fault</label>
          <div>
            {/* A new kind starts from its defaults (the start delay is kept); its messages go. */}
            <select id="fault-kind" data-testid="fault-kind" value={kind} disabled={busy} onChange={(e) => fill(draftForKind(e.target.value as FaultKind, form.getValues()))}>
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
            <FieldError field="kind" testIdPrefix={ERR} />
          </div>
        </div>

        {availability.ok ? null : (
          <div className="fault-unavailable" role="note" data-testid="fault-unavailable">
            {availability.reason}
          </div>
        )}

        <fieldset className="fault-fields" disabled={disabled}>
          <legend className="visually-hidden">Parameters of {FAULT_LABELS[kind]}</legend>
          <div className="form-grid fault-grid">
            {spec.params.map((p) =>
              p.options ? (
                <SelectField
                  key={`${kind}-${p.name}`}
                  id={`fault-field-${p.name}`}
                  label={PARAM_LABELS[p.name] ?? p.name}
                  name={`params.${p.name}`}
                  error={p.name}
                  options={p.options.map((o) => [o, o] as const)}
                  disabled={disabled}
                  errorTestIdPrefix={ERR}
                />
              ) : (
                <NumberField
                  key={`${kind}-${p.name}`}
                  id={`fault-field-${p.name}`}
                  label={PARAM_LABELS[p.name] ?? p.name}
                  name={`params.${p.name}`}
                  error={p.name}
                  disabled={disabled}
                  errorTestIdPrefix={ERR}
                />
              ),
            )}
            <NumberField id="fault-field-delayMs" label="Start delay (ms)" name="delayMs" disabled={disabled} errorTestIdPrefix={ERR} />
            {spec.hasDuration ? (
              <DurationField disabled={disabled} />
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
        <FaultFormError kind={kind} />
      </form>
    </FormProvider>
  );
}
