// The data integrity feature.
import './integrity.css';
import type { PanelDefinition } from '../../ui/panel';
import { IntegrityPanel } from './IntegrityPanel';

export const integrityPanels: PanelDefinition[] = [{ id: 'integrity', defaultDock: 'right', component: IntegrityPanel }];

export { createIntegritySlice, type IntegrityState } from './integritySlice';
