// The breaker's settings (config.resilience.breaker) in a collapsible section of the
// Breaker panel, so operators need not edit config.json. Apply validates with the shared
// schema first: errors land at their field and nothing is sent. The engine's own issues
// land at the same fields. With no edit of its own the form follows the config.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  breakerFieldErrors,
  defaultDraft,
  draftFromSettings,
  FORM_KEY,
  keysClearedBy,
  NUMBER_GROUPS,
  numberHint,
  sameSettings,
  TRIP_FIELDS,
  TRIP_KIND_KEY,
  TRIP_KINDS,
  tripFieldKey,
  tripHint,
  validateBreakerDraft,
  withNumber,
  withTripField,
  withTripKind,
  type BreakerDraft,
  type NumberField,
  type TripField,
  type TripKind,
} from './breakerSettingsDraft';
import { withoutKeys } from '../../ui/forms/fieldErrors';
import { useBreaker, useBreakerActions } from './useBreaker';
import { FieldError } from '../../ui/forms/FieldError';
import { SelectField, TextField } from '../../ui/forms/FormFields';

const ID = 'breaker-setting-';
const ERR = 'breaker-setting-error-';

const TRIP_KIND_LABELS: Record<TripKind, string> = {
  consecutive: 'Consecutive failures',
  count: 'Failure ratio, last N checks',
  sampling: 'Failure ratio, time window',
};

const TRIP_FIELD_LABELS: Record<TripField, string> = {
  failures: 'Failures in a row',
  threshold: 'Failure ratio',
  size: 'Last checks',
  durationMs: 'Time window (ms)',
  minimumRps: 'Min. checks/s',
};

const TRIP_FIELD_HELP: Record<TripField, string> = {
  failures: 'The breaker opens after this many failures in a row',
  threshold: 'The breaker opens when this share of the checks failed',
  size: 'How many of the latest health checks count',
  durationMs: 'How far back health checks count',
  minimumRps: 'Fewer checks per second than this never open the breaker',
};

const NUMBER_LABELS: Record<NumberField, string> = {
  watchdogMs: 'Read watchdog (ms)',
  windowMs: 'Health window (ms)',
  badFrameBurst: 'Bad frames per window',
  commandTimeoutMs: 'Command timeout (ms)',
  halfOpenInitialMs: 'Half-open after (ms)',
  halfOpenMaxMs: 'Half-open max. (ms)',
  probeTimeoutMs: 'Probe timeout (ms)',
  probeFrames: 'Probe frames',
};

const NUMBER_HELP: Record<NumberField, string> = {
  watchdogMs: 'No valid frame for this long while measuring is a failure',
  windowMs: 'The health window the bad-frame limit applies to',
  badFrameBurst: 'More rejected frames (checksum, malformed…) than this in one health window is a failure',
  commandTimeoutMs: 'A command write taking longer than this is a failure',
  halfOpenInitialMs: 'First delay from open to the half-open probe (it grows with backoff and jitter)',
  halfOpenMaxMs: 'The half-open delay grows up to this',
  probeTimeoutMs: 'The probe must deliver valid frames within this time',
  probeFrames: 'Valid frames the probe needs to close the breaker',
};

const withHint = (help: string, hint: string): string => (hint ? `${help} (${hint})` : help);

/** The operator's unsaved edits and the settings they started from. */
interface Edit {
  draft: BreakerDraft;
  from: BreakerDraft;
}

export function BreakerSettings() {
  const settings = useBreaker((s) => s.config?.resilience.breaker ?? null);
  const { saveBreakerSettings } = useBreakerActions();
  const base = useMemo(() => (settings ? draftFromSettings(settings) : null), [settings]);
  const [open, setOpen] = useState(false);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);

  // New settings from the config: an edit that changed nothing gives way to them.
  const [seenBase, setSeenBase] = useState(base);
  if (base !== seenBase) {
    setSeenBase(base);
    if (edit && sameSettings(edit.draft, edit.from)) setEdit(null);
  }

  useEffect(() => {
    if (!focusError.current) return;
    focusError.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const draft = edit?.draft ?? base;
  const dirty = edit !== null && base !== null && !sameSettings(edit.draft, base);
  const changedMeanwhile = dirty && base !== null && !sameSettings(edit.from, base);

  const update = (next: BreakerDraft, ...keys: string[]) => {
    if (!base) return;
    setEdit((e) => ({ draft: next, from: e?.from ?? base }));
    setErrors((errs) => withoutKeys(errs, keys.flatMap(keysClearedBy)));
    setApplied(false);
  };

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || busy) return;
    const checked = validateBreakerDraft(draft);
    if (!checked.ok) {
      focusError.current = true;
      setErrors(checked.errors);
      setApplied(false);
      return;
    }
    setBusy(true);
    const result = await saveBreakerSettings(checked.settings);
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setEdit(null);
      setApplied(true);
    } else {
      focusError.current = true;
      setErrors(result.error.issues?.length ? breakerFieldErrors(result.error.issues) : { [FORM_KEY]: result.error.message });
      setApplied(false);
    }
  };

  const revert = () => {
    setEdit(null);
    setErrors({});
    setApplied(false);
  };

  const defaults = () => update(defaultDraft(), ...Object.keys(errors));

  return (
    <section className="breaker-settings" data-testid="breaker-settings" aria-labelledby="breaker-settings-toggle">
      <button
        type="button"
        id="breaker-settings-toggle"
        className="section-toggle"
        aria-expanded={open}
        aria-controls="breaker-settings-body"
        data-testid="breaker-settings-toggle"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="section-toggle-mark" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        Settings
        {dirty ? (
          <span className="dirty-mark" data-testid="breaker-settings-dirty">
            {' '}
            (modified)
          </span>
        ) : null}
      </button>
      <div id="breaker-settings-body" hidden={!open}>
        {draft === null ? (
          <p className="muted">Waiting for the configuration…</p>
        ) : (
          <form ref={formRef} className="breaker-settings-form" aria-label="Breaker settings" onSubmit={(e) => void apply(e)} noValidate>
            <fieldset className="breaker-fieldset" disabled={busy}>
              <legend className="visually-hidden">Breaker</legend>
              <div className="form-grid breaker-settings-grid">
                <span />
                <div>
                  <label className="field-inline" title="Off: failures are still counted, but the breaker never opens">
                    <input
                      type="checkbox"
                      id={`${ID}enabled`}
                      data-testid={`${ID}enabled`}
                      checked={draft.enabled}
                      onChange={(e) => update({ ...draft, enabled: e.target.checked }, 'enabled')}
                    />
                    Breaker enabled
                  </label>
                  <FieldError field="enabled" errors={errors} testIdPrefix={ERR} />
                </div>
              </div>
            </fieldset>

            <fieldset className="breaker-fieldset" disabled={busy}>
              <legend className="breaker-legend">Trip</legend>
              <div className="form-grid breaker-settings-grid">
                <SelectField
                  id={`${ID}${TRIP_KIND_KEY}`}
                  label="Open on"
                  field={TRIP_KIND_KEY}
                  value={draft.tripKind}
                  options={TRIP_KINDS.map((k) => [k, TRIP_KIND_LABELS[k]] as const)}
                  errors={errors}
                  disabled={busy}
                  errorTestIdPrefix={ERR}
                  onChange={(v) => update(withTripKind(draft, v as TripKind), TRIP_KIND_KEY)}
                />
                {TRIP_FIELDS[draft.tripKind].map((f) => {
                  const field = f as TripField;
                  const key = tripFieldKey(field);
                  const values = draft.trips[draft.tripKind] as Record<string, string>;
                  return (
                    <TextField
                      key={`${draft.tripKind}-${field}`}
                      id={`${ID}${key}`}
                      label={TRIP_FIELD_LABELS[field]}
                      field={key}
                      value={values[field] ?? ''}
                      errors={errors}
                      disabled={busy}
                      numeric
                      title={withHint(TRIP_FIELD_HELP[field], tripHint(draft.tripKind, field))}
                      errorTestIdPrefix={ERR}
                      onChange={(v) => update(withTripField(draft, field, v), key)}
                    />
                  );
                })}
              </div>
            </fieldset>

            {NUMBER_GROUPS.map((g) => (
              <fieldset key={g.legend} className="breaker-fieldset" disabled={busy}>
                <legend className="breaker-legend">{g.legend}</legend>
                <div className="form-grid breaker-settings-grid">
                  {g.fields.map((f) => (
                    <TextField
                      key={f}
                      id={`${ID}${f}`}
                      label={NUMBER_LABELS[f]}
                      field={f}
                      value={draft.values[f]}
                      errors={errors}
                      disabled={busy}
                      numeric
                      title={withHint(NUMBER_HELP[f], numberHint(f))}
                      errorTestIdPrefix={ERR}
                      onChange={(v) => update(withNumber(draft, f, v), f)}
                    />
                  ))}
                </div>
              </fieldset>
            ))}

            {changedMeanwhile ? (
              <div className="muted small" role="note" data-testid="breaker-settings-changed">
                The saved settings changed meanwhile; Revert shows them.
              </div>
            ) : null}
            <FieldError field={FORM_KEY} errors={errors} testIdPrefix={ERR} />
            <div className="button-row button-row-end">
              {applied && !dirty ? (
                <span className="muted small breaker-settings-applied" role="status" data-testid="breaker-settings-applied">
                  Applied
                </span>
              ) : null}
              <button type="button" className="btn" data-testid="breaker-settings-defaults" title="Fill in the default settings (Apply saves them)" disabled={busy} onClick={defaults}>
                Defaults
              </button>
              <button type="button" className="btn" data-testid="breaker-settings-revert" disabled={busy || !dirty} onClick={revert}>
                Revert
              </button>
              <button type="submit" className="btn btn-primary" data-testid="breaker-settings-apply" disabled={busy}>
                {busy ? 'Applying…' : 'Apply'}
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
