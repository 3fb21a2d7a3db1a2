// The plots feature: the live plot panel, the chart slice, and the palette others reuse.
import './plots.css';
import type { PanelDefinition } from '../../ui/panel';
import { ChartPane } from './ChartPane';
import { PlotsPanel } from './PlotsPanel';

export const plotsPanels: PanelDefinition[] = [
  { id: 'plot', defaultDock: 'center', component: ChartPane },
  { id: 'plots', defaultDock: 'center', component: PlotsPanel },
];

export { createChartSlice, type ChartActions, type ChartState } from './chartSlice';
export { defaultChannelColor } from './palette';
export { BehindLive } from './BehindLive';
export { useInstruments, useChannelLookup, instrumentsFor, type Instruments } from './useInstruments';
export { DrawScheduler } from './drawScheduler';
export type { SampleHub } from './sampleHub';
export { CHANNEL_DRAG_TYPE } from './ChannelList';
