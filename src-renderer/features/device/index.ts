// The device feature: settings panel, slice, and the command rules menus and toolbars share.
import './device.css';
import type { PanelDefinition } from '../../ui/panel';
import { DevicePanel } from './DevicePanel';

export const devicePanels: PanelDefinition[] = [{ id: 'device', defaultDock: 'left', component: DevicePanel }];

export { createDeviceSlice, type DeviceActions, type DeviceState } from './deviceSlice';
export { COMMAND_LABELS, isCommandEnabled } from './deviceCommands';
export { CommandButton } from './CommandButton';
