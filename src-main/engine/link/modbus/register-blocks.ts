// The register map as read requests: registers of one area that lie close together are
// read in one block (fewer round trips), and each channel's value is decoded from the
// block's words (u16/i16/u32/i32/f32, word order, scale, offset).
import {
  MODBUS_MAX_READ_BITS,
  MODBUS_MAX_READ_REGISTERS,
  registerWords,
  type ModbusArea,
  type ModbusRegister,
} from '@shared/domain/link-modbus.js';

export interface BlockItem {
  /** Channel index (position in the register map). */
  channel: number;
  /** Offset of the register inside the block. */
  offset: number;
  register: ModbusRegister;
}

export interface RegisterBlock {
  area: ModbusArea;
  start: number;
  length: number;
  items: BlockItem[];
}

export function planBlocks(registers: readonly ModbusRegister[], maxGap = 0): RegisterBlock[] {
  const blocks: RegisterBlock[] = [];
  const byArea = new Map<ModbusArea, { channel: number; register: ModbusRegister }[]>();
  registers.forEach((register, channel) => {
    const list = byArea.get(register.area) ?? [];
    list.push({ channel, register });
    byArea.set(register.area, list);
  });
  for (const [area, list] of byArea) {
    list.sort((a, b) => a.register.address - b.register.address || a.channel - b.channel);
    const limit = area === 'coil' || area === 'discrete' ? MODBUS_MAX_READ_BITS : MODBUS_MAX_READ_REGISTERS;
    let cur: RegisterBlock | undefined;
    for (const { channel, register } of list) {
      const end = register.address + registerWords(register);
      if (cur && register.address - (cur.start + cur.length) <= maxGap && end - cur.start <= limit) {
        cur.length = Math.max(cur.length, end - cur.start);
      } else {
        cur = { area, start: register.address, length: end - register.address, items: [] };
        blocks.push(cur);
      }
      cur.items.push({ channel, offset: register.address - cur.start, register });
    }
  }
  return blocks;
}

const scratch = new DataView(new ArrayBuffer(4));

/** The engineering value of one register from its block's words (or bits). */
export function decodeRegister(item: BlockItem, words: readonly number[] | undefined, bits: readonly boolean[] | undefined): number {
  const r = item.register;
  let raw: number;
  if (r.area === 'coil' || r.area === 'discrete') {
    raw = bits?.[item.offset] ? 1 : 0;
  } else {
    const w0 = (words?.[item.offset] ?? 0) & 0xffff;
    if (r.type === 'u16') raw = w0;
    else if (r.type === 'i16') raw = (w0 << 16) >> 16;
    else {
      const w1 = (words?.[item.offset + 1] ?? 0) & 0xffff;
      const [hi, lo] = r.wordOrder === 'big' ? [w0, w1] : [w1, w0];
      scratch.setUint16(0, hi);
      scratch.setUint16(2, lo);
      raw = r.type === 'u32' ? scratch.getUint32(0) : r.type === 'i32' ? scratch.getInt32(0) : scratch.getFloat32(0);
    }
  }
  return raw * r.scale + r.offset;
}

/** The words to write for an engineering value (scale/offset inverted, rounded for integers). */
export function encodeRegister(r: ModbusRegister, value: number): number[] {
  const raw = (value - r.offset) / r.scale;
  switch (r.type) {
    case 'u16':
    case 'i16': {
      const v = Math.round(raw);
      const [min, max] = r.type === 'u16' ? [0, 0xffff] : [-0x8000, 0x7fff];
      if (v < min || v > max) throw new RangeError(`${value} does not fit ${r.name} (${r.type}, raw ${v})`);
      return [v & 0xffff];
    }
    case 'u32':
    case 'i32':
    case 'f32': {
      if (r.type === 'f32') scratch.setFloat32(0, raw);
      else {
        const v = Math.round(raw);
        const [min, max] = r.type === 'u32' ? [0, 0xffffffff] : [-0x80000000, 0x7fffffff];
        if (v < min || v > max) throw new RangeError(`${value} does not fit ${r.name} (${r.type}, raw ${v})`);
        if (r.type === 'u32') scratch.setUint32(0, v);
        else scratch.setInt32(0, v);
      }
      const hi = scratch.getUint16(0);
      const lo = scratch.getUint16(2);
      return r.wordOrder === 'big' ? [hi, lo] : [lo, hi];
    }
  }
}
