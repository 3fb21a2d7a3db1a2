// One line saying what a dialog-configured source is, for the device form.
import type { LinkSettingsInput } from '@shared/domain/link.js';

export function describeSource(link: LinkSettingsInput): string {
  switch (link.kind) {
    case 'replay': {
      const s = link.source;
      const what = s.type === 'session' ? `session ${s.sessionId}` : (s.path.split(/[\\/]/).pop() ?? s.path);
      const channels = s.type === 'session' ? s.channels.length : s.mapping.columns.length;
      const speed = link.asFastAsPossible ? 'as fast as possible' : `${link.speed ?? 1}×`;
      return `${what} · ${channels} channel${channels === 1 ? '' : 's'} · ${speed}${link.loop ? ' · loop' : ''}`;
    }
    case 'mqtt':
      return `${link.url} · ${link.topics.join(', ')}`;
    case 'modbus': {
      const t = link.transport;
      const where = t.mode === 'tcp' ? `TCP ${t.host}:${t.port ?? 502}` : `RTU ${t.path}`;
      return `${where} · unit ${link.unitId ?? 1} · ${link.registers.length} registers every ${link.pollMs ?? 100} ms`;
    }
    default:
      return link.kind;
  }
}
