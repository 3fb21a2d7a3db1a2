// The Plots panel: adds plots (time, XY, FFT, trigger), each its own dock panel drawn from the one
// sample stream, and lists the channels to drag onto them. Notes (Ctrl+M) are written here.
import { useEffect } from 'react';
import { ChannelList } from './ChannelList';
import { NoteForm } from './NoteForm';
import type { PlotMode } from '@shared/plots/plot-config.js';
import { useChannelLookup, useInstruments, usePlotsStore } from './useInstruments';

const ADD: { mode: PlotMode; label: string }[] = [
  { mode: 'time', label: 'Time plot' },
  { mode: 'xy', label: 'XY' },
  { mode: 'fft', label: 'FFT' },
  { mode: 'trigger', label: 'Trigger' },
];

export function PlotsPanel() {
  const { plots } = useInstruments();
  const list = usePlotsStore((s) => s.plots);
  const notice = usePlotsStore((s) => s.notice);
  const { names } = useChannelLookup();
  const { hub } = useInstruments();
  // Ctrl+M: a note at the newest sample (or the paused view's right edge).
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'm') {
        e.preventDefault();
        const t = plots.getState().viewEnd ?? hub.lastTime();
        plots.actions.startNote(Number.isNaN(t) ? Date.now() / 1000 : t);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [plots, hub]);
  return (
    <div className="plots-panel" data-testid="plots-panel">
      <div className="plots-toolbar">
        {ADD.map((a) => (
          <button key={a.mode} type="button" data-testid={`plots-add-${a.mode}`} onClick={() => plots.actions.add(a.mode, names.slice(0, a.mode === 'time' || a.mode === 'xy' ? 2 : 1))}>
            + {a.label}
          </button>
        ))}
        <ChannelList />
      </div>
      <NoteForm />
      {notice ? (
        <div className="plot-note" role="status">
          {notice}
        </div>
      ) : null}
      {list.length === 0 ? (
        <p className="empty-hint">No plots yet: add one above (each opens as its own panel), then drag channels onto it.</p>
      ) : (
        <ul className="plots-open" data-testid="plots-open" aria-label="Open plots">
          {list.map((p) => (
            <li key={p.id} data-testid={`plots-open-${p.id}`}>
              {p.title} <span className="muted">({p.mode})</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
