// The plots feature: the live plot panel, the chart slice, and the palette others reuse.
import './plots.css';
import type { PanelDefinition } from '../../ui/panel';
import { ChartPane } from './ChartPane';

export const plotsPanels: PanelDefinition[] = [{ id: 'plot', defaultDock: 'center', component: ChartPane }];

export { createChartSlice, type ChartActions, type ChartState } from './chartSlice';
export { defaultChannelColor } from './palette';
