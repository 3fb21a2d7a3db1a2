// What the UI is told about channels: decoded names with the operator's overrides
// (name, unit) and, for binary and sentence layouts, the unit of each field.
import type { ChannelInfo, DeviceSettings } from '@shared/domain/device.js';
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { DEFAULT_FRAME_FORMAT, binaryChannelFields } from '@shared/domain/frame-layout.js';
import { sourceFormat } from '../link/source-format.js';

/** The format actually decoded: the simulator always speaks the default CSV; replay, Modbus (and MQTT topic channels) their own. */
export function formatFor(device: Pick<DeviceSettings, 'source' | 'format'> & Partial<Pick<DeviceSettings, 'link'>>): FrameFormat {
  if (device.source === 'simulated') return DEFAULT_FRAME_FORMAT;
  return (device.link && sourceFormat(device.link, device.format)) ?? device.format;
}

export function channelInfosFor(format: FrameFormat, names: readonly string[]): ChannelInfo[] {
  const units =
    format.kind === 'binary' ? binaryChannelFields(format).map((f) => f.unit) : format.kind === 'sentence' ? format.sentences.flatMap((s) => s.fields.map((f) => f.unit)) : [];
  return names.map((name, index) => {
    const o = format.channels[index];
    return { index, name: o?.name ?? name, unit: o?.unit || units[index] || '' };
  });
}
