// Alarm rules per channel and notification settings. Every rule is checked with the
// shared schema before it is sent and again by the engine; a bad value is shown at its
// field (on its channel) and nothing changes.
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useFormState, useWatch } from 'react-hook-form';
import { ALARM_PRIORITIES, type LimitKind } from '@shared/alarms/rules.js';
import { channelKey, channelsWithErrors, isBlank, RULE_KEY, rulesFormSpec, type RulesFormValues } from './ruleForm';
import { CONDITION_LABEL, PRIORITY_LABEL } from './alarmView';
import { useAlarms, useAlarmsActions } from './useAlarms';
import { Check, FieldError, Input, Select } from '../../ui/forms/Fields';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { flatErrors } from '../../ui/forms/settingsForm';
import { useSettingsForm } from '../../ui/forms/useSettingsForm';

const LIMIT_ORDER: LimitKind[] = ['hihi', 'hi', 'lo', 'lolo'];
const PRIORITIES = ALARM_PRIORITIES.map((p) => [p, PRIORITY_LABEL[p]] as const);

/** A text field of the shown channel's rule: value at `rules.c<n>.<name>`, error at `rules.c<n>.<field>` (test ids by field). */
function RuleText({ ch, id, name, field, label }: { ch: string; id: string; name: string; field: string; label: string }) {
  return (
    <div>
      <Input id={id} name={`rules.${ch}.${name}`} error={`rules.${ch}.${field}`} numeric label={label} testId={`rule-${field}`} errorTestId={`field-error-${field}`} />
    </div>
  );
}

/** "Not saved: check ch1, ch3" (or the engine's message when no field is named). */
function RulesError() {
  const { errors } = useFormState<RulesFormValues>();
  const flat = flatErrors(errors);
  const channels = channelsWithErrors(Object.keys(flat));
  const text = channels.length > 0 ? `Not saved: check ${channels.map((c) => `ch${c + 1}`).join(', ')}` : flat[FORM_KEY] ? `Not saved: ${flat[FORM_KEY]}` : null;
  return text ? (
    <div className="field-error dialog-error" role="alert" data-testid="rules-error">
      {text}
    </div>
  ) : null;
}

function ChannelSelect({ channel, onChange }: { channel: number; onChange: (c: number) => void }) {
  const channels = useAlarms((s) => s.channels);
  const rules = useWatch<RulesFormValues, 'rules'>({ name: 'rules' });
  const { errors } = useFormState<RulesFormValues>();
  const withErrors = new Set(channelsWithErrors(Object.keys(flatErrors(errors))));
  return (
    <select id="rule-channel" data-testid="rule-channel" value={channel} onChange={(e) => onChange(Number(e.target.value))}>
      {channels.map((c) => {
        const d = rules[channelKey(c.index)];
        return (
          <option key={c.index} value={c.index}>
            {c.name}
            {d && !isBlank(d) ? ' •' : ''}
            {withErrors.has(c.index) ? ' (error)' : ''}
          </option>
        );
      })}
    </select>
  );
}

export function AlarmRulesDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const config = useAlarms((s) => s.config);
  const actions = useAlarmsActions();
  const [channel, setChannel] = useState(() => config?.alarms.rules[0]?.channel ?? 0);
  const channelRef = useRef(channel);
  channelRef.current = channel;
  const { form, ready, onSubmit, busy } = useSettingsForm(rulesFormSpec, config?.alarms, actions.saveAlarmSettings, {
    onApplied: onClose,
    // Show a channel with an error when the one shown has none.
    onRefused: (errors) => {
      const bad = channelsWithErrors(Object.keys(errors));
      if (bad.length > 0 && !bad.includes(channelRef.current)) setChannel(bad[0] as number);
    },
  });
  const ch = channelKey(channel);

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-label="Alarm rules" data-testid="alarm-rules-dialog" onClose={onClose}>
      {ready ? (
      <FormProvider {...form}>
        <form className="dialog-body" onSubmit={(e) => void onSubmit(e)} noValidate>
          <header className="dialog-title">Alarm rules</header>
          <div className="dialog-content">
            <div className="rules-head">
              <label htmlFor="rule-channel">Channel</label>
              <ChannelSelect channel={channel} onChange={setChannel} />
              <Check key={ch} name={`rules.${ch}.enabled`} label=" Enabled" />
            </div>
            <FieldError field={`rules.${ch}.${RULE_KEY}`} testId={`field-error-${RULE_KEY}`} />
            <table className="rules-table">
              <thead>
                <tr>
                  <th />
                  <th>Limit</th>
                  <th>Deadband</th>
                </tr>
              </thead>
              <tbody>
                {LIMIT_ORDER.map((k) => (
                  <tr key={k}>
                    <th scope="row">{CONDITION_LABEL[k]}</th>
                    <td>
                      <RuleText key={ch} ch={ch} id={`rule-${k}-value`} name={`limits.${k}.value`} field={`${k}.value`} label={`${CONDITION_LABEL[k]} limit`} />
                    </td>
                    <td>
                      <RuleText key={ch} ch={ch} id={`rule-${k}-deadband`} name={`limits.${k}.deadband`} field={`${k}.deadband`} label={`${CONDITION_LABEL[k]} deadband`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="form-grid rules-grid">
              <label htmlFor="rule-roc">Rate (units/s)</label>
              <div className="field-inline">
                <RuleText key={`${ch}-roc`} ch={ch} id="rule-roc" name="rocMax" field="rateOfChange.maxPerSec" label="Rate of change limit, units per second" />
                <span className="muted">over</span>
                <RuleText key={`${ch}-roc-window`} ch={ch} id="rule-roc-window" name="rocWindow" field="rateOfChange.windowSec" label="Rate of change window, seconds" />
                <span className="muted">s</span>
              </div>
              <label htmlFor="rule-stale">Stale after (s)</label>
              <RuleText key={`${ch}-staleSec`} ch={ch} id="rule-stale" name="staleSec" field="stale.timeoutSec" label="Stale after seconds without data" />
              <label htmlFor="rule-on">On-delay (s)</label>
              <RuleText key={`${ch}-onDelaySec`} ch={ch} id="rule-on" name="onDelaySec" field="onDelaySec" label="On-delay, seconds" />
              <label htmlFor="rule-off">Off-delay (s)</label>
              <RuleText key={`${ch}-offDelaySec`} ch={ch} id="rule-off" name="offDelaySec" field="offDelaySec" label="Off-delay, seconds" />
              <label htmlFor="rule-realarm">Re-alarm (s)</label>
              <RuleText key={`${ch}-reAlarmSec`} ch={ch} id="rule-realarm" name="reAlarmSec" field="reAlarmSec" label="Re-alarm time, seconds (0 = never)" />
              <label htmlFor="rule-priority">Priority</label>
              <div>
                <Select key={ch} id="rule-priority" name={`rules.${ch}.priority`} options={PRIORITIES} errorTestId="field-error-priority" />
              </div>
              <label htmlFor="rule-message">Message</label>
              <div>
                <Input key={ch} id="rule-message" name={`rules.${ch}.message`} errorTestId="field-error-message" />
              </div>
            </div>
            <div className="section-title">Notifications</div>
            <Check name="notifications.os" testId="notify-os" label=" Desktop notification for critical and high alarms" />
            <br />
            <Check name="notifications.sound" testId="notify-sound" label=" Sound for critical alarms" />
          </div>
          <RulesError />
          <footer className="dialog-buttons">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" data-testid="rules-save" disabled={busy}>
              Save
            </button>
          </footer>
        </form>
      </FormProvider>
      ) : (
        <p className="muted">Waiting for the configuration…</p>
      )}
    </dialog>
  );
}

