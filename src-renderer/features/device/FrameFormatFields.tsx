// Frame format of the device form: CSV / name:value / JSON lines / binary with their
// options (grid rows), and the binary field layout as an editable table. Errors sit at their field.
import type { BinaryFieldType } from '@shared/domain/frame-format.js';
import { IDENTITY_OVERRIDE, type BinaryFieldDraft, type ChannelOverrideDraft, type FormatDraft } from './formatDraft';
import { FieldError } from '../../ui/forms/FieldError';
import { SelectField, TextField } from '../../ui/forms/FormFields';

interface Props {
  format: FormatDraft;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (format: FormatDraft, ...clear: string[]) => void;
}

const KINDS = [
  ['csv', 'CSV lines'],
  ['kv', 'name:value pairs'],
  ['jsonl', 'JSON lines'],
  ['binary', 'Binary frames'],
] as const;
const SEPARATORS = [
  [',', 'Comma ,'],
  [';', 'Semicolon ;'],
  ['tab', 'Tab'],
  ['space', 'Space'],
] as const;
const DELIMITERS = [
  ['lf', 'LF (\\n)'],
  ['crlf', 'CR LF (\\r\\n)'],
  ['custom', 'Custom character'],
] as const;
const TYPES: BinaryFieldType[] = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'f64'];

function Check(props: { id: string; label: string; checked: boolean; disabled: boolean; onChange: (v: boolean) => void }) {
  return (
    <>
      <span />
      <div>
        <label className="field-inline">
          <input type="checkbox" data-testid={props.id} checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
          {props.label}
        </label>
      </div>
    </>
  );
}

/** The binary payload's fields in order; shown under the settings grid (it needs the width). */
export function FrameFormatLayout({ format, errors, disabled, onChange }: Props) {
  const rows = format.layout;
  const setRow = (i: number, patch: Partial<BinaryFieldDraft>) =>
    onChange({ ...format, layout: rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }, 'format.layout', ...Object.keys(patch).map((k) => `format.layout.${i}.${k}`));
  const remove = (i: number) => onChange({ ...format, layout: rows.filter((_, k) => k !== i) }, 'format.layout');
  const add = () => onChange({ ...format, layout: [...rows, { name: `ch${rows.length + 1}`, type: 'f32', endian: 'le', scale: '1', offset: '0', unit: '' }] }, 'format.layout');
  const cell = (i: number, key: 'name' | 'scale' | 'offset' | 'unit', label: string) => (
    <td>
      <input
        type="text"
        spellCheck={false}
        aria-label={`Field ${i + 1} ${label}`}
        className={errors[`format.layout.${i}.${key}`] ? 'input-num invalid' : 'input-num'}
        data-testid={`format-layout-${i}-${key}`}
        value={rows[i]?.[key] ?? ''}
        disabled={disabled}
        onChange={(e) => setRow(i, { [key]: e.target.value })}
      />
      <FieldError field={`format.layout.${i}.${key}`} errors={errors} />
    </td>
  );
  return (
    <div className="signal-table-wrap">
      <table className="grid-table signal-table" data-testid="format-layout">
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>Order</th>
            <th>Scale</th>
            <th>Offset</th>
            <th>Unit</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {cell(i, 'name', 'name')}
              <td>
                <select aria-label={`Field ${i + 1} type`} data-testid={`format-layout-${i}-type`} value={r.type} disabled={disabled} onChange={(e) => setRow(i, { type: e.target.value as BinaryFieldType })}>
                  {TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
                <FieldError field={`format.layout.${i}.type`} errors={errors} />
              </td>
              <td>
                <select aria-label={`Field ${i + 1} byte order`} data-testid={`format-layout-${i}-endian`} value={r.endian} disabled={disabled} onChange={(e) => setRow(i, { endian: e.target.value as 'le' | 'be' })}>
                  <option value="le">LE</option>
                  <option value="be">BE</option>
                </select>
              </td>
              {cell(i, 'scale', 'scale')}
              {cell(i, 'offset', 'offset')}
              {cell(i, 'unit', 'unit')}
              <td>
                <button type="button" className="btn" aria-label={`Remove field ${i + 1}`} data-testid={`format-layout-${i}-remove`} disabled={disabled || rows.length <= 1} onClick={() => remove(i)}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FieldError field="format.layout" errors={errors} />
      <button type="button" className="btn" data-testid="format-layout-add" disabled={disabled} onClick={add}>
        Add field
      </button>
    </div>
  );
}

export function FrameFormatFields(props: Props) {
  const { format: f, errors, disabled, onChange } = props;
  const set = (patch: Partial<FormatDraft>, ...clear: string[]) => onChange({ ...f, ...patch }, ...clear);
  const text = f.kind !== 'binary';
  return (
    <>
      <SelectField id="format-kind" label="Frame format" field="format.kind" value={f.kind} options={KINDS} errors={errors} disabled={disabled} onChange={(v) => set({ kind: v as FormatDraft['kind'] }, 'format.kind')} />
      {text ? (
        <>
          <SelectField id="format-delimiter" label="Line end" field="format.delimiter" value={f.delimiter} options={DELIMITERS} errors={errors} disabled={disabled} onChange={(v) => set({ delimiter: v }, 'format.delimiter')} />
          {f.delimiter === 'custom' ? (
            <TextField id="format-custom-delimiter" label="Delimiter" field="format.delimiter" value={f.customDelimiter} errors={errors} disabled={disabled} placeholder="one character" onChange={(v) => set({ customDelimiter: v }, 'format.delimiter')} />
          ) : null}
          <TextField id="format-max-line" label="Max line (bytes)" field="format.maxLineBytes" value={f.maxLineBytes} numeric errors={errors} disabled={disabled} onChange={(v) => set({ maxLineBytes: v }, 'format.maxLineBytes')} />
        </>
      ) : null}
      {f.kind === 'csv' ? (
        <>
          <SelectField id="format-separator" label="Separator" field="format.separator" value={f.separator} options={SEPARATORS} errors={errors} disabled={disabled} onChange={(v) => set({ separator: v }, 'format.separator')} />
          <Check id="format-seq-field" label="First column is a sequence number" checked={f.seqField} disabled={disabled} onChange={(v) => set({ seqField: v })} />
          <Check id="format-header" label="First line names the channels (header)" checked={f.header} disabled={disabled} onChange={(v) => set({ header: v })} />
        </>
      ) : null}
      {f.kind === 'kv' ? (
        <TextField id="format-seq-name" label="Sequence name" field="format.seqName" value={f.seqName} errors={errors} disabled={disabled} placeholder="none" onChange={(v) => set({ seqName: v }, 'format.seqName')} />
      ) : null}
      {f.kind === 'jsonl' ? (
        <TextField id="format-seq-path" label="Sequence path" field="format.seqPath" value={f.seqPath} errors={errors} disabled={disabled} placeholder="none, or e.g. meta.seq" onChange={(v) => set({ seqPath: v }, 'format.seqPath')} />
      ) : null}
      {f.kind === 'binary' ? (
        <>
          <SelectField id="format-framing" label="Framing" field="format.framing" value={f.framing} options={[['cobs', 'COBS'], ['slip', 'SLIP']]} errors={errors} disabled={disabled} onChange={(v) => set({ framing: v as FormatDraft['framing'] }, 'format.framing')} />
          <SelectField
            id="format-crc"
            label="Check"
            field="format.crc"
            value={f.crc}
            options={[['none', 'None'], ['crc16-ccitt-false', 'CRC-16/CCITT-FALSE'], ['crc32', 'CRC-32']]}
            errors={errors}
            disabled={disabled}
            onChange={(v) => set({ crc: v as FormatDraft['crc'] }, 'format.crc')}
          />
          <TextField id="format-binary-seq" label="Sequence field" field="format.seqField" value={f.binarySeqField} errors={errors} disabled={disabled} placeholder="none" onChange={(v) => set({ binarySeqField: v }, 'format.seqField')} />
          <TextField id="format-max-frame" label="Max frame (bytes)" field="format.maxFrameBytes" value={f.maxFrameBytes} numeric errors={errors} disabled={disabled} onChange={(v) => set({ maxFrameBytes: v }, 'format.maxFrameBytes')} />
        </>
      ) : null}
    </>
  );
}

/** Per-channel name, unit, scale and offset (value × scale + offset), by channel index. */
export function ChannelOverridesTable(props: Props & { decodedNames: readonly string[] }) {
  const { format, errors, disabled, onChange, decodedNames } = props;
  const count = Math.min(32, Math.max(decodedNames.length, format.channels.length, 1));
  const rows = Array.from({ length: count }, (_, i) => format.channels[i] ?? IDENTITY_OVERRIDE);
  const setRow = (i: number, patch: Partial<ChannelOverrideDraft>) => {
    const next = rows.map((r, k) => (k === i ? { ...r, ...patch } : r));
    onChange({ ...format, channels: next }, ...Object.keys(patch).map((k) => `format.channels.${i}.${k}`));
  };
  const cell = (i: number, key: keyof ChannelOverrideDraft, label: string, placeholder?: string) => (
    <td>
      <input
        type="text"
        spellCheck={false}
        aria-label={`Channel ${i + 1} ${label}`}
        className={errors[`format.channels.${i}.${key}`] ? 'input-num invalid' : 'input-num'}
        data-testid={`format-channel-${i}-${key}`}
        value={rows[i]?.[key] ?? ''}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => setRow(i, { [key]: e.target.value })}
      />
      <FieldError field={`format.channels.${i}.${key}`} errors={errors} />
    </td>
  );
  return (
    <div className="signal-table-wrap">
      <table className="grid-table signal-table" data-testid="format-channels">
        <thead>
          <tr>
            <th className="col-ch">Ch</th>
            <th>Name</th>
            <th>Unit</th>
            <th>Scale</th>
            <th>Offset</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((_, i) => (
            <tr key={i}>
              <td className="col-ch">{i + 1}</td>
              {cell(i, 'name', 'name', decodedNames[i] ?? `ch${i + 1}`)}
              {cell(i, 'unit', 'unit')}
              {cell(i, 'scale', 'scale')}
              {cell(i, 'offset', 'offset')}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
