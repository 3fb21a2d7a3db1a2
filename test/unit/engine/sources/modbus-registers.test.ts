// Register map → read blocks, and each type's words ↔ engineering value.
import { describe, expect, it } from 'vitest';
import { ModbusLinkSchema, ModbusRegisterSchema, parseModbusWrite, type ModbusRegisterInput } from '@shared/domain/link-modbus.js';
import { decodeRegister, encodeRegister, planBlocks } from '../../../../src-main/engine/link/modbus/register-blocks.js';

const reg = (r: ModbusRegisterInput) => ModbusRegisterSchema.parse(r);

describe('Modbus registers', () => {
  it('adjacent registers of one area share a block up to the protocol limit; areas never mix', () => {
    const regs = [
      ...Array.from({ length: 130 }, (_, i) => reg({ name: `h${i}`, address: i })),
      reg({ name: 'in', area: 'input', address: 0 }),
      reg({ name: 'c', area: 'coil', address: 0 }),
    ];
    expect(planBlocks(regs).map((b) => [b.area, b.start, b.length, b.items.length])).toEqual([
      ['holding', 0, 125, 125],
      ['holding', 125, 5, 5],
      ['input', 0, 1, 1],
      ['coil', 0, 1, 1],
    ]);
  });

  it('decodes and encodes every type in both word orders, with scale and offset', () => {
    const cases: [ModbusRegisterInput, number][] = [
      [{ name: 'a', address: 0, type: 'u16' }, 65535],
      [{ name: 'a', address: 0, type: 'i16', scale: 0.1 }, -3276.8],
      [{ name: 'a', address: 0, type: 'u32', wordOrder: 'little' }, 4_000_000_000],
      [{ name: 'a', address: 0, type: 'i32', wordOrder: 'big', offset: 10 }, -2_000_000_000 + 10],
      [{ name: 'a', address: 0, type: 'f32', wordOrder: 'little' }, 1.5],
      [{ name: 'a', address: 0, type: 'f32', wordOrder: 'big', scale: 2 }, -7],
    ];
    for (const [input, value] of cases) {
      const r = reg(input);
      const words = encodeRegister(r, value);
      expect(decodeRegister({ channel: 0, offset: 0, register: r }, words, undefined)).toBeCloseTo(value, 9);
    }
    // Big word order: high word first.
    expect(encodeRegister(reg({ name: 'a', address: 0, type: 'u32' }), 0x12345678)).toEqual([0x1234, 0x5678]);
    expect(encodeRegister(reg({ name: 'a', address: 0, type: 'u32', wordOrder: 'little' }), 0x12345678)).toEqual([0x5678, 0x1234]);
    expect(() => encodeRegister(reg({ name: 'a', address: 0, type: 'i16' }), 40000)).toThrow('40000 does not fit a (i16, raw 40000)');
  });

  it('the write command names what is wrong', () => {
    const regs = ModbusLinkSchema.parse({ kind: 'modbus', transport: { mode: 'tcp', host: 'h' }, registers: [{ name: 'sp', address: 1 }, { name: 'di', area: 'discrete', address: 1 }, { name: 'c', area: 'coil', address: 2 }] }).registers;
    expect(parseModbusWrite('write sp 5', regs)).toMatchObject({ ok: true, value: 5 });
    expect(parseModbusWrite('set sp 5', regs)).toEqual({ ok: false, reason: 'expected: write <channel name> <value>  (a holding register or coil of the map)' });
    expect(parseModbusWrite('write x 5', regs)).toEqual({ ok: false, reason: 'no channel named "x" in the register map' });
    expect(parseModbusWrite('write di 1', regs)).toEqual({ ok: false, reason: '"di" is a discrete input: read-only' });
    expect(parseModbusWrite('write c 2', regs)).toEqual({ ok: false, reason: 'a coil is written 0 or 1' });
    expect(parseModbusWrite('write sp abc', regs)).toEqual({ ok: false, reason: '"abc" is not a number' });
  });

  it('the link schema refuses duplicate names and a 32-bit register past the last address', () => {
    const r = ModbusLinkSchema.safeParse({ kind: 'modbus', transport: { mode: 'tcp', host: 'h' }, registers: [{ name: 'a', address: 1 }, { name: 'a', address: 65535, type: 'f32' }] });
    expect(r.error?.issues.map((i) => i.message)).toEqual(['duplicate channel name "a"', 'a f32 at 65535 runs past address 65535']);
  });
});
