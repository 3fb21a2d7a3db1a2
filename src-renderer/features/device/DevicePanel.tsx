// Device settings form and commands. Apply validates with the shared schema first;
// errors land at their field and nothing is sent, so the running device is untouched.
import { useMemo, useState, type FormEvent } from 'react';
import { MAX_CHANNELS, MAX_RATE_HZ, MIN_RATE_HZ } from '@shared/domain/device.js';
import {
  draftFromSettings,
  signalRowCount,
  validateDraft,
  withSignalRows,
  type DeviceDraft,
  type SignalDraft,
} from './deviceDraft';
import { FORM_KEY, mapIssuesToFields, withoutKeys } from '../../ui/forms/fieldErrors';
import { useDevice, useDeviceActions } from './useDevice';
import { DeviceCommands } from './DeviceCommands';
import { FieldError } from '../../ui/forms/FieldError';
import { ChannelOverridesTable, FrameFormatFields, FrameFormatLayout } from './FrameFormatFields';
import { LinkSettingsFields } from './LinkSettingsFields';
import { SignalTable } from './SignalTable';

/** The operator's unsaved edits; `applied` + `base` let the form follow the config once it confirms them. */
interface Edit {
  draft: DeviceDraft;
  base: DeviceDraft | null;
  applied: boolean;
}

export function DevicePanel() {
  const settings = useDevice((s) => s.config?.device ?? null);
  const device = useDevice((s) => s.device);
  const ports = useDevice((s) => s.ports);
  const liveChannels = useDevice((s) => s.channels);
  const { configureDevice, refreshPorts } = useDeviceActions();
  const base = useMemo(() => (settings ? draftFromSettings(settings) : null), [settings]);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  // After a successful apply the form shows the edits until the new config arrives, then the config.
  const draft = edit && !(edit.applied && edit.base !== base) ? edit.draft : base;
  const dirty = edit !== null && !edit.applied;

  const update = (fn: (d: DeviceDraft) => DeviceDraft, ...clear: string[]) => {
    if (!draft) return;
    setEdit({ draft: withSignalRows(fn(draft)), base, applied: false });
    setErrors((e) => withoutKeys(e, [FORM_KEY, ...clear]));
  };

  const setSignal = (index: number, patch: Partial<SignalDraft>) =>
    update(
      (d) => ({ ...d, signals: d.signals.map((s, i) => (i === index ? { ...s, ...patch } : s)) }),
      `signals.${index}`,
      ...Object.keys(patch).map((k) => `signals.${index}.${k}`),
    );

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft || busy) return;
    const checked = validateDraft(draft);
    if (!checked.ok) {
      setErrors(mapIssuesToFields(checked.issues));
      return;
    }
    setBusy(true);
    const baseAtApply = base;
    const result = await configureDevice(checked.input);
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setEdit({ draft, base: baseAtApply, applied: true });
    } else {
      // The banner shows the message; issues (if any) also go to their fields.
      setErrors(result.error.issues?.length ? mapIssuesToFields(result.error.issues) : {});
    }
  };

  const revert = () => {
    setEdit(null);
    setErrors({});
  };

  if (!draft) {
    return (
      <div className="device-panel" data-testid="device-panel">
        <p className="muted">Waiting for the device…</p>
      </div>
    );
  }

  const rows = signalRowCount(draft);
  const inputClass = (key: string) => (errors[key] ? 'input-num invalid' : 'input-num');

  return (
    <div className="device-panel" data-testid="device-panel">
      <div className="section-title">Commands</div>
      <DeviceCommands />
      {device?.state === 'safe' ? (
        <div className="safe-note" data-testid="device-safe-reason">
          SafeState: {device.reason || 'no reason given'}
        </div>
      ) : null}

      <form className="device-form" onSubmit={(e) => void apply(e)} noValidate>
        <div className="section-title">Settings{dirty ? <span className="dirty-mark"> (modified)</span> : null}</div>
        <div className="form-grid">
          <label htmlFor="device-source">Source</label>
          <div>
            <select
              id="device-source"
              data-testid="device-source"
              value={draft.source}
              disabled={busy}
              onChange={(e) => update((d) => ({ ...d, source: e.target.value }), 'source', ...Object.keys(errors).filter((k) => k.startsWith('link.')))}
            >
              <option value="simulated">Simulated device</option>
              <option value="serial">Serial port</option>
              <option value="tcp">TCP client</option>
              <option value="udp">UDP listener</option>
            </select>
            <FieldError field="source" errors={errors} />
          </div>

          <LinkSettingsFields
            source={draft.source}
            link={draft.link}
            ports={ports}
            errors={errors}
            disabled={busy}
            onChange={(link, ...clear) => update((d) => ({ ...d, link }), ...clear)}
            onRefreshPorts={() => void refreshPorts()}
          />

          {draft.source !== 'simulated' ? (
            <FrameFormatFields format={draft.format} errors={errors} disabled={busy} onChange={(format, ...clear) => update((d) => ({ ...d, format }), ...clear)} />
          ) : null}

          <label htmlFor="device-channels">Channels</label>
          <div>
            <input
              id="device-channels"
              type="text"
              inputMode="numeric"
              spellCheck={false}
              className={inputClass('channels')}
              aria-invalid={errors.channels ? true : undefined}
              title={`1 – ${MAX_CHANNELS}`}
              data-testid="device-channels"
              value={draft.channels}
              disabled={busy}
              onChange={(e) => update((d) => ({ ...d, channels: e.target.value }), 'channels', 'signals')}
            />
            <FieldError field="channels" errors={errors} />
          </div>

          <label htmlFor="device-rate">Rate (Hz)</label>
          <div>
            <input
              id="device-rate"
              type="text"
              inputMode="decimal"
              spellCheck={false}
              className={inputClass('rateHz')}
              aria-invalid={errors.rateHz ? true : undefined}
              title={`${MIN_RATE_HZ} – ${MAX_RATE_HZ.toLocaleString('en-US')} Hz`}
              data-testid="device-rate"
              value={draft.rateHz}
              disabled={busy}
              onChange={(e) => update((d) => ({ ...d, rateHz: e.target.value }), 'rateHz')}
            />
            <FieldError field="rateHz" errors={errors} />
          </div>

          <span />
          <div>
            <label className="field-inline">
              <input
                type="checkbox"
                data-testid="device-autostart"
                checked={draft.autoStart}
                disabled={busy}
                onChange={(e) => update((d) => ({ ...d, autoStart: e.target.checked }), 'autoStart')}
              />
              Start measuring when the app starts
            </label>
            <FieldError field="autoStart" errors={errors} />
          </div>
        </div>

        {draft.source === 'simulated' ? (
          <>
            <div className="section-title">Signals</div>
            <FieldError field="signals" errors={errors} />
            <SignalTable signals={draft.signals} rows={rows} errors={errors} disabled={busy} onChange={setSignal} />
          </>
        ) : null}

        {draft.source !== 'simulated' && draft.format.kind === 'binary' ? (
          <>
            <div className="section-title">Binary layout</div>
            <FrameFormatLayout format={draft.format} errors={errors} disabled={busy} onChange={(format, ...clear) => update((d) => ({ ...d, format }), ...clear)} />
          </>
        ) : null}
        {draft.source !== 'simulated' ? (
          <>
            <div className="section-title">Channel names and scaling</div>
            <ChannelOverridesTable
              format={draft.format}
              decodedNames={liveChannels.map((c) => c.name)}
              errors={errors}
              disabled={busy}
              onChange={(format, ...clear) => update((d) => ({ ...d, format }), ...clear)}
            />
          </>
        ) : null}

        <FieldError field={FORM_KEY} errors={errors} />
        <div className="button-row button-row-end">
          <button type="button" className="btn" onClick={revert} disabled={busy || !dirty}>
            Revert
          </button>
          <button type="submit" className="btn btn-primary" data-testid="device-apply" disabled={busy}>
            {busy ? 'Applying…' : 'Apply'}
          </button>
        </div>
      </form>
    </div>
  );
}
