// Per-kind link settings of the device form: serial (port list, baud, framing, flow
// control, DTR/RTS), TCP (host, port) or UDP (bind address, port). Errors sit at their field.
import { useFormContext, useWatch } from 'react-hook-form';
import { DATA_BITS, FLOW_CONTROLS, PARITIES, STANDARD_BAUD_RATES, STOP_BITS, vidPid, type PortInfo } from '@shared/domain/link.js';
import { withSerialPath } from './linkForm';
import type { DeviceFormValues } from './deviceForm';
import { Check, FieldError, Input, NumberField, SelectField, TextField } from '../../ui/forms/Fields';

interface Props {
  source: string;
  ports: readonly PortInfo[];
  onRefreshPorts: () => void;
}

const FLOW_LABELS: Record<(typeof FLOW_CONTROLS)[number], string> = { none: 'None', 'rts-cts': 'RTS/CTS (hardware)', 'xon-xoff': 'XON/XOFF (software)' };
const CUSTOM = 'custom';
const PATH_ERRORS = ['link.path', 'link.match'];

export function portLabel(p: PortInfo): string {
  const parts = [p.path];
  if (p.manufacturer) parts.push(p.manufacturer);
  const id = vidPid(p);
  if (id) parts.push(id);
  if (p.serialNumber) parts.push(`SN ${p.serialNumber}`);
  return parts.join(' · ');
}

function SerialFields({ ports, onRefreshPorts }: Omit<Props, 'source'>) {
  const { getValues, setValue, clearErrors, formState } = useFormContext<DeviceFormValues>();
  const path = useWatch<DeviceFormValues, 'link.serial.path'>({ name: 'link.serial.path' });
  const baudRate = useWatch<DeviceFormValues, 'link.serial.baudRate'>({ name: 'link.serial.baudRate' });
  const disabled = formState.isSubmitting;
  const known = ports.some((p) => p.path === path);
  const standardBaud = (STANDARD_BAUD_RATES as readonly number[]).includes(Number(baudRate)) && baudRate.trim() !== '';
  const picked = ports.find((p) => p.path === path);
  // Picking a listed port remembers its USB identity; typing a path forgets it.
  const setPath = (next: string) => {
    setValue('link.serial', withSerialPath(getValues('link.serial'), next, ports), { shouldDirty: true });
    clearErrors(PATH_ERRORS as never);
  };

  return (
    <>
      <label htmlFor="serial-port-select">Port</label>
      <div>
        <div className="field-row">
          <select
            id="serial-port-select"
            data-testid="serial-port-select"
            value={known ? path : CUSTOM}
            disabled={disabled}
            onChange={(e) => {
              if (e.target.value !== CUSTOM) setPath(e.target.value);
            }}
          >
            {ports.map((p) => (
              <option key={p.path} value={p.path}>
                {portLabel(p)}
              </option>
            ))}
            <option value={CUSTOM}>{ports.length === 0 ? 'No ports found: enter a path' : 'Other path…'}</option>
          </select>
          <button type="button" className="btn" data-testid="serial-refresh" title="List serial ports again" disabled={disabled} onClick={onRefreshPorts}>
            Refresh
          </button>
        </div>
        <Input id="serial-path" name="link.serial.path" error="link.path" clears={PATH_ERRORS} label="Serial port path" placeholder="/dev/ttyUSB0, COM3…" onValue={setPath} />
        {picked ? (
          <div className="port-details muted" data-testid="serial-port-details">
            {picked.manufacturer ?? 'Unknown maker'} · VID:PID {vidPid(picked) || '—'} · SN {picked.serialNumber ?? '—'}
          </div>
        ) : null}
        <FieldError field="link.match" />
      </div>

      <label htmlFor="serial-baud-select">Baud rate</label>
      <div>
        <div className="field-row">
          <select
            id="serial-baud-select"
            data-testid="serial-baud-select"
            value={standardBaud ? String(Number(baudRate)) : CUSTOM}
            disabled={disabled}
            onChange={(e) => {
              setValue('link.serial.baudRate', e.target.value === CUSTOM ? '' : e.target.value, { shouldDirty: true });
              clearErrors('link.baudRate' as never);
            }}
          >
            {STANDARD_BAUD_RATES.map((b) => (
              <option key={b} value={String(b)}>
                {b.toLocaleString('en-US')}
              </option>
            ))}
            <option value={CUSTOM}>Custom…</option>
          </select>
          {standardBaud ? null : <Input name="link.serial.baudRate" error="link.baudRate" numeric label="Custom baud rate" placeholder="e.g. 250000" testId="serial-baud-custom" />}
        </div>
        {standardBaud ? <FieldError field="link.baudRate" /> : null}
      </div>

      <SelectField id="serial-data-bits" label="Data bits" name="link.serial.dataBits" error="link.dataBits" options={DATA_BITS.map((b) => [String(b), String(b)] as const)} />
      <SelectField id="serial-parity" label="Parity" name="link.serial.parity" error="link.parity" options={PARITIES.map((p) => [p, p[0]?.toUpperCase() + p.slice(1)] as const)} />
      <SelectField id="serial-stop-bits" label="Stop bits" name="link.serial.stopBits" error="link.stopBits" options={STOP_BITS.map((b) => [String(b), String(b)] as const)} />
      <SelectField id="serial-flow" label="Flow control" name="link.serial.flowControl" error="link.flowControl" options={FLOW_CONTROLS.map((f) => [f, FLOW_LABELS[f]] as const)} />

      <span />
      <div>
        <Check name="link.serial.dtrOnOpen" error="link.dtrOnOpen" testId="serial-dtr" title="Boards that reset on open (e.g. Arduino) react to DTR" label="Assert DTR on open" />
        <Check name="link.serial.rtsOnOpen" error="link.rtsOnOpen" testId="serial-rts" label="Assert RTS on open" />
      </div>
    </>
  );
}

export function LinkSettingsFields(props: Props) {
  switch (props.source) {
    case 'serial':
      return <SerialFields {...props} />;
    case 'tcp':
      return (
        <>
          <TextField id="tcp-host" label="Host" name="link.tcp.host" error="link.host" />
          <NumberField id="tcp-port" label="Port" name="link.tcp.port" error="link.port" />
        </>
      );
    case 'udp':
      return (
        <>
          <TextField id="udp-bind" label="Listen on" name="link.udp.bindAddress" error="link.bindAddress" />
          <NumberField id="udp-port" label="Port" name="link.udp.port" error="link.port" />
        </>
      );
    default:
      return null;
  }
}
