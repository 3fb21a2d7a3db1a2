// A past session (or the current one so far) over its whole length. Zoom by dragging
// across the chart, pan with the buttons or arrow keys; every view change asks the engine
// for min/max buckets of just the visible range, so an hour at 1 kHz stays fluid. A click
// places the A/B cursors (Δt, 1/Δt, Δy and statistics between them); the crosshair reads out
// every series.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistorySeries, SessionInfo } from '@shared/domain/recording.js';
import { CursorReadout, defaultChannelColor, HoverReadout, measureCursors, type CursorMeasure } from '../plots';
import { drawCursors, hoverAt, pickCursor, type HistoryCursors } from './historyCursors';
import { useRecording, useRecordingActions } from './RecordingContext';
import { fmtClock } from '@shared/format/duration.js';
import { Dialog } from '../../ui/Dialog';

const AXIS = '#9aa4b2';
const GRID = 'rgba(255, 255, 255, 0.07)';
const BUCKETS = 1000;

declare global {
  interface Window {
    /** The History chart for tests: page position of a time (s) and the drawn columns. */
    __thHistory?: { clientPos(t: number): { x: number; y: number }; data(): number[][] };
  }
}

function toData(h: HistorySeries): uPlot.AlignedData {
  return [h.t.map((t) => t / 1000), ...h.y];
}

export function HistoryView({ session, onClose }: { session: SessionInfo; onClose: () => void }) {
  const actions = useRecordingActions();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [range, setRange] = useState<[number, number] | null>(null);
  const [info, setInfo] = useState<{ frames: number; points: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const whole = useRef<[number, number] | null>(null);
  const seq = useRef(0);
  const [cursors, setCursors] = useState<HistoryCursors>({});
  const cursorsRef = useRef(cursors);
  cursorsRef.current = cursors;
  const [hover, setHover] = useState<{ t: number; values: number[] } | null>(null);
  const [measure, setMeasure] = useState<CursorMeasure | null>(null);
  /** Bumped when new buckets arrive, so the measurement is taken again on them. */
  const [dataVersion, setDataVersion] = useState(0);
  const labels = session.channels.map((c) => c.name);

  // First load: the whole session; it also fixes the pan limits.
  useEffect(() => {
    let alive = true;
    void actions.history({ sessionId: session.id, buckets: BUCKETS }).then((r) => {
      if (!alive) return;
      if (!r.ok) return setError(r.error.message);
      whole.current = [r.value.fromMs, r.value.toMs];
      const el = host.current;
      if (!el) return;
      const opts: uPlot.Options = {
        width: Math.max(300, el.clientWidth),
        height: 320,
        legend: { show: true },
        cursor: { drag: { x: true, y: false, setScale: true } },
        scales: { x: { time: true } },
        axes: [
          { stroke: AXIS, grid: { stroke: GRID } },
          { stroke: AXIS, grid: { stroke: GRID } },
        ],
        series: [{}, ...session.channels.map((c, i) => ({ label: c.unit ? `${c.name} [${c.unit}]` : c.name, stroke: defaultChannelColor(i), width: 1 }))],
        hooks: {
          draw: [(u: uPlot) => drawCursors(u, cursorsRef.current)],
          setCursor: [(u: uPlot) => setHover(hoverAt(u))],
          setScale: [
            (u: uPlot, key: string) => {
              if (key !== 'x') return;
              const min = u.scales.x?.min;
              const max = u.scales.x?.max;
              if (min !== undefined && max !== undefined && min !== null && max !== null) setRange([min * 1000, max * 1000]);
            },
          ],
        },
      };
      plot.current?.destroy();
      const u = new uPlot(opts, toData(r.value), el);
      plot.current = u;
      // A click without a drag (a drag zooms) places a cursor.
      let down: number | null = null;
      u.over.addEventListener('mousedown', (e) => (down = e.clientX));
      u.over.addEventListener('click', (e) => {
        if (down !== null && Math.abs(e.clientX - down) > 3) return;
        const t = u.posToVal(e.offsetX, 'x');
        if (Number.isFinite(t)) setCursors((c) => pickCursor(c, t, e.shiftKey));
      });
      window.__thHistory = { clientPos: (t: number) => ({ x: u.over.getBoundingClientRect().left + u.valToPos(t, 'x'), y: u.over.getBoundingClientRect().top + u.over.clientHeight / 2 }), data: () => u.data.map((c) => Array.from(c as ArrayLike<number>)) };
      setInfo({ frames: r.value.frames, points: r.value.t.length });
      setDataVersion((v) => v + 1);
    });
    return () => {
      alive = false;
      plot.current?.destroy();
      plot.current = null;
      delete window.__thHistory;
    };
  }, [actions, session.id, session.channels]);

  // Zoom or pan: refetch just the visible range (latest request wins).
  useEffect(() => {
    if (!range) return;
    const my = ++seq.current;
    const timer = setTimeout(() => {
      void actions.history({ sessionId: session.id, fromMs: range[0], toMs: range[1], buckets: BUCKETS }).then((r) => {
        if (my !== seq.current || !plot.current) return;
        if (!r.ok) return setError(r.error.message);
        plot.current.setData(toData(r.value), false);
        setInfo({ frames: r.value.frames, points: r.value.t.length });
        setDataVersion((v) => v + 1);
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [actions, range, session.id]);

  // Cursors moved or new buckets arrived: redraw the lines and measure again.
  useEffect(() => {
    const u = plot.current;
    u?.redraw(false, false);
    const { a, b } = cursors;
    setMeasure(u && a !== undefined && b !== undefined ? measureCursors(u.data as unknown as ArrayLike<number>[], a, b) : null);
  }, [cursors, dataVersion]);

  const pan = (dir: -1 | 1): void => {
    const u = plot.current;
    const w = whole.current;
    if (!u || !w) return;
    const min = (u.scales.x?.min ?? w[0] / 1000) * 1000;
    const max = (u.scales.x?.max ?? w[1] / 1000) * 1000;
    const span = max - min;
    let from = min + (dir * span) / 2;
    from = Math.max(w[0], Math.min(from, w[1] - span));
    u.setScale('x', { min: from / 1000, max: (from + span) / 1000 });
  };
  const reset = (): void => {
    const w = whole.current;
    if (w) plot.current?.setScale('x', { min: w[0] / 1000, max: w[1] / 1000 });
  };

  return (
    <Dialog title={`History — ${session.name}`} onClose={onClose} testId="history-view">
      <div
        className="history"
        tabIndex={0}
        aria-label="History chart: drag to zoom, arrow keys to pan, Home for the whole session"
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') pan(-1);
          if (e.key === 'ArrowRight') pan(1);
          if (e.key === 'Home') reset();
        }}
      >
        <div className="button-row">
          <button type="button" className="btn" data-testid="history-pan-left" onClick={() => pan(-1)}>
            ◀ Earlier
          </button>
          <button type="button" className="btn" data-testid="history-pan-right" onClick={() => pan(1)}>
            Later ▶
          </button>
          <button type="button" className="btn" data-testid="history-reset" onClick={reset}>
            Whole session
          </button>
          <span className="small muted" data-testid="history-info">
            {info ? `${info.frames.toLocaleString()} frames in view · ${info.points.toLocaleString()} points drawn` : 'Loading…'}
            {range ? ` · ${fmtClock(range[1] - range[0])} visible` : ''}
          </span>
        </div>
        {error ? <div className="field-error">{error}</div> : null}
        <div ref={host} className="history-chart" data-testid="history-chart" />
        {/* Fixed room for the crosshair readout and the hint, so the chart does not move under the mouse. */}
        <div className="history-hover">
          <HoverReadout labels={labels} hover={hover} />
        </div>
        <p className="small muted">{cursors.a === undefined ? 'Click the chart to place cursor A.' : cursors.b === undefined ? 'Cursor A placed: click again for B.' : 'Click to move the nearer cursor.'}</p>
        <CursorReadout id="history" labels={labels} measure={measure} onClear={() => setCursors({})} />
      </div>
    </Dialog>
  );
}

/** Mounted by the app: shows the History view for the session the store points at. */
export function HistoryHost() {
  const id = useRecording((s) => s.historySessionId);
  const sessions = useRecording((s) => s.sessions);
  const actions = useRecordingActions();
  const session = sessions.find((s) => s.id === id);
  if (!session) return null;
  return <HistoryView key={session.id} session={session} onClose={() => actions.openHistory(null)} />;
}
