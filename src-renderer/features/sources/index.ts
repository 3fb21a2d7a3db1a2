// The sources feature: replay controls, MQTT out, the source settings dialogs (replay, MQTT,
// Modbus) the device panel plugs in, and the Modbus write confirmation of the console.
import './sources.css';
import type { PanelDefinition } from '../../ui/panel';
import { MqttOutPanel } from './MqttOutPanel';
import { ReplayPanel } from './ReplayPanel';

export const sourcesPanels: PanelDefinition[] = [
  { id: 'replay', defaultDock: 'bottom', component: ReplayPanel },
  { id: 'mqtt-out', defaultDock: 'right', component: MqttOutPanel },
];

export { createSourcesSlice, type SourcesActions, type SourcesState } from './sourcesSlice';
export { ReplayIndicator } from './ReplayIndicator';
export { useModbusWriteConfirm, type ModbusWriteGuard } from './useModbusWriteConfirm';
export { SourceSettingsField, type DialogKind } from './SourceSettingsField';
