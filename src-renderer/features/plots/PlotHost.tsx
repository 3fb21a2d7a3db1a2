// Mounts the controller that suits the plot's mode on a host div and keeps its view current.
import { useEffect, useRef } from 'react';
import type { CursorMeasure } from './analysis/cursorStats';
import { FftPlotController } from './FftPlotController';
import type { PlotConfig } from '@shared/plots/plot-config.js';
import type { Cursors } from './plotsStore';
import { TimePlotController } from './TimePlotController';
import { useChannelLookup, useInstruments, usePlotsStore } from './useInstruments';
import { XyPlotController } from './XyPlotController';

interface Props {
  config: PlotConfig;
  paused: boolean;
  viewEnd: number | null;
  cursors: Cursors;
  rearmSignal: number;
  onPick(t: number, shift: boolean): void;
  onNote(t: number): void;
  onScroll(deltaSec: number): void;
  onMeasure(m: CursorMeasure | null): void;
  onHover(h: { t: number; values: number[] } | null): void;
  onMessage(message: string | null): void;
}

type Controller = TimePlotController | FftPlotController | XyPlotController;

export function PlotHost(props: Props) {
  const { config, paused, viewEnd, cursors } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<Controller | null>(null);
  const { hub } = useInstruments();
  const annotations = usePlotsStore((s) => s.annotations);
  const { indexOf, colorOf } = useChannelLookup();
  const propsRef = useRef(props);
  propsRef.current = props;
  const view = { config, channelIndex: indexOf, color: colorOf, paused, viewEnd, cursors, annotations };
  const viewRef = useRef(view);
  viewRef.current = view;
  const family = config.mode === 'fft' ? 'fft' : config.mode === 'xy' ? 'xy' : 'time';

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const v = viewRef.current;
    const relay = {
      onPick: (t: number, shift: boolean) => propsRef.current.onPick(t, shift),
      onNote: (t: number) => propsRef.current.onNote(t),
      onScroll: (d: number) => propsRef.current.onScroll(d),
      onMeasure: (m: CursorMeasure | null) => propsRef.current.onMeasure(m),
      onHover: (h: { t: number; values: number[] } | null) => propsRef.current.onHover(h),
    };
    const c: Controller =
      family === 'fft'
        ? new FftPlotController(host, hub, v, (m) => propsRef.current.onMessage(m))
        : family === 'xy'
          ? new XyPlotController(host, hub, v)
          : new TimePlotController(host, hub, v, relay);
    controllerRef.current = c;
    return () => {
      c.destroy();
      controllerRef.current = null;
    };
  }, [family, hub]);

  useEffect(() => {
    controllerRef.current?.setView(viewRef.current);
  }, [config, paused, viewEnd, cursors, indexOf, colorOf, annotations]);

  useEffect(() => {
    const c = controllerRef.current;
    if (props.rearmSignal > 0 && c instanceof TimePlotController) c.rearm();
  }, [props.rearmSignal]);

  return <div className="plot-host" data-testid={`plot-canvas-${config.id}`} ref={hostRef} />;
}
