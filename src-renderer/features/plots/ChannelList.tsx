// The channels as draggable chips: drop one on a plot to add it there.
import { useChannelLookup } from './useInstruments';

export const CHANNEL_DRAG_TYPE = 'application/x-telemetryhub-channel';

export function ChannelList() {
  const { names, colorOf } = useChannelLookup();
  return (
    <div className="plot-channel-list" aria-label="Channels (drag onto a plot)">
      {names.map((n) => (
        <span
          key={n}
          className="plot-chip"
          draggable
          data-testid={`channel-drag-${n}`}
          onDragStart={(e) => {
            e.dataTransfer.setData(CHANNEL_DRAG_TYPE, n);
            e.dataTransfer.effectAllowed = 'copy';
          }}
        >
          <span className="swatch" style={{ background: colorOf(n) }} />
          {n}
        </span>
      ))}
    </div>
  );
}
