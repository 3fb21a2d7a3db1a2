// Device settings form and commands. Apply validates with the shared schema first;
// errors land at their field and nothing is sent, so the running device is untouched.
// The form follows the running config until the operator edits (useSettingsForm).
import { FormProvider, useFormContext, useWatch } from 'react-hook-form';
import { MAX_CHANNELS, MAX_RATE_HZ, MIN_RATE_HZ } from '@shared/domain/device.js';
import { deviceFormSpec, withSignalRows, type DeviceFormValues } from './deviceForm';
import { useDevice, useDeviceActions } from './useDevice';
import { DeviceCommands } from './DeviceCommands';
import { CheckField, FieldError, FormError, NumberField, SelectField } from '../../ui/forms/Fields';
import { useSettingsForm } from '../../ui/forms/useSettingsForm';
import { ChannelOverridesTable, FrameFormatFields, FrameFormatLayout } from './FrameFormatFields';
import { ScriptEditor } from './ScriptEditor';
import { LinkSettingsFields } from './LinkSettingsFields';
import { SignalTable } from './SignalTable';

const SOURCES = [
  ['simulated', 'Simulated device'],
  ['serial', 'Serial port'],
  ['tcp', 'TCP client'],
  ['udp', 'UDP listener'],
  ['replay', 'Replay (session or CSV file)'],
  ['mqtt', 'MQTT broker'],
  ['modbus', 'Modbus (TCP or RTU)'],
] as const;

/** Channel count: typing more grows the signal rows (edits of hidden rows are kept). */
function ChannelsField() {
  const { getValues, setValue } = useFormContext<DeviceFormValues>();
  return (
    <NumberField
      id="device-channels"
      label="Channels"
      name="channels"
      clears={['signals']}
      title={`1 – ${MAX_CHANNELS}`}
      onValue={(channels) => {
        setValue('channels', channels, { shouldDirty: true });
        const grown = withSignalRows({ channels, signals: getValues('signals') });
        if (grown.signals.length !== getValues('signals').length) setValue('signals', grown.signals, { shouldDirty: true });
      }}
    />
  );
}

function DeviceSettingsBody() {
  const source = useWatch<DeviceFormValues, 'source'>({ name: 'source' });
  const formatKind = useWatch<DeviceFormValues, 'format.kind'>({ name: 'format.kind' });
  const ports = useDevice((s) => s.ports);
  const liveChannels = useDevice((s) => s.channels);
  const { refreshPorts } = useDeviceActions();
  const link = source !== 'simulated';
  return (
    <>
      <div className="form-grid">
        {/* A new source clears the old link's errors. */}
        <SelectField id="device-source" label="Source" name="source" options={SOURCES} clears={['link']} />
        <LinkSettingsFields source={source} ports={ports} onRefreshPorts={() => void refreshPorts()} />
        {link ? <FrameFormatFields /> : null}
        <ChannelsField />
        <NumberField id="device-rate" label="Rate (Hz)" name="rateHz" title={`${MIN_RATE_HZ} – ${MAX_RATE_HZ.toLocaleString('en-US')} Hz`} />
        <CheckField name="autoStart" testId="device-autostart" label="Start measuring when the app starts" />
      </div>

      {!link ? (
        <>
          <div className="section-title">Signals</div>
          <FieldError field="signals" />
          <SignalTable />
        </>
      ) : null}
      {link && formatKind === 'binary' ? (
        <>
          <div className="section-title">Binary layout</div>
          <FrameFormatLayout />
        </>
      ) : null}
      {link && formatKind === 'script' ? (
        <>
          <div className="section-title">Parser script</div>
          <ScriptEditor />
        </>
      ) : null}
      {link ? (
        <>
          <div className="section-title">Channel names and scaling</div>
          <ChannelOverridesTable decodedNames={liveChannels.map((c) => c.name)} />
        </>
      ) : null}
    </>
  );
}

/** Why the device is in SafeState (its own component: device status changes often, the form need not re-render). */
function SafeNote() {
  const device = useDevice((s) => s.device);
  return device?.state === 'safe' ? (
    <div className="safe-note" data-testid="device-safe-reason">
      SafeState: {device.reason || 'no reason given'}
    </div>
  ) : null;
}

export function DevicePanel() {
  const settings = useDevice((s) => s.config?.device ?? null);
  const { configureDevice } = useDeviceActions();
  const { form, ready, onSubmit, revert, dirty, busy } = useSettingsForm(deviceFormSpec, settings, configureDevice);

  if (!ready) {
    return (
      <div className="device-panel" data-testid="device-panel">
        <p className="muted">Waiting for the device…</p>
      </div>
    );
  }

  return (
    <div className="device-panel" data-testid="device-panel">
      <div className="section-title">Commands</div>
      <DeviceCommands />
      <SafeNote />

      <FormProvider {...form}>
        <form className="device-form" onSubmit={(e) => void onSubmit(e)} noValidate>
          <div className="section-title">Settings{dirty ? <span className="dirty-mark"> (modified)</span> : null}</div>
          <DeviceSettingsBody />
          <FormError />
          <div className="button-row button-row-end">
            <button type="button" className="btn" onClick={revert} disabled={busy || !dirty}>
              Revert
            </button>
            <button type="submit" className="btn btn-primary" data-testid="device-apply" disabled={busy}>
              {busy ? 'Applying…' : 'Apply'}
            </button>
          </div>
        </form>
      </FormProvider>
    </div>
  );
}
