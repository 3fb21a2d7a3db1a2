// One plot panel: header (title, mode, window, channels with their Y axis), the plot, and its
// readouts. Channels come from the channel list by drag and drop or from the add menu.
import { useState } from 'react';
import type { CursorMeasure } from './analysis/cursorStats';
import { CursorReadout, HoverReadout } from './CursorReadout';
import { PLOT_MODES, type PlotConfig, type PlotMode } from '@shared/plots/plot-config.js';
import { PlotHost } from './PlotHost';
import { PlotSettings } from './PlotSettings';
import type { Cursors } from './plotsStore';
import { CHANNEL_DRAG_TYPE } from './ChannelList';
import { useChannelLookup, useInstruments, usePlotsStore } from './useInstruments';
import { usePlots } from './usePlots';

const MODE_LABEL: Record<PlotMode, string> = { time: 'Time', xy: 'XY', fft: 'FFT', trigger: 'Trigger' };
const WINDOWS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];
const NO_CURSORS: Cursors = {};

export function PlotCard({ config }: { config: PlotConfig }) {
  const { plots, hub } = useInstruments();
  const { names, indexOf, colorOf } = useChannelLookup();
  const paused = usePlots((s) => s.paused);
  const viewEnd = usePlotsStore((s) => s.viewEnd);
  const cursors = usePlotsStore((s) => s.cursors[config.id] ?? NO_CURSORS);
  const error = usePlotsStore((s) => s.errors[config.id]);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [measure, setMeasure] = useState<CursorMeasure | null>(null);
  const [hover, setHover] = useState<{ t: number; values: number[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [rearm, setRearm] = useState(0);
  const [dropping, setDropping] = useState(false);
  const id = config.id;
  const update = (patch: Partial<PlotConfig>): boolean => plots.actions.update(id, patch);
  const bound = config.series.map((s) => s.channel);
  const gone = bound.filter((n) => indexOf(n) < 0);
  const shownLabels = bound.filter((n) => indexOf(n) >= 0);
  const timeLike = config.mode === 'time' || config.mode === 'trigger';

  const addChannel = (name: string): void => {
    if (!name || bound.includes(name)) return;
    update({ series: [...config.series, { channel: name, axis: 0 }] });
  };

  const pick = (t: number, shift: boolean): void => {
    // Shift or a placed A: B; otherwise A. A third click moves the nearer cursor.
    const { a, b } = plots.getState().cursors[id] ?? {};
    if (shift || (a !== undefined && b === undefined)) plots.actions.setCursor(id, 'b', t);
    else if (a !== undefined && b !== undefined) plots.actions.setCursor(id, Math.abs(t - a) <= Math.abs(t - b) ? 'a' : 'b', t);
    else plots.actions.setCursor(id, 'a', t);
  };

  const rangeOf = (name: string): [number, number] | null => {
    const i = indexOf(name);
    const col = i >= 0 ? hub.range(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY).y[i] : undefined;
    if (!col || col.length === 0) return null;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of col) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  };

  return (
    <section
      className={dropping ? 'plot-card plot-card-drop' : 'plot-card'}
      aria-label={config.title}
      data-testid={`plot-${id}`}
      data-mode={config.mode}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes(CHANNEL_DRAG_TYPE)) {
          e.preventDefault();
          setDropping(true);
        }
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        addChannel(e.dataTransfer.getData(CHANNEL_DRAG_TYPE));
      }}
    >
      <header className="plot-card-head">
        <input className="plot-title" aria-label="Plot title" value={config.title} onChange={(e) => update({ title: e.target.value })} />
        <select aria-label="Mode" data-testid={`plot-mode-${id}`} value={config.mode} onChange={(e) => update({ mode: e.target.value as PlotMode })}>
          {PLOT_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABEL[m]}
            </option>
          ))}
        </select>
        {timeLike ? (
          <select aria-label="Window" data-testid={`plot-window-${id}`} value={config.windowSec} onChange={(e) => update({ windowSec: Number(e.target.value) })}>
            {[...new Set([...WINDOWS, config.windowSec])].sort((a, b) => a - b).map((w) => (
              <option key={w} value={w}>
                {w < 1 ? `${w * 1000} ms` : `${w} s`}
              </option>
            ))}
          </select>
        ) : null}
        {config.mode !== 'xy'
          ? config.series.map((s, i) => (
              <span key={s.channel} className={indexOf(s.channel) < 0 ? 'plot-chip plot-chip-gone' : 'plot-chip'} data-testid={`plot-chip-${id}-${s.channel}`} title={indexOf(s.channel) < 0 ? `${s.channel} is gone (the frame format changed)` : undefined}>
                <span className="swatch" style={{ background: colorOf(s.channel) }} />
                {s.channel}
                {indexOf(s.channel) < 0 ? ' (gone)' : null}
                {timeLike && config.axes.length > 1 ? (
                  <select aria-label={`${s.channel} axis`} value={s.axis} onChange={(e) => update({ series: config.series.map((x, j) => (j === i ? { ...x, axis: Number(e.target.value) } : x)) })}>
                    {config.axes.map((a, k) => (
                      <option key={k} value={k}>
                        Y{k + 1}
                        {a.unit ? ` ${a.unit}` : ''}
                      </option>
                    ))}
                  </select>
                ) : null}
                <button type="button" className="chip-remove" aria-label={`Remove ${s.channel}`} onClick={() => update({ series: config.series.filter((_, j) => j !== i) })}>
                  ×
                </button>
              </span>
            ))
          : null}
        {config.mode !== 'xy' ? (
          <select aria-label="Add channel" data-testid={`plot-add-channel-${id}`} value="" onChange={(e) => addChannel(e.target.value)}>
            <option value="">+ channel</option>
            {names
              .filter((n) => !bound.includes(n))
              .map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
          </select>
        ) : null}
        <span className="spacer" />
        {config.mode === 'trigger' ? (
          <button type="button" data-testid={`plot-rearm-${id}`} onClick={() => setRearm((n) => n + 1)}>
            Re-arm
          </button>
        ) : null}
        <button type="button" aria-expanded={settingsOpen} data-testid={`plot-settings-toggle-${id}`} onClick={() => setSettingsOpen((o) => !o)}>
          Settings
        </button>
        <button type="button" className="dock-close" aria-label={`Remove ${config.title}`} onClick={() => plots.actions.remove(id)}>
          ×
        </button>
      </header>
      {settingsOpen ? <PlotSettings config={config} names={names} rangeOf={rangeOf} /> : null}
      {error ? (
        <div className="plot-error" role="alert" data-testid={`plot-error-${id}`}>
          {error}
        </div>
      ) : null}
      {gone.length > 0 ? <div className="plot-note" data-testid={`plot-gone-${id}`}>Gone: {gone.join(', ')}</div> : null}
      {message && config.mode === 'fft' ? (
        <div className="plot-note" data-testid={`plot-message-${id}`}>
          {message}
        </div>
      ) : null}
      <div className="plot-frame">
        <PlotHost
          config={config}
          paused={paused}
          viewEnd={viewEnd}
          cursors={cursors}
          rearmSignal={rearm}
          onPick={pick}
          onNote={(t) => plots.actions.startNote(t)}
          onScroll={(d) => {
            const end = plots.getState().viewEnd ?? hub.lastTime();
            const last = hub.lastTime();
            plots.actions.setViewEnd(Math.min(last, end + d));
          }}
          onMeasure={setMeasure}
          onHover={setHover}
          onMessage={setMessage}
        />
      </div>
      {timeLike ? <HoverReadout labels={shownLabels} hover={hover} /> : null}
      {timeLike && cursors.a !== undefined && cursors.b !== undefined ? (
        <CursorReadout
          id={id}
          labels={shownLabels}
          measure={measure}
          onClear={() => {
            plots.actions.setCursor(id, 'a', undefined);
            plots.actions.setCursor(id, 'b', undefined);
            setMeasure(null);
          }}
        />
      ) : null}
    </section>
  );
}
