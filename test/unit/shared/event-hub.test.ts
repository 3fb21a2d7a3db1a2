import { describe, expect, it, vi } from 'vitest';
import type { ViewCommand } from '@shared/ui/menu.js';
import { EventHub, isEventName } from '@shared/api/event-hub.js';

describe('EventHub', () => {
  it('delivers a payload to every listener of the event, in subscription order', () => {
    const hub = new EventHub();
    const got: string[] = [];
    hub.on('menu', (c) => got.push(`a:${c}`));
    hub.on('menu', (c) => got.push(`b:${c}`));
    hub.emit('menu', 'help-about');
    expect(got).toEqual(['a:help-about', 'b:help-about']);
  });

  it('does not deliver to listeners of other events', () => {
    const hub = new EventHub();
    const menu = vi.fn();
    const channels = vi.fn();
    hub.on('menu', menu);
    hub.on('channels', channels);
    hub.emit('channels', [{ index: 0, name: 'ch1', unit: '' }]);
    expect(menu).not.toHaveBeenCalled();
    expect(channels).toHaveBeenCalledWith([{ index: 0, name: 'ch1', unit: '' }]);
  });

  it('emitting an event without listeners is a no-op', () => {
    const hub = new EventHub();
    expect(() => hub.emit('menu', 'help-about')).not.toThrow();
  });

  it('a throwing listener is reported and does not stop the others', () => {
    const onErr = vi.fn();
    const hub = new EventHub(onErr);
    const after = vi.fn();
    const boom = new Error('boom');
    hub.on('menu', () => {
      throw boom;
    });
    hub.on('menu', after);
    hub.emit('menu', 'view-toggle-pause');
    expect(after).toHaveBeenCalledWith('view-toggle-pause');
    expect(onErr).toHaveBeenCalledTimes(1);
    expect(onErr).toHaveBeenCalledWith('menu', boom);
    hub.emit('menu', 'view-toggle-pause');
    expect(after).toHaveBeenCalledTimes(2);
    expect(onErr).toHaveBeenCalledTimes(2);
  });

  it('the default error handler swallows listener errors', () => {
    const hub = new EventHub();
    const after = vi.fn();
    hub.on('menu', () => {
      throw new Error('x');
    });
    hub.on('menu', after);
    expect(() => hub.emit('menu', 'help-about')).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe stops delivery to that listener only, and is idempotent', () => {
    const hub = new EventHub();
    const a = vi.fn();
    const b = vi.fn();
    const offA = hub.on('menu', a);
    hub.on('menu', b);
    expect(hub.listenerCount('menu')).toBe(2);
    offA();
    offA();
    expect(hub.listenerCount('menu')).toBe(1);
    hub.emit('menu', 'help-shortcuts');
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('a listener may unsubscribe itself while being called', () => {
    const hub = new EventHub();
    const got: ViewCommand[] = [];
    const off = hub.on('menu', (c) => {
      got.push(c);
      off();
    });
    const other = vi.fn();
    hub.on('menu', other);
    hub.emit('menu', 'help-about');
    hub.emit('menu', 'help-shortcuts');
    expect(got).toEqual(['help-about']);
    expect(other).toHaveBeenCalledTimes(2);
  });

  it('the same function subscribed twice is one listener', () => {
    const hub = new EventHub();
    const a = vi.fn();
    hub.on('menu', a);
    hub.on('menu', a);
    expect(hub.listenerCount('menu')).toBe(1);
    hub.emit('menu', 'help-about');
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('counts listeners per event', () => {
    const hub = new EventHub();
    expect(hub.listenerCount('samples')).toBe(0);
    hub.on('samples', () => {});
    hub.on('device', () => {});
    hub.on('device', () => {});
    expect(hub.listenerCount('samples')).toBe(1);
    expect(hub.listenerCount('device')).toBe(2);
    expect(hub.listenerCount('menu')).toBe(0);
  });
});

describe('isEventName', () => {
  it('accepts exactly the contract event names', () => {
    expect(isEventName('samples')).toBe(true);
    expect(isEventName('menu')).toBe(true);
    expect(isEventName('sample')).toBe(false);
    expect(isEventName(42)).toBe(false);
  });
});
