// Per-channel signal editor rows of the device form (as many as the typed channel count).
import { useWatch } from 'react-hook-form';
import { SIGNAL_SHAPES } from '@shared/domain/device.js';
import { signalRowCount, type DeviceFormValues } from './deviceForm';
import { FieldError, Input, Select } from '../../ui/forms/Fields';

type NumericKey = 'amplitude' | 'offset' | 'periodSec';
const NUMERIC: { key: NumericKey; label: string }[] = [
  { key: 'amplitude', label: 'Ampl.' },
  { key: 'offset', label: 'Offset' },
  { key: 'periodSec', label: 'Period (s)' },
];
const SHAPES = SIGNAL_SHAPES.map((s) => [s, s] as const);

export function SignalTable() {
  const channels = useWatch<DeviceFormValues, 'channels'>({ name: 'channels' });
  const signals = useWatch<DeviceFormValues, 'signals'>({ name: 'signals' });
  const rows = Math.min(signals.length, signalRowCount({ channels, signals }));
  return (
    <div className="signal-table-wrap">
      <table className="grid-table signal-table">
        <thead>
          <tr>
            <th className="col-ch">Ch</th>
            <th className="col-shape">Shape</th>
            {NUMERIC.map((n) => (
              <th key={n.key}>{n.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td>
                <Select name={`signals.${i}.shape`} label={`Shape of channel ${i + 1}`} testId={`signal-shape-${i}`} options={SHAPES} clears={[`signals.${i}`]} />
                <FieldError field={`signals.${i}`} />
              </td>
              {NUMERIC.map((n) => (
                <td key={n.key}>
                  <Input name={`signals.${i}.${n.key}`} numeric label={`${n.label} of channel ${i + 1}`} testId={`signal-${n.key}-${i}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
