// The central area: chart controls, the live chart and its channel legend.
import { ChannelLegend } from './ChannelLegend';
import { ChartControls } from './ChartControls';
import { LiveChart } from './LiveChart';
import { StaleOverlay } from './StaleOverlay';

export function ChartPane() {
  return (
    <section className="chart-pane" aria-label="Live chart">
      <ChartControls />
      <div className="chart-frame">
        <LiveChart />
        <StaleOverlay />
      </div>
      <ChannelLegend />
    </section>
  );
}
