// Per-channel signal editor rows of the device form.
import { SIGNAL_SHAPES, type SignalShape } from '@shared/domain/device.js';
import type { SignalDraft } from './deviceDraft';
import { FieldError } from '../../ui/forms/FieldError';

interface Props {
  signals: readonly SignalDraft[];
  rows: number;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (index: number, patch: Partial<SignalDraft>) => void;
}

type NumericKey = 'amplitude' | 'offset' | 'periodSec';
const NUMERIC: { key: NumericKey; label: string }[] = [
  { key: 'amplitude', label: 'Ampl.' },
  { key: 'offset', label: 'Offset' },
  { key: 'periodSec', label: 'Period (s)' },
];

export function SignalTable({ signals, rows, errors, disabled, onChange }: Props) {
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
          {signals.slice(0, rows).map((s, i) => (
            <tr key={i}>
              <td className="num">{i + 1}</td>
              <td>
                <select
                  value={s.shape}
                  disabled={disabled}
                  aria-label={`Shape of channel ${i + 1}`}
                  data-testid={`signal-shape-${i}`}
                  onChange={(e) => onChange(i, { shape: e.target.value as SignalShape })}
                >
                  {SIGNAL_SHAPES.map((shape) => (
                    <option key={shape} value={shape}>
                      {shape}
                    </option>
                  ))}
                </select>
                <FieldError field={`signals.${i}.shape`} errors={errors} />
                <FieldError field={`signals.${i}`} errors={errors} />
              </td>
              {NUMERIC.map((n) => {
                const key = `signals.${i}.${n.key}`;
                return (
                  <td key={n.key}>
                    <input
                      type="text"
                      inputMode="decimal"
                      spellCheck={false}
                      className={errors[key] ? 'input-num invalid' : 'input-num'}
                      aria-label={`${n.label} of channel ${i + 1}`}
                      aria-invalid={errors[key] ? true : undefined}
                      data-testid={`signal-${n.key}-${i}`}
                      value={s[n.key]}
                      disabled={disabled}
                      onChange={(e) => onChange(i, { [n.key]: e.target.value })}
                    />
                    <FieldError field={key} errors={errors} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
