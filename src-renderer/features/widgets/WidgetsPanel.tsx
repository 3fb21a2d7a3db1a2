// The Widgets panel: readouts, gauges, bars, LEDs and a latest-values table bound to channels.
import { useChannelLookup } from '../plots';
import { WIDGET_KINDS } from './widgetConfig';
import { WidgetCard } from './WidgetCard';
import { useWidgetsState, useWidgetsStore } from './useWidgets';

const LABEL = { readout: 'Readout', gauge: 'Gauge', bar: 'Bar', led: 'LED', table: 'Table' } as const;

export function WidgetsPanel() {
  const store = useWidgetsStore();
  const widgets = useWidgetsState((s) => s.widgets);
  const { names } = useChannelLookup();
  return (
    <div className="widgets-panel" data-testid="widgets-panel">
      <div className="plots-toolbar">
        {WIDGET_KINDS.map((k) => (
          <button key={k} type="button" data-testid={`widgets-add-${k}`} onClick={() => store.actions.add(k, names)}>
            + {LABEL[k]}
          </button>
        ))}
      </div>
      {widgets.length === 0 ? <p className="empty-hint">No widgets yet: add one above and choose its channel.</p> : null}
      <div className="widgets-grid">
        {widgets.map((w) => (
          <WidgetCard key={w.id} config={w} />
        ))}
      </div>
    </div>
  );
}
