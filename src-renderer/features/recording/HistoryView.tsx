// A past session (or the current one so far) over its whole length. Zoom by dragging
// across the chart, pan with the buttons or arrow keys; every view change asks the engine
// for min/max buckets of just the visible range, so an hour at 1 kHz stays fluid.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HistorySeries, SessionInfo } from '@shared/domain/recording.js';
import { defaultChannelColor } from '../plots';
import { useRecording, useRecordingActions } from './RecordingContext';
import { fmtDuration } from './format';
import { Dialog } from '../../ui/Dialog';

const AXIS = '#9aa4b2';
const GRID = 'rgba(255, 255, 255, 0.07)';
const BUCKETS = 1000;

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
      plot.current = new uPlot(opts, toData(r.value), el);
      setInfo({ frames: r.value.frames, points: r.value.t.length });
    });
    return () => {
      alive = false;
      plot.current?.destroy();
      plot.current = null;
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
      });
    }, 120);
    return () => clearTimeout(timer);
  }, [actions, range, session.id]);

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
            {range ? ` · ${fmtDuration(range[1] - range[0])} visible` : ''}
          </span>
        </div>
        {error ? <div className="field-error">{error}</div> : null}
        <div ref={host} className="history-chart" data-testid="history-chart" />
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
