// The device's slice: its status, channels and the serial ports discovery found.
import type { ChannelInfo, DeviceCommand, DeviceSettingsInput, DeviceStatus } from '@shared/domain/device.js';
import type { PortInfo } from '@shared/domain/link.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { ScriptTryInput, ScriptTryResult } from '@shared/domain/script-try.js';
import type { Slice, SliceContext } from '../../state/slice';

export interface DeviceActions {
  deviceCommand(command: DeviceCommand): Promise<boolean>;
  /** Returns the result so the device panel can put issues at their fields. */
  configureDevice(input: DeviceSettingsInput): Promise<ApiResult<DeviceStatus>>;
  /** Asks the engine to list serial ports now (also updates `ports`). */
  refreshPorts(): Promise<ApiResult<PortInfo[]>>;
  /** Compiles a parser script (and decodes a sample) in the engine's sandbox; nothing is applied, no banner. */
  tryParserScript(input: ScriptTryInput): Promise<ApiResult<ScriptTryResult>>;
}

export interface DeviceState {
  device: DeviceStatus | null;
  channels: ChannelInfo[];
  /** Serial ports discovery last saw. */
  ports: PortInfo[];
  actions: DeviceActions;
}

export function createDeviceSlice(ctx: SliceContext<DeviceState>): Slice<DeviceState> {
  const { api, set, request } = ctx;
  return {
    state: { device: null, channels: [], ports: [] },
    actions: {
      async deviceCommand(command) {
        const result = await request(`Device ${command}`, () => api.deviceCommand(command));
        if (result.ok) set({ device: result.value });
        return result.ok;
      },
      async configureDevice(input) {
        const result = await request('Applying device settings', () => api.configureDevice(input));
        if (result.ok) set({ device: result.value });
        return result;
      },
      tryParserScript(input) {
        return api.tryParserScript(input);
      },
      async refreshPorts() {
        const result = await request('Listing serial ports', () => api.listPorts());
        if (result.ok) set({ ports: result.value });
        return result;
      },
    },
    subscribe: (mark) => [
      api.on('device', (device) => {
        mark('device');
        set({ device });
      }),
      api.on('channels', (channels) => {
        mark('channels');
        set({ channels });
      }),
      api.on('ports', (ports) => set({ ports })),
    ],
    fromSnapshot: (snap, seen) => ({
      ...(seen.has('device') ? {} : { device: snap.device }),
      ...(seen.has('channels') ? {} : { channels: snap.channels }),
    }),
  };
}
