import { describe, expect, it, vi } from 'vitest';
import type { PortInfo } from '@shared/domain/link.js';
import { EventHub, isEventName } from '@shared/api/event-hub.js';

/** A small payload that names itself (the ports event carries a list of ports). */
const port = (path: string): PortInfo[] => [{ path }];

describe('EventHub', () => {
  it('delivers a payload to every listener of the event, in subscription order', () => {
    const hub = new EventHub();
    const got: string[] = [];
    hub.on('ports', (c) => got.push(`a:${c[0]?.path}`));
    hub.on('ports', (c) => got.push(`b:${c[0]?.path}`));
    hub.emit('ports', port('help-about'));
    expect(got).toEqual(['a:help-about', 'b:help-about']);
  });

  it('does not deliver to listeners of other events', () => {
    const hub = new EventHub();
    const ports = vi.fn();
    const channels = vi.fn();
    hub.on('ports', ports);
    hub.on('channels', channels);
    hub.emit('channels', [{ index: 0, name: 'ch1', unit: '' }]);
    expect(ports).not.toHaveBeenCalled();
    expect(channels).toHaveBeenCalledWith([{ index: 0, name: 'ch1', unit: '' }]);
  });

  it('emitting an event without listeners is a no-op', () => {
    const hub = new EventHub();
    expect(() => hub.emit('ports', port('help-about'))).not.toThrow();
  });

  it('a throwing listener is reported and does not stop the others', () => {
    const onErr = vi.fn();
    const hub = new EventHub(onErr);
    const after = vi.fn();
    const boom = new Error('boom');
    hub.on('ports', () => {
      throw boom;
    });
    hub.on('ports', after);
    hub.emit('ports', port('view-toggle-pause'));
    expect(after).toHaveBeenCalledWith(port('view-toggle-pause'));
    expect(onErr).toHaveBeenCalledTimes(1);
    expect(onErr).toHaveBeenCalledWith('ports', boom);
    hub.emit('ports', port('view-toggle-pause'));
    expect(after).toHaveBeenCalledTimes(2);
    expect(onErr).toHaveBeenCalledTimes(2);
  });

  it('the default error handler swallows listener errors', () => {
    const hub = new EventHub();
    const after = vi.fn();
    hub.on('ports', () => {
      throw new Error('x');
    });
    hub.on('ports', after);
    expect(() => hub.emit('ports', port('help-about'))).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it('unsubscribe stops delivery to that listener only, and is idempotent', () => {
    const hub = new EventHub();
    const a = vi.fn();
    const b = vi.fn();
    const offA = hub.on('ports', a);
    hub.on('ports', b);
    expect(hub.listenerCount('ports')).toBe(2);
    offA();
    offA();
    expect(hub.listenerCount('ports')).toBe(1);
    hub.emit('ports', port('help-shortcuts'));
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('a listener may unsubscribe itself while being called', () => {
    const hub = new EventHub();
    const got: string[] = [];
    const off = hub.on('ports', (c) => {
      got.push(c[0]!.path);
      off();
    });
    const other = vi.fn();
    hub.on('ports', other);
    hub.emit('ports', port('help-about'));
    hub.emit('ports', port('help-shortcuts'));
    expect(got).toEqual(['help-about']);
    expect(other).toHaveBeenCalledTimes(2);
  });

  it('the same function subscribed twice is one listener', () => {
    const hub = new EventHub();
    const a = vi.fn();
    hub.on('ports', a);
    hub.on('ports', a);
    expect(hub.listenerCount('ports')).toBe(1);
    hub.emit('ports', port('help-about'));
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
    expect(hub.listenerCount('ports')).toBe(0);
  });
});

describe('isEventName', () => {
  it('accepts exactly the contract event names', () => {
    expect(isEventName('samples')).toBe(true);
    expect(isEventName('ports')).toBe(true);
    // The native menu has its own shell channel: it is not an event of the contract.
    expect(isEventName('menu')).toBe(false);
    expect(isEventName('sample')).toBe(false);
    expect(isEventName(42)).toBe(false);
  });
});
