// The note being added (Ctrl+M anywhere in the Plots panel, or Alt+click on a plot): its time and
// text; Enter stores it as a session event through the contract.
import { useEffect, useRef, useState } from 'react';
import { useInstruments, usePlotsStore } from './useInstruments';
import { usePlotsActions } from './usePlots';

export function NoteForm() {
  const { plots } = useInstruments();
  const { addAnnotation } = usePlotsActions();
  const at = usePlotsStore((s) => s.pendingNote);
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (at !== null) input.current?.focus();
  }, [at]);
  if (at === null) return null;
  const submit = async (): Promise<void> => {
    const note = text.trim();
    if (!note) return;
    if (await addAnnotation(at * 1000, note)) {
      plots.actions.noteAdded(at, note);
      setText('');
    }
  };
  return (
    <form
      className="plot-note-form"
      data-testid="note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <span>Note at {new Date(at * 1000).toLocaleTimeString()}</span>
      <input ref={input} type="text" maxLength={500} data-testid="note-text" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && plots.actions.startNote(null)} />
      <button type="submit" disabled={!text.trim()}>
        Add note
      </button>
      <button type="button" onClick={() => plots.actions.startNote(null)}>
        Cancel
      </button>
    </form>
  );
}
