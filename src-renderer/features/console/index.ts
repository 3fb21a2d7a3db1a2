// The raw link console feature.
import './console.css';
import type { PanelDefinition } from '../../ui/panel';
import { ConsolePanel } from './ConsolePanel';

export const consolePanels: PanelDefinition[] = [{ id: 'console', defaultDock: 'bottom', component: ConsolePanel }];

export { createConsoleSlice, type ConsoleActions, type ConsoleState } from './consoleSlice';
