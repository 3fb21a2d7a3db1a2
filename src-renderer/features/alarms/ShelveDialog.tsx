// Shelve an alarm: for how long (or until it clears) and why. Both go into the journal.
import { useEffect, useRef, useState } from 'react';

interface Props {
  alarmLabel: string;
  onShelve: (durationSec: number | undefined, reason: string) => void;
  onCancel: () => void;
}

const DURATIONS: [string, number | undefined][] = [
  ['Until it returns to normal (one-shot)', undefined],
  ['5 minutes', 300],
  ['15 minutes', 900],
  ['1 hour', 3600],
  ['8 hours', 8 * 3600],
];

export function ShelveDialog({ alarmLabel, onShelve, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState('1');
  const [custom, setCustom] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  const submit = (): void => {
    let durationSec: number | undefined;
    if (choice === 'custom') {
      const minutes = Number(custom);
      if (!custom.trim() || !Number.isFinite(minutes) || minutes <= 0) return setError('Duration: enter minutes greater than 0');
      durationSec = Math.round(minutes * 60);
    } else durationSec = DURATIONS[Number(choice)]?.[1];
    if (!reason.trim()) return setError('Reason: say why the alarm is shelved');
    onShelve(durationSec, reason.trim());
  };

  return (
    <dialog ref={ref} className="dialog" aria-label={`Shelve ${alarmLabel}`} data-testid="shelve-dialog" onClose={onCancel}>
      <form
        className="dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <header className="dialog-title">Shelve {alarmLabel}</header>
        <div className="dialog-content form-grid">
          <label htmlFor="shelve-duration">Duration</label>
          <div>
            <select id="shelve-duration" data-testid="shelve-duration" value={choice} onChange={(e) => setChoice(e.target.value)}>
              {DURATIONS.map(([label], i) => (
                <option key={label} value={String(i)}>
                  {label}
                </option>
              ))}
              <option value="custom">Custom (minutes)…</option>
            </select>
            {choice === 'custom' ? (
              <input type="text" inputMode="decimal" aria-label="Minutes" data-testid="shelve-minutes" value={custom} onChange={(e) => setCustom(e.target.value)} />
            ) : null}
          </div>
          <label htmlFor="shelve-reason">Reason</label>
          <input id="shelve-reason" type="text" data-testid="shelve-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} autoFocus />
        </div>
        {error ? (
          <div className="field-error dialog-error" role="alert" data-testid="shelve-error">
            {error}
          </div>
        ) : null}
        <footer className="dialog-buttons">
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="shelve-confirm">
            Shelve
          </button>
        </footer>
      </form>
    </dialog>
  );
}
