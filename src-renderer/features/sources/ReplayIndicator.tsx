// Status-bar cell: the device is a replay (never mistaken for live data), with its state and speed.
import { REPLAY_STATE_LABELS, speedLabel } from './replayView';
import { useSources } from './useSources';

export function ReplayIndicator() {
  const replay = useSources((s) => s.replay);
  if (!replay) return null;
  return (
    <span className="status-cell replay-cell" data-testid="status-replay" data-state={replay.state} title={`${replay.description}: frames come from a recording, not a live device`}>
      <span className="replay-badge">REPLAY</span> {REPLAY_STATE_LABELS[replay.state].toLowerCase()} · {speedLabel(replay)}
    </span>
  );
}
