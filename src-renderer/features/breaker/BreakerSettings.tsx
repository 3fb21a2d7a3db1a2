// The breaker's settings (config.resilience.breaker) in a collapsible section of the
// Breaker panel, so operators need not edit config.json. Apply validates with the shared
// schema first: errors land at their field and nothing is sent. The engine's own issues
// land at the same fields. With no edit of its own the form follows the config.
import { useState } from 'react';
import { FormProvider, useWatch } from 'react-hook-form';
import {
  breakerFormSpec,
  defaultBreakerValues,
  keysClearedBy,
  NUMBER_GROUPS,
  numberHint,
  TRIP_FIELDS,
  TRIP_KIND_KEY,
  TRIP_KINDS,
  tripFieldKey,
  tripHint,
  type BreakerFormValues,
  type NumberField,
  type TripField,
  type TripKind,
} from './breakerForm';
import { useBreaker, useBreakerActions } from './useBreaker';
import { Check, FormError, NumberField as NumberInputField, SelectField } from '../../ui/forms/Fields';
import { useSettingsForm } from '../../ui/forms/useSettingsForm';

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

/** The fields of the trip kind in use (each kind keeps its own values). */
function TripFields() {
  const kind = useWatch<BreakerFormValues, 'tripKind'>({ name: 'tripKind' });
  return (
    <>
      {TRIP_FIELDS[kind].map((f) => {
        const field = f as TripField;
        const key = tripFieldKey(field);
        return (
          <NumberInputField
            key={`${kind}-${field}`}
            id={`${ID}${key}`}
            label={TRIP_FIELD_LABELS[field]}
            name={`trips.${kind}.${field}`}
            error={key}
            title={withHint(TRIP_FIELD_HELP[field], tripHint(kind, field))}
            errorTestIdPrefix={ERR}
          />
        );
      })}
    </>
  );
}

export function BreakerSettings() {
  const settings = useBreaker((s) => s.config?.resilience.breaker ?? null);
  const { saveBreakerSettings } = useBreakerActions();
  const [open, setOpen] = useState(false);
  const { form, formRef, ready, onSubmit, revert, fill, dirty, busy, applied, stale } = useSettingsForm(breakerFormSpec, settings, saveBreakerSettings);

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
        {!ready ? (
          <p className="muted">Waiting for the configuration…</p>
        ) : (
          <FormProvider {...form}>
            <form ref={formRef} className="breaker-settings-form" aria-label="Breaker settings" onSubmit={(e) => void onSubmit(e)} noValidate>
              <fieldset className="breaker-fieldset" disabled={busy}>
                <legend className="visually-hidden">Breaker</legend>
                <div className="form-grid breaker-settings-grid">
                  <span />
                  <div>
                    <Check name="enabled" id={`${ID}enabled`} title="Off: failures are still counted, but the breaker never opens" label="Breaker enabled" errorTestIdPrefix={ERR} />
                  </div>
                </div>
              </fieldset>

              <fieldset className="breaker-fieldset" disabled={busy}>
                <legend className="breaker-legend">Trip</legend>
                <div className="form-grid breaker-settings-grid">
                  <SelectField
                    id={`${ID}${TRIP_KIND_KEY}`}
                    label="Open on"
                    name="tripKind"
                    error={TRIP_KIND_KEY}
                    clears={keysClearedBy(TRIP_KIND_KEY)}
                    options={TRIP_KINDS.map((k) => [k, TRIP_KIND_LABELS[k]] as const)}
                    errorTestIdPrefix={ERR}
                  />
                  <TripFields />
                </div>
              </fieldset>

              {NUMBER_GROUPS.map((g) => (
                <fieldset key={g.legend} className="breaker-fieldset" disabled={busy}>
                  <legend className="breaker-legend">{g.legend}</legend>
                  <div className="form-grid breaker-settings-grid">
                    {g.fields.map((f: NumberField) => (
                      <NumberInputField
                        key={f}
                        id={`${ID}${f}`}
                        label={NUMBER_LABELS[f]}
                        name={`values.${f}`}
                        error={f}
                        clears={keysClearedBy(f)}
                        title={withHint(NUMBER_HELP[f], numberHint(f))}
                        errorTestIdPrefix={ERR}
                      />
                    ))}
                  </div>
                </fieldset>
              ))}

              {stale ? (
                <div className="muted small" role="note" data-testid="breaker-settings-changed">
                  The saved settings changed meanwhile; Revert shows them.
                </div>
              ) : null}
              <FormError testId={`${ERR}root`} />
              <div className="button-row button-row-end">
                {applied ? (
                  <span className="muted small breaker-settings-applied" role="status" data-testid="breaker-settings-applied">
                    Applied
                  </span>
                ) : null}
                <button type="button" className="btn" data-testid="breaker-settings-defaults" title="Fill in the default settings (Apply saves them)" disabled={busy} onClick={() => fill(defaultBreakerValues())}>
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
          </FormProvider>
        )}
      </div>
    </section>
  );
}
