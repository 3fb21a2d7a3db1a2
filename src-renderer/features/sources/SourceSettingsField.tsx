// The device form's row for sources configured in their own dialog (replay, MQTT, Modbus): what
// is configured, and a button that opens the dialog. The dialog's result becomes the form's link
// value; Apply in the device panel sends it, as for any other source.
import { useState } from 'react';
import type { LinkSettingsInput } from '@shared/domain/link.js';
import { FieldError } from '../../ui/forms/Fields';
import { MqttDialog } from './MqttDialog';
import { ReplayDialog } from './ReplayDialog';
import { describeSource } from './sourceSummary';

export type DialogKind = 'replay' | 'mqtt' | 'modbus';

const LABELS: Record<DialogKind, string> = { replay: 'Replay source', mqtt: 'MQTT broker', modbus: 'Modbus device' };

interface Props {
  kind: DialogKind;
  value: LinkSettingsInput | undefined;
  onChange: (link: LinkSettingsInput) => void;
  /** Error keys the engine's refusal may use for this source. */
  errorKey?: string;
}

export function SourceSettingsField({ kind, value, onChange, errorKey = 'source' }: Props) {
  const [open, setOpen] = useState(false);
  const configured = value?.kind === kind ? value : undefined;
  return (
    <>
      <span className="form-label">{LABELS[kind]}</span>
      <div>
        <span className={configured ? undefined : 'muted'} data-testid={`${kind}-summary`}>
          {configured ? describeSource(configured) : 'not configured yet'}
        </span>{' '}
        {kind === 'modbus' ? (
          // The register-map dialog is not built yet: a Modbus source comes from a project file or updateConfig.
          <span className="muted" data-testid="modbus-configure-note">
            (set the register map in a project file)
          </span>
        ) : (
          <button type="button" className="btn" data-testid={`${kind}-configure`} onClick={() => setOpen(true)}>
            Configure…
          </button>
        )}
        <FieldError field={errorKey} />
      </div>
      {open && kind === 'replay' ? <ReplayDialog initial={configured} onApply={onChange} onClose={() => setOpen(false)} /> : null}
      {open && kind === 'mqtt' ? <MqttDialog initial={configured} onApply={onChange} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
