// The frame format a source's bytes are decoded with, when the source decides it rather
// than the operator: replay and Modbus speak the internal wire format, MQTT topic channels
// name:value lines. Other sources use the configured `device.format`.
import type { FrameFormat } from '@shared/domain/frame-format.js';
import { replayChannels } from '@shared/domain/link-replay.js';
import type { LinkSettings } from '@shared/domain/link.js';
import { wireFormat } from './wire/wire-format.js';

export function sourceFormat(link: LinkSettings, configured: FrameFormat): FrameFormat | undefined {
  switch (link.kind) {
    case 'replay':
      return wireFormat(replayChannels(link), true);
    case 'modbus':
      return wireFormat(
        link.registers.map((r) => ({ name: r.name, unit: r.unit })),
        false,
      );
    case 'mqtt':
      // One number per message, named by the topic: name:value lines (the operator's channel overrides kept).
      return link.topicChannel ? { kind: 'kv', delimiter: 'lf', maxLineBytes: 4096, channels: configured.channels } : undefined;
    default:
      return undefined;
  }
}
