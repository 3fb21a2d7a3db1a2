import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '@shared/api/events.js';
import { WsRequestSchema } from '@shared/api/wire.js';
import { ChannelSignalSchema, SIGNAL_SHAPES, channelInfos, defaultSignal, signalFor } from '@shared/domain/device.js';

describe('device domain helpers', () => {
  it('defaultSignal cycles through every shape with index-dependent parameters', () => {
    expect(SIGNAL_SHAPES).toEqual(['sine', 'ramp', 'square', 'noise', 'random-walk']);
    expect(defaultSignal(0)).toEqual({ shape: 'sine', amplitude: 1, offset: 0, periodSec: 1 });
    expect(defaultSignal(3)).toEqual({ shape: 'noise', amplitude: 2.5, offset: 9, periodSec: 4 });
    expect(defaultSignal(5)).toEqual({ shape: 'sine', amplitude: 3.5, offset: 15, periodSec: 2 });
    for (let i = 0; i < 32; i++) expect(ChannelSignalSchema.safeParse(defaultSignal(i)).success).toBe(true);
  });

  it('signalFor prefers the configured signal, else the default by index', () => {
    const s = { shape: 'square' as const, amplitude: 5, offset: 1, periodSec: 0.2 };
    expect(signalFor({ signals: [s] }, 0)).toBe(s);
    expect(signalFor({ signals: [s] }, 1)).toEqual(defaultSignal(1));
  });

  it('channelInfos names channels ch1…chN', () => {
    expect(channelInfos({ channels: 3 })).toEqual([
      { index: 0, name: 'ch1', unit: '' },
      { index: 1, name: 'ch2', unit: '' },
      { index: 2, name: 'ch3', unit: '' },
    ]);
    expect(channelInfos({ channels: 32 })).toHaveLength(32);
  });

  it('event names are unique', () => {
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('WsRequestSchema accepts a request and rejects malformed ones', () => {
    expect(WsRequestSchema.safeParse({ type: 'req', id: 1, method: 'getSnapshot' }).success).toBe(true);
    expect(WsRequestSchema.safeParse({ type: 'req', id: -1, method: 'x' }).success).toBe(false);
    expect(WsRequestSchema.safeParse({ type: 'req', id: 1.5, method: 'x' }).success).toBe(false);
    expect(WsRequestSchema.safeParse({ type: 'req', id: 1, method: '' }).success).toBe(false);
    expect(WsRequestSchema.safeParse({ type: 'req', id: 1, method: 'x'.repeat(65) }).success).toBe(false);
    expect(WsRequestSchema.safeParse({ type: 'evt', id: 1, method: 'x' }).success).toBe(false);
  });
});
