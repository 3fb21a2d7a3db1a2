// A number field that commits on Enter or blur; what it cannot read is reported, not applied.
import { useEffect, useState } from 'react';

interface Props {
  value: number;
  label: string;
  testId: string;
  onCommit(v: number): void;
  onInvalid(text: string): void;
  width?: number;
}

export function NumberInput({ value, label, testId, onCommit, onInvalid, width = 70 }: Props) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = (): void => {
    const v = Number(text.trim().replace(',', '.'));
    if (text.trim() === '' || !Number.isFinite(v)) onInvalid(text);
    else if (v !== value) onCommit(v);
  };
  return (
    <label className="field-inline">
      {label}
      <input
        type="text"
        inputMode="decimal"
        style={{ width }}
        data-testid={testId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}
