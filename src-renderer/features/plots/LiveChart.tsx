// The uPlot canvas. React mounts the controller once and passes view options in;
// sample batches go straight from the api to the controller. When the breaker goes
// stale the device sends nothing: the line is broken there, not drawn across the outage.
import { useEffect, useMemo, useRef } from 'react';
import 'uplot/dist/uPlot.min.css';
import { buildOverlay } from './alarmOverlay';
import { resolveChannelView } from './channelViews';
import { LiveChartController, type ChartViewOptions } from './LiveChartController';
import { usePlots, usePlotsActions } from './usePlots';

export function LiveChart() {
  const hostRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<LiveChartController | null>(null);
  const { onSamples } = usePlotsActions();
  const chart = usePlots((s) => s.config?.chart);
  const channels = usePlots((s) => s.channels);
  const paused = usePlots((s) => s.paused);
  const rules = usePlots((s) => s.config?.alarms.rules);
  const journal = usePlots((s) => s.journal);
  const overlay = useMemo(() => buildOverlay(rules ?? [], journal), [rules, journal]);
  const overlayRef = useRef(overlay);
  // When the breaker left Closed (epoch ms), while it is not closed; null while live.
  const staleSince = usePlots((s) => (s.breaker?.stale ? s.breaker.since : null));

  const view = useMemo<ChartViewOptions>(() => {
    const count = Math.max(channels.length, chart?.channels.length ?? 0);
    const stored = chart?.channels ?? [];
    return {
      windowSec: chart?.windowSec ?? 30,
      autoScale: chart?.autoScale ?? true,
      paused,
      series: Array.from({ length: count }, (_, i) => resolveChannelView(stored, i)),
      names: channels.map((c) => c.name),
    };
  }, [chart, channels, paused]);

  // The view the controller starts with; later views arrive through setView.
  const viewRef = useRef(view);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    // Later channel-count changes arrive with the samples and rebuild inside the controller.
    const controller = new LiveChartController(host, viewRef.current.series.length, viewRef.current);
    controllerRef.current = controller;
    controller.setAlarmOverlay(overlayRef.current);
    const off = onSamples((batch) => controller.ingest(batch));
    return () => {
      off();
      controller.destroy();
      controllerRef.current = null;
    };
  }, [onSamples]);

  useEffect(() => {
    viewRef.current = view;
    controllerRef.current?.setView(view);
  }, [view]);

  useEffect(() => {
    if (staleSince !== null) controllerRef.current?.breakLine(staleSince);
  }, [staleSince]);

  useEffect(() => {
    overlayRef.current = overlay;
    controllerRef.current?.setAlarmOverlay(overlay);
  }, [overlay]);

  return <div className="chart-host" data-testid="live-chart" ref={hostRef} />;
}
