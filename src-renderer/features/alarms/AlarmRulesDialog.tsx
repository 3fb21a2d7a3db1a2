// Alarm rules per channel and notification settings. Every rule is checked by the
// engine's schema on save; a bad value is shown at its field and nothing changes.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ALARM_PRIORITIES, type AlarmPriority, type LimitKind } from '@shared/alarms/rules.js';
import { friendlyMessage } from '../../ui/forms/fieldErrors';
import { draftFromRule, emptyDraft, isBlank, issuesByChannel, ruleFromDraft, type RuleDraft } from './ruleDraft';
import { CONDITION_LABEL, PRIORITY_LABEL } from './alarmView';
import { useAlarms, useAlarmsActions } from './useAlarms';
import { FieldError } from '../../ui/forms/FieldError';

const LIMIT_ORDER: LimitKind[] = ['hihi', 'hi', 'lo', 'lolo'];

export function AlarmRulesDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const config = useAlarms((s) => s.config);
  const channels = useAlarms((s) => s.channels);
  const actions = useAlarmsActions();
  const [drafts, setDrafts] = useState<Map<number, RuleDraft>>(() => new Map((config?.alarms.rules ?? []).map((r) => [r.channel, draftFromRule(r)])));
  const [channel, setChannel] = useState(() => config?.alarms.rules[0]?.channel ?? 0);
  const [notifyOs, setNotifyOs] = useState(config?.alarms.notifications.os ?? true);
  const [sound, setSound] = useState(config?.alarms.notifications.sound ?? false);
  const [errors, setErrors] = useState<Map<number, Record<string, string>>>(new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  const draft = drafts.get(channel) ?? emptyDraft();
  const fieldErrors = useMemo(() => {
    const e = errors.get(channel) ?? {};
    return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, friendlyMessage(v)]));
  }, [errors, channel]);
  const update = (patch: Partial<RuleDraft>): void => setDrafts(new Map(drafts).set(channel, { ...draft, ...patch }));
  const setLimit = (kind: LimitKind, field: 'value' | 'deadband', text: string): void =>
    update({ limits: { ...draft.limits, [kind]: { ...draft.limits[kind], [field]: text } } });

  const save = async (): Promise<void> => {
    const order = [...drafts.entries()].filter(([, d]) => !isBlank(d)).sort(([a], [b]) => a - b);
    const rules = order.map(([c, d]) => ruleFromDraft(c, d));
    setSaving(true);
    const result = await actions.saveAlarmSettings({ rules, notifications: { os: notifyOs, sound } });
    setSaving(false);
    if (result.ok) return onClose();
    const byChannel = issuesByChannel(result.error.issues ?? [], order.map(([c]) => c));
    setErrors(byChannel);
    const first = [...byChannel.keys()][0];
    if (first !== undefined && !byChannel.has(channel)) setChannel(first);
    setFormError(byChannel.size > 0 ? `Not saved: check ${[...byChannel.keys()].map((c) => `ch${c + 1}`).join(', ')}` : `Not saved: ${result.error.message}`);
  };

  const text = (id: string, field: string, value: string, onChange: (v: string) => void, label: string) => (
    <div>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        aria-label={label}
        data-testid={`rule-${field}`}
        className={fieldErrors[field] ? 'invalid' : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError field={field} errors={fieldErrors} />
    </div>
  );

  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-label="Alarm rules" data-testid="alarm-rules-dialog" onClose={onClose}>
      <form
        className="dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <header className="dialog-title">Alarm rules</header>
        <div className="dialog-content">
          <div className="rules-head">
            <label htmlFor="rule-channel">Channel</label>
            <select id="rule-channel" data-testid="rule-channel" value={channel} onChange={(e) => setChannel(Number(e.target.value))}>
              {channels.map((c) => (
                <option key={c.index} value={c.index}>
                  {c.name}
                  {drafts.has(c.index) && !isBlank(drafts.get(c.index)!) ? ' •' : ''}
                  {errors.has(c.index) ? ' (error)' : ''}
                </option>
              ))}
            </select>
            <label className="field-inline">
              <input type="checkbox" checked={draft.enabled} onChange={(e) => update({ enabled: e.target.checked })} /> Enabled
            </label>
          </div>
          <FieldError field="_form" errors={fieldErrors} />
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
                  <td>{text(`rule-${k}-value`, `${k}.value`, draft.limits[k].value, (v) => setLimit(k, 'value', v), `${CONDITION_LABEL[k]} limit`)}</td>
                  <td>{text(`rule-${k}-deadband`, `${k}.deadband`, draft.limits[k].deadband, (v) => setLimit(k, 'deadband', v), `${CONDITION_LABEL[k]} deadband`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-grid rules-grid">
            <label htmlFor="rule-roc">Rate (units/s)</label>
            <div className="field-inline">
              {text('rule-roc', 'rateOfChange.maxPerSec', draft.rocMax, (v) => update({ rocMax: v }), 'Rate of change limit, units per second')}
              <span className="muted">over</span>
              {text('rule-roc-window', 'rateOfChange.windowSec', draft.rocWindow, (v) => update({ rocWindow: v }), 'Rate of change window, seconds')}
              <span className="muted">s</span>
            </div>
            <label htmlFor="rule-stale">Stale after (s)</label>
            {text('rule-stale', 'stale.timeoutSec', draft.staleSec, (v) => update({ staleSec: v }), 'Stale after seconds without data')}
            <label htmlFor="rule-on">On-delay (s)</label>
            {text('rule-on', 'onDelaySec', draft.onDelaySec, (v) => update({ onDelaySec: v }), 'On-delay, seconds')}
            <label htmlFor="rule-off">Off-delay (s)</label>
            {text('rule-off', 'offDelaySec', draft.offDelaySec, (v) => update({ offDelaySec: v }), 'Off-delay, seconds')}
            <label htmlFor="rule-realarm">Re-alarm (s)</label>
            {text('rule-realarm', 'reAlarmSec', draft.reAlarmSec, (v) => update({ reAlarmSec: v }), 'Re-alarm time, seconds (0 = never)')}
            <label htmlFor="rule-priority">Priority</label>
            <select id="rule-priority" data-testid="rule-priority" value={draft.priority} onChange={(e) => update({ priority: e.target.value as AlarmPriority })}>
              {ALARM_PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABEL[p]}
                </option>
              ))}
            </select>
            <label htmlFor="rule-message">Message</label>
            <div>
              <input id="rule-message" type="text" data-testid="rule-message" maxLength={200} value={draft.message} onChange={(e) => update({ message: e.target.value })} />
              <FieldError field="message" errors={fieldErrors} />
            </div>
          </div>
          <div className="section-title">Notifications</div>
          <label className="field-inline">
            <input type="checkbox" data-testid="notify-os" checked={notifyOs} onChange={(e) => setNotifyOs(e.target.checked)} /> Desktop notification for critical and high alarms
          </label>
          <br />
          <label className="field-inline">
            <input type="checkbox" data-testid="notify-sound" checked={sound} onChange={(e) => setSound(e.target.checked)} /> Sound for critical alarms
          </label>
        </div>
        {formError ? (
          <div className="field-error dialog-error" role="alert" data-testid="rules-error">
            {formError}
          </div>
        ) : null}
        <footer className="dialog-buttons">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="rules-save" disabled={saving}>
            Save
          </button>
        </footer>
      </form>
    </dialog>
  );
}

