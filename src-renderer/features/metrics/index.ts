// The pipeline metrics feature.
import './metrics.css';
import type { PanelDefinition } from '../../ui/panel';
import { MetricsPanel } from './MetricsPanel';

export const metricsPanels: PanelDefinition[] = [{ id: 'metrics', defaultDock: 'right', component: MetricsPanel }];

export { createMetricsSlice, type MetricsState } from './metricsSlice';
