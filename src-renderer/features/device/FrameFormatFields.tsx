// Frame format of the device form: CSV / name:value / JSON lines / binary with their
// options (grid rows), and the binary field layout as an editable table. Errors sit at their field.
import { useWatch, useFormContext } from 'react-hook-form';
import type { BinaryFieldType } from '@shared/domain/frame-format.js';
import { IDENTITY_OVERRIDE, type BinaryFieldValues, type ChannelOverrideValues } from './formatForm';
import type { DeviceFormValues } from './deviceForm';
import { CheckField, FieldError, Input, NumberField, Select, SelectField, TextField, TextInput } from '../../ui/forms/Fields';
import { FrameTemplatePicker, TemplateSample } from './FrameScriptFields';

const KINDS = [
  ['csv', 'CSV lines'],
  ['kv', 'name:value pairs'],
  ['jsonl', 'JSON lines'],
  ['binary', 'Binary frames'],
  ['sentence', 'Text sentences (NMEA)'],
  ['script', 'Parser script'],
] as const;
const FRAMINGS = [
  ['cobs', 'COBS'],
  ['slip', 'SLIP'],
  ['sync-length', 'Sync word + length'],
  ['sync-fixed', 'Sync word + fixed length'],
] as const;
const CHECKS = [
  ['none', 'None'],
  ['sum8', 'Sum (8 bit)'],
  ['xor8', 'XOR (8 bit)'],
  ['crc8', 'CRC-8'],
  ['crc16-ccitt-false', 'CRC-16/CCITT-FALSE'],
  ['crc16-xmodem', 'CRC-16/XMODEM'],
  ['crc16-modbus', 'CRC-16/MODBUS'],
  ['crc16-kermit', 'CRC-16/KERMIT'],
  ['crc32', 'CRC-32'],
  ['crc32c', 'CRC-32C'],
] as const;
const ORDERS = [
  ['le', 'Little-endian (LSB first)'],
  ['be', 'Big-endian (MSB first)'],
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
const TYPES = (['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'f64'] satisfies BinaryFieldType[]).map((t) => [t, t] as const);
const ENDIANS = [
  ['le', 'LE'],
  ['be', 'BE'],
] as const;
const LENGTH_TYPES = [
  ['u8', '1 byte'],
  ['u16', '2 bytes'],
] as const;
const LENGTH_COUNTS = [
  ['payload', 'The payload'],
  ['frame', 'The whole frame'],
] as const;
const CRC_FROM = [
  ['after-sync', 'After the sync word'],
  ['sync', 'From the sync word'],
] as const;

/** The binary payload's fields in order; shown under the settings grid (it needs the width). */
export function FrameFormatLayout() {
  const { getValues, setValue, clearErrors, formState } = useFormContext<DeviceFormValues>();
  const rows = useWatch<DeviceFormValues, 'format.layout'>({ name: 'format.layout' });
  const disabled = formState.isSubmitting;
  const setRows = (next: BinaryFieldValues[]) => {
    setValue('format.layout', next, { shouldDirty: true });
    clearErrors('format.layout');
  };
  const remove = (i: number) => setRows(getValues('format.layout').filter((_, k) => k !== i));
  const add = () => setRows([...getValues('format.layout'), { name: `ch${rows.length + 1}`, type: 'f32', endian: 'le', scale: '1', offset: '0', unit: '' }]);
  const cell = (i: number, key: 'name' | 'scale' | 'offset' | 'unit', label: string) => (
    <td>
      <Input name={`format.layout.${i}.${key}`} label={`Field ${i + 1} ${label}`} testId={`format-layout-${i}-${key}`} />
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
          {rows.map((_, i) => (
            <tr key={i}>
              {cell(i, 'name', 'name')}
              <td>
                <Select name={`format.layout.${i}.type`} label={`Field ${i + 1} type`} testId={`format-layout-${i}-type`} options={TYPES} />
              </td>
              <td>
                <Select name={`format.layout.${i}.endian`} label={`Field ${i + 1} byte order`} testId={`format-layout-${i}-endian`} options={ENDIANS} />
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
      <FieldError field="format.layout" />
      <button type="button" className="btn" data-testid="format-layout-add" disabled={disabled} onClick={add}>
        Add field
      </button>
    </div>
  );
}

export function FrameFormatFields() {
  const f = useWatch<DeviceFormValues, 'format'>({ name: 'format' });
  const text = f.kind !== 'binary' && f.kind !== 'script';
  const sync = f.framing === 'sync-length' || f.framing === 'sync-fixed';
  return (
    <>
      <FrameTemplatePicker />
      <SelectField id="format-kind" label="Frame format" name="format.kind" options={KINDS} />
      <TemplateSample format={f} />
      {text ? (
        <>
          <SelectField id="format-delimiter" label="Line end" name="format.delimiter" options={DELIMITERS} />
          {f.delimiter === 'custom' ? <TextField id="format-custom-delimiter" label="Delimiter" name="format.customDelimiter" error="format.delimiter" placeholder="one character" /> : null}
          <NumberField id="format-max-line" label="Max line (bytes)" name="format.maxLineBytes" />
        </>
      ) : null}
      {f.kind === 'csv' ? (
        <>
          <SelectField id="format-separator" label="Separator" name="format.separator" options={SEPARATORS} />
          <CheckField name="format.seqField" testId="format-seq-field" label="First column is a sequence number" />
          <CheckField name="format.header" testId="format-header" label="First line names the channels (header)" />
        </>
      ) : null}
      {f.kind === 'kv' ? <TextField id="format-seq-name" label="Sequence name" name="format.seqName" placeholder="none" /> : null}
      {f.kind === 'jsonl' ? <TextField id="format-seq-path" label="Sequence path" name="format.seqPath" placeholder="none, or e.g. meta.seq" /> : null}
      {f.kind === 'binary' ? (
        <>
          <SelectField id="format-framing" label="Framing" name="format.framing" options={FRAMINGS} />
          {sync ? <TextField id="format-sync" label="Sync word (hex)" name="format.sync" placeholder="AA55" /> : null}
          {f.framing === 'sync-length' ? (
            <>
              <SelectField id="format-length-type" label="Length field" name="format.lengthType" error="format.length.type" clears={['format.length']} options={LENGTH_TYPES} />
              <SelectField id="format-length-endian" label="Length byte order" name="format.lengthEndian" error="format.length.endian" clears={['format.length']} options={ORDERS} />
              <SelectField id="format-length-counts" label="Length counts" name="format.lengthCounts" error="format.length.counts" clears={['format.length']} options={LENGTH_COUNTS} />
            </>
          ) : null}
          <SelectField id="format-crc" label="Check" name="format.crc" options={CHECKS} />
          <SelectField id="format-crc-endian" label="Check byte order" name="format.crcEndian" options={ORDERS} />
          {sync ? <SelectField id="format-crc-from" label="Check covers" name="format.crcFrom" options={CRC_FROM} /> : null}
          <TextField id="format-binary-seq" label="Sequence field" name="format.binarySeqField" error="format.seqField" placeholder="none" />
          <NumberField id="format-max-frame" label="Max frame (bytes)" name="format.maxFrameBytes" />
        </>
      ) : null}
    </>
  );
}

/** Per-channel name, unit, scale and offset (value × scale + offset), by channel index. */
export function ChannelOverridesTable({ decodedNames }: { decodedNames: readonly string[] }) {
  const { setValue } = useFormContext<DeviceFormValues>();
  const channels = useWatch<DeviceFormValues, 'format.channels'>({ name: 'format.channels' });
  const count = Math.min(32, Math.max(decodedNames.length, channels.length, 1));
  // Rows past the configured overrides show identity; editing one writes the rows up to it.
  const rows = Array.from({ length: count }, (_, i) => channels[i] ?? IDENTITY_OVERRIDE);
  const setRow = (i: number, patch: Partial<ChannelOverrideValues>) =>
    setValue('format.channels', rows.map((r, k) => (k === i ? { ...r, ...patch } : r)), { shouldDirty: true });
  const cell = (i: number, key: keyof ChannelOverrideValues, label: string, placeholder?: string) => (
    <td>
      <TextInput
        error={`format.channels.${i}.${key}`}
        label={`Channel ${i + 1} ${label}`}
        testId={`format-channel-${i}-${key}`}
        placeholder={placeholder}
        value={rows[i]?.[key] ?? ''}
        onValue={(v) => setRow(i, { [key]: v })}
      />
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
          {Array.from({ length: count }, (_, i) => (
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
