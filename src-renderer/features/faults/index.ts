// The fault injection feature.
import './faults.css';
import type { PanelDefinition } from '../../ui/panel';
import { FaultPanel } from './FaultPanel';

export const faultsPanels: PanelDefinition[] = [{ id: 'faults', defaultDock: 'right', component: FaultPanel }];

export { createFaultsSlice, type FaultsActions, type FaultsState } from './faultsSlice';
