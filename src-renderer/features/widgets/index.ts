// The widgets feature: readouts, gauges, bars, LEDs and a latest-values table, coloured by alarm state.
import './widgets.css';
import type { PanelDefinition } from '../../ui/panel';
import { WidgetsPanel } from './WidgetsPanel';

export const widgetsPanels: PanelDefinition[] = [{ id: 'widgets', defaultDock: 'right', component: WidgetsPanel }];
