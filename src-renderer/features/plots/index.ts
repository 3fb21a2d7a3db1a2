// The plots feature: the live plot panel, the chart slice, and the palette others reuse.
import './plots.css';
import { PLOT_PANEL_KIND } from '@shared/workbench/panel-params.js';
import type { InstancePanelDefinition, PanelDefinition } from '../../ui/panel';
import { ChartPane } from './ChartPane';
import { PlotDockPanel } from './PlotDockPanel';
import { PlotsPanel } from './PlotsPanel';

export const plotsPanels: PanelDefinition[] = [
  { id: 'plot', defaultDock: 'center', component: ChartPane },
  { id: 'plots', defaultDock: 'center', component: PlotsPanel },
];

/** One dock panel per plot; its settings are the panel's params. */
export const plotInstancePanels: InstancePanelDefinition[] = [{ kind: PLOT_PANEL_KIND, title: 'Plot', defaultDock: 'center', component: PlotDockPanel }];
export { connectPlotPanels } from './plotPanels';
export type { PlotOpener } from './plotsStore';

export { createChartSlice, type ChartActions, type ChartState } from './chartSlice';
export { defaultChannelColor } from './palette';
export { BehindLive } from './BehindLive';
export { useInstruments, useChannelLookup, instrumentsFor, localKeyStore, type Instruments } from './useInstruments';
export { DrawScheduler } from './drawScheduler';
export type { SampleHub } from './sampleHub';
export { CHANNEL_DRAG_TYPE } from './ChannelList';
export { CursorReadout, HoverReadout } from './CursorReadout';
export { measureCursors, type CursorMeasure } from './analysis/cursorStats';
