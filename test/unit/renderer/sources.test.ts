// The sources feature's pure parts: replay read-outs, the speed list, the Modbus write check,
// and the slice following replay/mqttOut events and answering replay controls.
import { describe, expect, it } from 'vitest';
import { DeviceSettingsSchema } from '@shared/domain/device.js';
import type { ReplayStatus } from '@shared/domain/replay.js';
import { createTelemetryStore } from '../../../src-renderer/app/telemetryStore';
import { checkModbusWrite } from '../../../src-renderer/features/sources/modbusWrite';
import { replayFraction, replayOffset, speedLabel, speedOptions, speedValue } from '../../../src-renderer/features/sources/replayView';
import { FakeApi } from '../../helpers/fake-api';

const status = (over: Partial<ReplayStatus> = {}): ReplayStatus => ({
  description: 'replay of run.csv',
  state: 'playing',
  positionMs: 1500,
  startMs: 1000,
  endMs: 3000,
  frames: 200,
  framesSent: 50,
  speed: 1,
  asFastAsPossible: false,
  loop: false,
  loops: 0,
  badRowCount: 0,
  badRows: [],
  ...over,
});

describe('replay read-outs', () => {
  it('places the slider at the position within the span, clamped', () => {
    expect(replayFraction(status())).toBe(0.25);
    expect(replayFraction(status({ positionMs: 3000 }))).toBe(1);
    expect(replayFraction(status({ positionMs: 500 }))).toBe(0);
    expect(replayFraction(status({ startMs: 1000, endMs: 1000 }))).toBe(0);
  });

  it('writes offsets as m:ss.mmm and h:mm:ss.mmm', () => {
    expect(replayOffset(0)).toBe('0:00.000');
    expect(replayOffset(61_234.4)).toBe('1:01.234');
    expect(replayOffset(3_723_005)).toBe('1:02:03.005');
  });

  it('names the speed, and lists a non-preset speed among the presets', () => {
    expect(speedLabel(status({ speed: 10 }))).toBe('10×');
    expect(speedLabel(status({ asFastAsPossible: true }))).toBe('as fast as possible');
    expect(speedValue(status({ speed: 0.1 }))).toBe('0.1');
    expect(speedValue(status({ asFastAsPossible: true }))).toBe('max');
    expect(speedOptions(3)).toEqual([0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 50, 100]);
    expect(speedOptions(10)).toEqual([0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100]);
  });
});

describe('Modbus write check', () => {
  const device = DeviceSettingsSchema.parse({
    source: 'modbus',
    link: {
      kind: 'modbus',
      transport: { mode: 'tcp', host: '127.0.0.1' },
      registers: [
        { name: 'setpoint', area: 'holding', address: 300, scale: 0.5, unit: '°C' },
        { name: 'level', area: 'input', address: 5 },
        { name: 'valve', area: 'coil', address: 3 },
      ],
    },
  });

  it('asks before writing a holding register or coil, naming value, unit and address', () => {
    expect(checkModbusWrite(device, 'write setpoint 21.5', 'text')).toMatchObject({ kind: 'confirm', value: 21.5, question: 'Write 21.5 °C to setpoint (holding register 300) on the device?' });
    expect(checkModbusWrite(device, 'write valve 1', 'text')).toMatchObject({ kind: 'confirm', question: 'Write 1 to valve (coil 3) on the device?' });
  });

  it('names what is wrong with a write it will not send', () => {
    expect(checkModbusWrite(device, 'write level 3', 'text')).toEqual({ kind: 'invalid', reason: '"level" is an input register: read-only' });
    expect(checkModbusWrite(device, 'write nope 3', 'text')).toEqual({ kind: 'invalid', reason: 'no channel named "nope" in the register map' });
    expect(checkModbusWrite(device, 'write valve 2', 'text')).toEqual({ kind: 'invalid', reason: 'a coil is written 0 or 1' });
  });

  it('leaves other lines, hex and other sources alone', () => {
    expect(checkModbusWrite(device, 'status', 'text')).toEqual({ kind: 'plain' });
    expect(checkModbusWrite(device, 'write setpoint 1', 'hex')).toEqual({ kind: 'plain' });
    expect(checkModbusWrite(DeviceSettingsSchema.parse({}), 'write setpoint 1', 'text')).toEqual({ kind: 'plain' });
  });
});

describe('sources slice', () => {
  it('takes the replay and MQTT-out status from the snapshot, follows their events, and shows a control answer at once', async () => {
    const api = new FakeApi();
    api.replay = status();
    const store = createTelemetryStore(api);
    const off = store.getState().actions.connect();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().replay?.positionMs).toBe(1500);
    expect(store.getState().mqttOut).toBeNull();
    api.emit('replay', status({ positionMs: 2000 }));
    expect(store.getState().replay?.positionMs).toBe(2000);
    const r = await store.getState().actions.replayControl({ action: 'speed', speed: 10 });
    expect(r.ok).toBe(true);
    expect(store.getState().replay).toMatchObject({ speed: 10, asFastAsPossible: false });
    api.emit('mqttOut', { enabled: true, connected: false, target: 'mqtt://b:1883 th/s1', queued: 3, published: 10, dropped: 2, lastError: null });
    expect(store.getState().mqttOut?.dropped).toBe(2);
    api.emit('replay', null);
    expect(store.getState().replay).toBeNull();
    off();
  });
});
