// Replay controls: play/pause, a seek slider over the whole source, speed (0.1×–100× or as fast as
// the pipeline takes it), loop, and what the replay reports (frames sent, loops, bad CSV rows by line).
import { useEffect, useState } from 'react';
import { fmtTime } from '../../ui/format/time';
import { plainInt } from '../../ui/format/numbers';
import { AS_FAST_AS_POSSIBLE, REPLAY_STATE_LABELS, replayFraction, replayOffset, speedLabel, speedOptions, speedValue } from './replayView';
import { useSources, useSourcesActions } from './useSources';

/** The slider steps in 1/1000 of the span: fine enough to find a moment, coarse enough to drag. */
const SLIDER_STEPS = 1000;

export function ReplayPanel() {
  const replay = useSources((s) => s.replay);
  const { replayControl } = useSourcesActions();
  // While the operator drags, the slider shows where the hand is, not where playback is.
  const [dragging, setDragging] = useState<number | null>(null);
  useEffect(() => {
    if (!replay) setDragging(null);
  }, [replay]);

  if (!replay) {
    return (
      <div className="replay-panel" data-testid="replay-panel">
        <p className="muted" data-testid="replay-none">
          No replay. Choose <strong>Replay</strong> as the source in the Device panel to play a recorded session or a CSV file through the pipeline.
        </p>
      </div>
    );
  }

  const span = replay.endMs - replay.startMs;
  const step = span > 0 ? span / SLIDER_STEPS : 1;
  const sliderValue = dragging ?? Math.round(replayFraction(replay) * SLIDER_STEPS);
  const seekTo = (steps: number) => void replayControl({ action: 'seek', timeMs: replay.startMs + steps * step });
  const playing = replay.state === 'playing';

  return (
    <div className="replay-panel" data-testid="replay-panel" data-state={replay.state}>
      <div className="replay-head">
        <span className="replay-badge" title="Frames come from a recording, not a live device">
          REPLAY
        </span>
        <strong data-testid="replay-description">{replay.description}</strong>
        <span className={`replay-state replay-state-${replay.state}`} data-testid="replay-state">
          {REPLAY_STATE_LABELS[replay.state]}
        </span>
      </div>

      <div className="replay-transport">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="replay-play"
          disabled={replay.state === 'loading'}
          onClick={() => void replayControl({ action: playing ? 'pause' : 'resume' })}
        >
          {playing ? 'Pause' : replay.state === 'ended' ? 'Play again' : 'Play'}
        </button>
        <label className="field-inline">
          Speed
          <select
            data-testid="replay-speed"
            value={speedValue(replay)}
            onChange={(e) => {
              const v = e.target.value;
              void replayControl(v === AS_FAST_AS_POSSIBLE ? { action: 'speed', speed: replay.speed, asFastAsPossible: true } : { action: 'speed', speed: Number(v), asFastAsPossible: false });
            }}
          >
            {speedOptions(replay.speed).map((s) => (
              <option key={s} value={String(s)}>
                {s}×
              </option>
            ))}
            <option value={AS_FAST_AS_POSSIBLE}>As fast as possible</option>
          </select>
        </label>
        <label className="field-inline">
          <input type="checkbox" data-testid="replay-loop" checked={replay.loop} onChange={(e) => void replayControl({ action: 'loop', loop: e.target.checked })} />
          Loop
        </label>
      </div>

      <div className="replay-seek">
        <span className="muted replay-time" data-testid="replay-offset">
          {replayOffset(replay.positionMs - replay.startMs)}
        </span>
        <input
          type="range"
          aria-label="Replay position"
          data-testid="replay-slider"
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={sliderValue}
          disabled={replay.state === 'loading' || span <= 0}
          onChange={(e) => {
            const v = Number(e.target.value);
            setDragging(v);
            seekTo(v);
          }}
          onPointerUp={() => setDragging(null)}
          onKeyUp={() => setDragging(null)}
          onBlur={() => setDragging(null)}
        />
        <span className="muted replay-time">{replayOffset(span)}</span>
      </div>

      <dl className="kv replay-facts">
        <dt>Position</dt>
        <dd data-testid="replay-position" data-ms={replay.positionMs}>
          {fmtTime(replay.positionMs)}
        </dd>
        <dt>Span</dt>
        <dd>
          {fmtTime(replay.startMs)} – {fmtTime(replay.endMs)}
        </dd>
        <dt>Speed</dt>
        <dd data-testid="replay-speed-label">{speedLabel(replay)}</dd>
        <dt>Frames sent</dt>
        <dd>
          <span data-testid="replay-frames-sent">{plainInt(replay.framesSent)}</span> of <span data-testid="replay-frames">{plainInt(replay.frames)}</span>
          {replay.loops > 0 ? <span data-testid="replay-loops"> · {replay.loops} loops</span> : null}
        </dd>
        <dt>Bad rows</dt>
        <dd className={replay.badRowCount > 0 ? 'tone-warn' : undefined} data-testid="replay-bad-count">
          {plainInt(replay.badRowCount)}
        </dd>
      </dl>
      {replay.badRows.length > 0 ? (
        <ul className="replay-bad-rows" data-testid="replay-bad-rows" aria-label="Rows not replayed">
          {replay.badRows.map((b) => (
            <li key={b.line}>
              line {b.line}: {b.reason}
            </li>
          ))}
          {replay.badRowCount > replay.badRows.length ? <li className="muted">… and {plainInt(replay.badRowCount - replay.badRows.length)} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
