// The breaker feature: its panel, slice and the status-bar cell.
import './breaker.css';
import type { PanelDefinition } from '../../ui/panel';
import { BreakerPanel } from './BreakerPanel';

export const breakerPanels: PanelDefinition[] = [{ id: 'breaker', defaultDock: 'right', component: BreakerPanel }];

export { createBreakerSlice, type BreakerActions, type BreakerState } from './breakerSlice';
export { BreakerIndicator } from './BreakerIndicator';
