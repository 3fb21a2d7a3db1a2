// Per-kind link settings of the device form: serial (port list, baud, framing, flow
// control, DTR/RTS), TCP (host, port) or UDP (bind address, port). Errors sit at their field.
import { DATA_BITS, FLOW_CONTROLS, PARITIES, STANDARD_BAUD_RATES, STOP_BITS, vidPid, type PortInfo } from '@shared/domain/link.js';
import { withSerialPath, type LinkDraft, type SerialDraft } from './linkDraft';
import { FieldError } from '../../ui/forms/FieldError';
import { SelectField, TextField } from '../../ui/forms/FormFields';

interface Props {
  source: string;
  link: LinkDraft;
  ports: readonly PortInfo[];
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (link: LinkDraft, ...clear: string[]) => void;
  onRefreshPorts: () => void;
}

const FLOW_LABELS: Record<(typeof FLOW_CONTROLS)[number], string> = { none: 'None', 'rts-cts': 'RTS/CTS (hardware)', 'xon-xoff': 'XON/XOFF (software)' };
const CUSTOM = 'custom';

export function portLabel(p: PortInfo): string {
  const parts = [p.path];
  if (p.manufacturer) parts.push(p.manufacturer);
  const id = vidPid(p);
  if (id) parts.push(id);
  if (p.serialNumber) parts.push(`SN ${p.serialNumber}`);
  return parts.join(' · ');
}

function SerialFields({ link, ports, errors, disabled, onChange, onRefreshPorts }: Omit<Props, 'source'>) {
  const s = link.serial;
  const set = (patch: Partial<SerialDraft>, ...clear: string[]) => onChange({ ...link, serial: { ...s, ...patch } }, ...clear);
  const known = ports.some((p) => p.path === s.path);
  const standardBaud = (STANDARD_BAUD_RATES as readonly number[]).includes(Number(s.baudRate)) && s.baudRate.trim() !== '';
  const picked = ports.find((p) => p.path === s.path);

  return (
    <>
      <label htmlFor="serial-port-select">Port</label>
      <div>
        <div className="field-row">
          <select
            id="serial-port-select"
            data-testid="serial-port-select"
            value={known ? s.path : CUSTOM}
            disabled={disabled}
            onChange={(e) => {
              if (e.target.value !== CUSTOM) onChange({ ...link, serial: withSerialPath(s, e.target.value, ports) }, 'link.path', 'link.match');
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
        <input
          id="serial-path"
          type="text"
          spellCheck={false}
          placeholder="/dev/ttyUSB0, COM3…"
          aria-label="Serial port path"
          className={errors['link.path'] ? 'input-num invalid' : 'input-num'}
          aria-invalid={errors['link.path'] ? true : undefined}
          data-testid="serial-path"
          value={s.path}
          disabled={disabled}
          onChange={(e) => onChange({ ...link, serial: withSerialPath(s, e.target.value, ports) }, 'link.path', 'link.match')}
        />
        {picked ? (
          <div className="port-details muted" data-testid="serial-port-details">
            {picked.manufacturer ?? 'Unknown maker'} · VID:PID {vidPid(picked) || '—'} · SN {picked.serialNumber ?? '—'}
          </div>
        ) : null}
        <FieldError field="link.path" errors={errors} />
        <FieldError field="link.match" errors={errors} />
      </div>

      <label htmlFor="serial-baud-select">Baud rate</label>
      <div>
        <div className="field-row">
          <select
            id="serial-baud-select"
            data-testid="serial-baud-select"
            value={standardBaud ? String(Number(s.baudRate)) : CUSTOM}
            disabled={disabled}
            onChange={(e) => set({ baudRate: e.target.value === CUSTOM ? '' : e.target.value }, 'link.baudRate')}
          >
            {STANDARD_BAUD_RATES.map((b) => (
              <option key={b} value={String(b)}>
                {b.toLocaleString('en-US')}
              </option>
            ))}
            <option value={CUSTOM}>Custom…</option>
          </select>
          {standardBaud ? null : (
            <input
              type="text"
              inputMode="numeric"
              aria-label="Custom baud rate"
              placeholder="e.g. 250000"
              className={errors['link.baudRate'] ? 'input-num invalid' : 'input-num'}
              aria-invalid={errors['link.baudRate'] ? true : undefined}
              data-testid="serial-baud-custom"
              value={s.baudRate}
              disabled={disabled}
              onChange={(e) => set({ baudRate: e.target.value }, 'link.baudRate')}
            />
          )}
        </div>
        <FieldError field="link.baudRate" errors={errors} />
      </div>

      <SelectField id="serial-data-bits" label="Data bits" field="link.dataBits" value={s.dataBits} options={DATA_BITS.map((b) => [String(b), String(b)] as const)} errors={errors} disabled={disabled} onChange={(v) => set({ dataBits: v }, 'link.dataBits')} />
      <SelectField id="serial-parity" label="Parity" field="link.parity" value={s.parity} options={PARITIES.map((p) => [p, p[0]?.toUpperCase() + p.slice(1)] as const)} errors={errors} disabled={disabled} onChange={(v) => set({ parity: v }, 'link.parity')} />
      <SelectField id="serial-stop-bits" label="Stop bits" field="link.stopBits" value={s.stopBits} options={STOP_BITS.map((b) => [String(b), String(b)] as const)} errors={errors} disabled={disabled} onChange={(v) => set({ stopBits: v }, 'link.stopBits')} />
      <SelectField id="serial-flow" label="Flow control" field="link.flowControl" value={s.flowControl} options={FLOW_CONTROLS.map((f) => [f, FLOW_LABELS[f]] as const)} errors={errors} disabled={disabled} onChange={(v) => set({ flowControl: v }, 'link.flowControl')} />

      <span />
      <div>
        <label className="field-inline" title="Boards that reset on open (e.g. Arduino) react to DTR">
          <input type="checkbox" data-testid="serial-dtr" checked={s.dtrOnOpen} disabled={disabled} onChange={(e) => set({ dtrOnOpen: e.target.checked }, 'link.dtrOnOpen')} />
          Assert DTR on open
        </label>
        <label className="field-inline">
          <input type="checkbox" data-testid="serial-rts" checked={s.rtsOnOpen} disabled={disabled} onChange={(e) => set({ rtsOnOpen: e.target.checked }, 'link.rtsOnOpen')} />
          Assert RTS on open
        </label>
      </div>
    </>
  );
}

export function LinkSettingsFields(props: Props) {
  const { source, link, errors, disabled, onChange } = props;
  switch (source) {
    case 'serial':
      return <SerialFields {...props} />;
    case 'tcp':
      return (
        <>
          <TextField id="tcp-host" label="Host" field="link.host" value={link.tcp.host} errors={errors} disabled={disabled} onChange={(v) => onChange({ ...link, tcp: { ...link.tcp, host: v } }, 'link.host')} />
          <TextField id="tcp-port" label="Port" field="link.port" numeric value={link.tcp.port} errors={errors} disabled={disabled} onChange={(v) => onChange({ ...link, tcp: { ...link.tcp, port: v } }, 'link.port')} />
        </>
      );
    case 'udp':
      return (
        <>
          <TextField id="udp-bind" label="Listen on" field="link.bindAddress" value={link.udp.bindAddress} errors={errors} disabled={disabled} onChange={(v) => onChange({ ...link, udp: { ...link.udp, bindAddress: v } }, 'link.bindAddress')} />
          <TextField id="udp-port" label="Port" field="link.port" numeric value={link.udp.port} errors={errors} disabled={disabled} onChange={(v) => onChange({ ...link, udp: { ...link.udp, port: v } }, 'link.port')} />
        </>
      );
    default:
      return null;
  }
}
