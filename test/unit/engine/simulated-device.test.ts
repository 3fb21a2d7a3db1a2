import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelSignal, DeviceSettings } from '@shared/domain/device.js';
import { FaultRequestSchema } from '@shared/domain/faults.js';
import { DeviceFaultModel, type DeviceFault } from '../../../src-main/engine/faults/device-faults.js';
import { SimulatedDevice, type SimulatedDeviceOptions } from '../../../src-main/engine/link/simulated-device.js';

type Settings = Pick<DeviceSettings, 'channels' | 'rateHz' | 'signals'>;

const dec = new TextDecoder();
const FRAME = /^(0|[1-9]\d*)(,-?\d+\.\d{4})+$/;

interface Capture {
  chunks: string[];
  lines(): string[];
  frames(): { seq: number; values: number[]; text: string }[];
}

function capture(dev: SimulatedDevice): Capture {
  const chunks: string[] = [];
  // the device reuses its buffer: copy (decode) each chunk as it arrives
  dev.onData((chunk) => chunks.push(dec.decode(chunk)));
  const lines = (): string[] => {
    const all = chunks.join('');
    expect(all === '' || all.endsWith('\n')).toBe(true); // only whole frames
    return all.split('\n').slice(0, -1);
  };
  return {
    chunks,
    lines,
    frames: () =>
      lines().map((text) => {
        const [seq, ...values] = text.split(',').map(Number);
        return { seq: seq as number, values, text };
      }),
  };
}

async function started(settings: Settings, options?: SimulatedDeviceOptions): Promise<{ dev: SimulatedDevice; cap: Capture }> {
  const dev = new SimulatedDevice(settings, options);
  const cap = capture(dev);
  await dev.open();
  dev.setMeasuring(true);
  return { dev, cap };
}

const sine: ChannelSignal = { shape: 'sine', amplitude: 2, offset: 1, periodSec: 0.5 };

describe('SimulatedDevice (paced)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('reports its kind and channel count', () => {
    const dev = new SimulatedDevice({ channels: 5, rateHz: 100, signals: [] });
    expect(dev.kind).toBe('simulated');
    expect(dev.channels).toBe(5);
    expect(dev.isThrottled).toBe(false);
  });

  it('emits well-formed frames with consecutive seq from 0 and N channels', async () => {
    const { dev, cap } = await started({ channels: 3, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(100);
    const frames = cap.frames();
    expect(frames.length).toBe(100);
    frames.forEach((f, i) => {
      expect(f.text).toMatch(FRAME);
      expect(f.seq).toBe(i);
      expect(f.values).toHaveLength(3);
      for (const v of f.values) expect(Number.isFinite(v)).toBe(true);
    });
    expect(dev.framesProduced).toBe(100);
    await dev.close();
  });

  it('writes each channel value as its signal at seq / rateHz with 4 decimals', async () => {
    const ramp: ChannelSignal = { shape: 'ramp', amplitude: 3, offset: -2, periodSec: 0.1 };
    const { cap } = await started({ channels: 2, rateHz: 200, signals: [sine, ramp] });
    vi.advanceTimersByTime(250);
    const frames = cap.frames();
    expect(frames.length).toBe(50);
    for (const f of frames) {
      const t = f.seq / 200;
      const want0 = 1 + 2 * Math.sin((2 * Math.PI * t) / 0.5);
      const want1 = -2 + 3 * (2 * ((t / 0.1) % 1) - 1);
      const fix = (v: number): string => v.toFixed(4).replace(/^-(0\.0+)$/, '$1');
      expect(f.text).toBe(`${f.seq},${fix(want0)},${fix(want1)}`);
    }
  });

  it('is paced by rateHz: exactly rateHz × elapsed for rates that divide the tick', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(1000);
    expect(cap.lines().length).toBe(1000);
    vi.advanceTimersByTime(500);
    expect(dev.framesProduced).toBe(1500);
  });

  it.each([1, 7, 333, 2500, 100_000])('is paced by rateHz = %d within one frame', async (rateHz) => {
    const { dev } = await started({ channels: 1, rateHz, signals: [] });
    vi.advanceTimersByTime(2000);
    expect(Math.abs(dev.framesProduced - 2 * rateHz)).toBeLessThanOrEqual(1);
  });

  it('emits nothing before it is opened and measuring', async () => {
    const dev = new SimulatedDevice({ channels: 1, rateHz: 1000, signals: [] });
    const cap = capture(dev);
    dev.setMeasuring(true); // not opened
    vi.advanceTimersByTime(100);
    expect(cap.chunks).toHaveLength(0);
    dev.setMeasuring(false);
    await dev.open(); // opened, not measuring
    vi.advanceTimersByTime(100);
    expect(cap.chunks).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    dev.setMeasuring(true);
    vi.advanceTimersByTime(100);
    expect(cap.lines().length).toBe(100);
  });

  it('stops when measuring stops, and resumes without a burst', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(100);
    dev.setMeasuring(false);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(cap.lines().length).toBe(100);
    dev.setMeasuring(true);
    vi.advanceTimersByTime(100);
    const frames = cap.frames();
    expect(frames.length).toBe(200);
    // the sequence continues
    expect(frames.map((f) => f.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('stops when closed', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(50);
    await dev.close();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(500);
    expect(cap.lines().length).toBe(50);
  });

  it('throttled, it runs at a quarter of the rate; released, at full rate again', async () => {
    const { dev } = await started({ channels: 1, rateHz: 1000, signals: [] });
    dev.setThrottled(true);
    expect(dev.isThrottled).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(dev.framesProduced).toBe(250);
    dev.setThrottled(false);
    expect(dev.isThrottled).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(dev.framesProduced).toBe(1250);
  });

  it('resetSequence restarts the sequence at 0', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(20);
    dev.resetSequence();
    vi.advanceTimersByTime(10);
    expect(cap.frames().map((f) => f.seq)).toEqual([...Array.from({ length: 20 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => i)]);
  });

  it('configure applies a new channel count and rate live; the sequence continues', async () => {
    const { dev, cap } = await started({ channels: 2, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(10);
    dev.configure({ channels: 4, rateHz: 200, signals: [] });
    expect(dev.channels).toBe(4);
    vi.advanceTimersByTime(100);
    const frames = cap.frames();
    expect(frames.slice(0, 10).every((f) => f.values.length === 2)).toBe(true);
    expect(frames.slice(10).every((f) => f.values.length === 4)).toBe(true);
    expect(frames.length).toBe(10 + 20);
    expect(frames.map((f) => f.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('a stalled event loop yields at most one second of frames', async () => {
    const { dev } = await started({ channels: 1, rateHz: 500, signals: [] });
    vi.advanceTimersByTime(10);
    expect(dev.framesProduced).toBe(5);
    const base = performance.now();
    vi.spyOn(performance, 'now').mockReturnValue(base + 60_000);
    vi.advanceTimersByTime(5);
    expect(dev.framesProduced).toBe(5 + 500);
  });

  it('delivers every chunk to every data listener', async () => {
    const dev = new SimulatedDevice({ channels: 1, rateHz: 1000, signals: [] });
    const a = capture(dev);
    const b = capture(dev);
    await dev.open();
    dev.setMeasuring(true);
    vi.advanceTimersByTime(30);
    expect(a.chunks.length).toBeGreaterThan(0);
    expect(a.chunks).toEqual(b.chunks);
  });

  it('noise and random-walk channels use the injected random source', async () => {
    const { cap } = await started(
      {
        channels: 2,
        rateHz: 100,
        signals: [
          { shape: 'noise', amplitude: 1, offset: 5, periodSec: 1 },
          { shape: 'random-walk', amplitude: 1, offset: 0, periodSec: 1 },
        ],
      },
      { random: () => 0.5 },
    );
    vi.advanceTimersByTime(100);
    const frames = cap.frames();
    expect(frames.length).toBe(10);
    for (const f of frames) expect(f.values).toEqual([5, 0]);
  });
});

describe('SimulatedDevice (flood)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs `n` scheduled immediates (one chunk each while flooding). */
  function step(n: number): void {
    for (let i = 0; i < n; i++) vi.advanceTimersToNextTimer();
  }

  it('emits chunkFrames frames per turn regardless of the rate', async () => {
    const { dev, cap } = await started({ channels: 2, rateHz: 1, signals: [] }, { flood: { chunkFrames: 50 } });
    step(4);
    expect(cap.chunks).toHaveLength(4);
    expect(dev.framesProduced).toBe(200);
    expect(cap.frames().map((f) => f.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    for (const f of cap.frames()) expect(f.text).toMatch(FRAME);
  });

  it('stops while throttled and resumes when released', async () => {
    const { dev } = await started({ channels: 1, rateHz: 1, signals: [] }, { flood: { chunkFrames: 10 } });
    step(3);
    expect(dev.framesProduced).toBe(30);
    dev.setThrottled(true);
    step(1); // the already scheduled turn sees the throttle and stops
    step(10);
    expect(dev.framesProduced).toBe(30);
    expect(vi.getTimerCount()).toBe(0);
    dev.setThrottled(false);
    step(2);
    expect(dev.framesProduced).toBe(50);
  });

  it('stops when measuring stops or the link closes', async () => {
    const { dev } = await started({ channels: 1, rateHz: 1, signals: [] }, { flood: { chunkFrames: 10 } });
    step(2);
    dev.setMeasuring(false);
    step(5);
    expect(dev.framesProduced).toBe(20);
    expect(vi.getTimerCount()).toBe(0);
    dev.setMeasuring(true);
    step(1);
    expect(dev.framesProduced).toBe(30);
    await dev.close();
    step(5);
    expect(dev.framesProduced).toBe(30);
    // releasing a throttle while closed does not restart it
    dev.setThrottled(true);
    dev.setThrottled(false);
    step(5);
    expect(dev.framesProduced).toBe(30);
  });

  it('never schedules more than one turn at a time', async () => {
    const { dev } = await started({ channels: 1, rateHz: 1, signals: [] }, { flood: { chunkFrames: 10 } });
    dev.setMeasuring(true);
    dev.setThrottled(true);
    dev.setThrottled(false);
    await dev.open();
    expect(vi.getTimerCount()).toBe(1);
    step(1);
    expect(dev.framesProduced).toBe(10);
  });
});

describe('SimulatedDevice faults, reboot and commands', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const stuck0 = (startedAt: number): { id: string; fault: DeviceFault; startedAt: number } => ({
    id: 's',
    fault: FaultRequestSchema.parse({ kind: 'stuck', channel: 0 }) as DeviceFault,
    startedAt,
  });

  it('applies an active fault model to the values it writes', async () => {
    const { dev, cap } = await started({ channels: 2, rateHz: 1000, signals: [sine, sine] });
    const model = new DeviceFaultModel();
    model.setFaults([stuck0(Date.now())]);
    dev.setFaultModel(model);
    vi.advanceTimersByTime(50);
    const frames = cap.frames();
    expect(frames.length).toBe(50);
    expect(new Set(frames.map((f) => f.values[0])).size).toBe(1);
    expect(new Set(frames.map((f) => f.values[1])).size).toBeGreaterThan(10);
    for (const f of frames) expect(f.text).toMatch(FRAME);
    expect(model.affected('s')).toBe(50);
  });

  it('with an inactive or removed model it writes exactly what it wrote before', async () => {
    const plain = await started({ channels: 2, rateHz: 500, signals: [sine, sine] });
    const faulty = await started({ channels: 2, rateHz: 500, signals: [sine, sine] });
    faulty.dev.setFaultModel(new DeviceFaultModel());
    vi.advanceTimersByTime(40);
    faulty.dev.setFaultModel(undefined);
    vi.advanceTimersByTime(40);
    expect(faulty.cap.chunks.join('')).toBe(plain.cap.chunks.join(''));
  });

  it('out-of-range values far beyond the usual range are still written as well-formed frames', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    const model = new DeviceFaultModel();
    model.setFaults([{ id: 'o', fault: FaultRequestSchema.parse({ kind: 'out-of-range', channel: 0, value: -1e12 }) as DeviceFault, startedAt: Date.now() }]);
    dev.setFaultModel(model);
    vi.advanceTimersByTime(20);
    const frames = cap.frames();
    expect(frames.length).toBe(20);
    for (const f of frames) {
      expect(f.text).toMatch(FRAME);
      expect(f.values).toEqual([-1e12]);
    }
  });

  it('reboot: silent for silentMs, then the sequence restarts at 0', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(30);
    dev.reboot(200);
    expect(dev.isRebooting).toBe(true);
    vi.advanceTimersByTime(200);
    expect(cap.lines().length).toBe(30);
    expect(dev.isRebooting).toBe(false);
    vi.advanceTimersByTime(20);
    const seqs = cap.frames().map((f) => f.seq);
    // No burst for the silent time either.
    expect(seqs).toEqual([...Array.from({ length: 30 }, (_, i) => i), ...Array.from({ length: 20 }, (_, i) => i)]);
  });

  it('reboot(0) restarts the sequence at once; a reboot while rebooting restarts the silence', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(10);
    dev.reboot(0);
    expect(dev.isRebooting).toBe(false);
    vi.advanceTimersByTime(10);
    expect(cap.frames().map((f) => f.seq).slice(10)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    dev.reboot(100);
    vi.advanceTimersByTime(60);
    dev.reboot(100);
    vi.advanceTimersByTime(60);
    expect(dev.isRebooting).toBe(true);
    expect(cap.lines().length).toBe(20);
    vi.advanceTimersByTime(45);
    expect(dev.isRebooting).toBe(false);
  });

  it('reboot in flood mode stops the flood and resumes it at sequence 0', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1, signals: [] }, { flood: { chunkFrames: 10 } });
    vi.advanceTimersToNextTimer();
    vi.advanceTimersToNextTimer();
    expect(dev.framesProduced).toBe(20);
    dev.reboot(50);
    vi.advanceTimersByTime(49);
    expect(dev.framesProduced).toBe(20);
    vi.advanceTimersByTime(1);
    vi.advanceTimersToNextTimer();
    expect(cap.frames().map((f) => f.seq).slice(20)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    await dev.close();
  });

  it('closing while rebooting finishes the reboot and leaves no timer', async () => {
    const { dev, cap } = await started({ channels: 1, rateHz: 1000, signals: [] });
    vi.advanceTimersByTime(10);
    dev.reboot(5000);
    await dev.close();
    expect(dev.isRebooting).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    await dev.open();
    vi.advanceTimersByTime(5);
    expect(cap.frames().map((f) => f.seq).slice(10)).toEqual([0, 1, 2, 3, 4]);
  });

  it('command answers OK after a short delay', async () => {
    const { dev } = await started({ channels: 1, rateHz: 10, signals: [] });
    let reply: string | undefined;
    void dev.command('SET RATE 10').then((r) => (reply = r));
    await vi.advanceTimersByTimeAsync(1);
    expect(reply).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(reply).toBe('OK');
  });

  it('command rejects while the device is not open, or when it closes before answering', async () => {
    const dev = new SimulatedDevice({ channels: 1, rateHz: 10, signals: [] });
    await expect(dev.command('START')).rejects.toThrow(/START.*not connected/);
    await dev.open();
    const pending = dev.command('STOP');
    const check = expect(pending).rejects.toThrow(/disconnected before it answered the command "STOP"/);
    await dev.close();
    await vi.advanceTimersByTimeAsync(5);
    await check;
  });

  it('command rejects while rebooting', async () => {
    const { dev } = await started({ channels: 1, rateHz: 10, signals: [] });
    dev.reboot(1000);
    const check = expect(dev.command('PING')).rejects.toThrow(/"PING".*rebooting/);
    await vi.advanceTimersByTimeAsync(5);
    await check;
  });

  it('with an error-replies fault the command rejects with the device error naming the command', async () => {
    const { dev } = await started({ channels: 1, rateHz: 10, signals: [] });
    const model = new DeviceFaultModel();
    model.setFaults([{ id: 'e', fault: FaultRequestSchema.parse({ kind: 'error-replies', percent: 100 }) as DeviceFault, startedAt: Date.now() }]);
    dev.setFaultModel(model);
    const check = expect(dev.command('CAL 3')).rejects.toThrow(/replied with an error.*"CAL 3"/);
    await vi.advanceTimersByTimeAsync(5);
    await check;
    expect(model.affected('e')).toBe(1);
    dev.setFaultModel(undefined);
    const ok = dev.command('CAL 3');
    await vi.advanceTimersByTimeAsync(5);
    await expect(ok).resolves.toBe('OK');
  });
});
