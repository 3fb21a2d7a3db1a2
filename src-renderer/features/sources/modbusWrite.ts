// Whether a console line is a Modbus register write that needs the operator's confirmation,
// checked with the same parser the engine uses (a bad command never reaches the device).
import type { DeviceSettings } from '@shared/domain/device.js';
import { parseModbusWrite, type ModbusRegister } from '@shared/domain/link-modbus.js';

export type WriteCheck =
  /** Not a Modbus write: send as typed. */
  | { kind: 'plain' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'confirm'; register: ModbusRegister; value: number; question: string };

const AREA_NAMES = { holding: 'holding register', coil: 'coil', input: 'input register', discrete: 'discrete input' } as const;

export function checkModbusWrite(device: DeviceSettings | null | undefined, text: string, encoding: 'text' | 'hex'): WriteCheck {
  if (!device || device.link.kind !== 'modbus' || encoding !== 'text') return { kind: 'plain' };
  if (!/^\s*write\b/i.test(text)) return { kind: 'plain' };
  const parsed = parseModbusWrite(text, device.link.registers);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  const r = parsed.register;
  const unit = r.unit ? ` ${r.unit}` : '';
  return {
    kind: 'confirm',
    register: r,
    value: parsed.value,
    question: `Write ${parsed.value}${unit} to ${r.name} (${AREA_NAMES[r.area]} ${r.address}) on the device?`,
  };
}
