import { DEFAULT_FRAME_FORMAT } from '@shared/domain/frame-layout.js';
import { describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, REQUEST_SCHEMAS, dispatchRequest, isRequestName, type TelemetryApi } from '@shared/api/contract.js';
import { defaultConfig } from '@shared/config/app-config.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { ok, type ApiResult } from '@shared/domain/result.js';
import { noParserScriptApi, noRecordingApi, noReplayApi, noResilienceApi, noWorkbenchApi } from '../../helpers/fake-api.js';

const STATUS: DeviceStatus = { source: 'simulated', link: 'connected', state: 'idle', reason: 'Connected', since: 1, throttled: false };

function fakeApi(overrides: Partial<TelemetryApi> = {}): TelemetryApi & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  return {
    calls,
    getSnapshot: vi.fn(async () => {
      calls.push(['getSnapshot', undefined]);
      return ok({}) as never;
    }),
    updateConfig: vi.fn(async (patch) => {
      calls.push(['updateConfig', patch]);
      return ok(defaultConfig());
    }),
    configureDevice: vi.fn(async (settings) => {
      calls.push(['configureDevice', settings]);
      return ok(STATUS);
    }),
    deviceCommand: vi.fn(async (command) => {
      calls.push(['deviceCommand', command]);
      return ok(STATUS);
    }),
    alarmAction: vi.fn(async (action) => {
      calls.push(['alarmAction', action]);
      return ok([]);
    }),
    ...noRecordingApi(),
    ...noResilienceApi(),
    ...noReplayApi(),
    ...noParserScriptApi(),
    ...noWorkbenchApi(),
    listPorts: vi.fn(async () => {
      calls.push(['listPorts', undefined]);
      return ok([]);
    }),
    sendToDevice: vi.fn(async (req) => {
      calls.push(['sendToDevice', req]);
      return ok({ bytes: 0 });
    }),
    on: vi.fn(() => () => {}),
    ...overrides,
  };
}

function expectError(r: ApiResult<unknown>, code: string): NonNullable<Extract<ApiResult<unknown>, { ok: false }>['error']> {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  expect(r.error.code).toBe(code);
  return r.error;
}

describe('alarmAction request', () => {
  it('validates the action and names the bad field', async () => {
    const api = fakeApi();
    const bad = await dispatchRequest(api, 'alarmAction', { action: 'shelve', durationSec: 0 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['durationSec', 'id']);
    expect(await dispatchRequest(api, 'alarmAction', { action: 'ack', id: 'ch1:level', durationSec: 5 })).toMatchObject({ ok: false, error: { issues: [{ path: 'durationSec' }] } });
    expect(await dispatchRequest(api, 'alarmAction', { action: 'ack-all' })).toEqual({ ok: true, value: [] });
    expect(api.calls).toEqual([['alarmAction', { action: 'ack-all' }]]);
  });
});

describe('request names', () => {
  it('lists exactly the foundation, alarm, recording, link, resilience, replay, workbench and parser-script requests', () => {
    const foundation = ['configureDevice', 'deviceCommand', 'getSnapshot', 'updateConfig'];
    const recording = ['addAnnotation', 'cancelExport', 'deleteSession', 'getRecordingStatus', 'historyQuery', 'listSessions', 'renameSession', 'resumeRecording', 'startExport'];
    const links = ['listPorts', 'sendToDevice'];
    const resilience = ['breakerAction', 'injectFault', 'stopFault'];
    const replay = ['previewCsv', 'replayControl'];
    const workbench = ['loadWorkbench', 'saveWorkbench'];
    const scripts = ['tryParserScript'];
    expect([...REQUEST_NAMES].sort()).toEqual([...foundation, 'alarmAction', ...recording, ...links, ...resilience, ...replay, ...workbench, ...scripts].sort());
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...REQUEST_NAMES].sort());
  });

  it.each([['getSnapshot', true], ['deviceCommand', true], ['on', false], ['toString', false], ['constructor', false], ['__proto__', false], ['', false], [42, false], [null, false], [undefined, false]])(
    'isRequestName(%s) is %s',
    (name, want) => {
      expect(isRequestName(name)).toBe(want);
    },
  );
});

describe('dispatchRequest', () => {
  it.each([['nope'], ['on'], ['toString'], ['__proto__'], [7], [null], [undefined], [{ name: 'getSnapshot' }]])('unknown name %s → not-found', async (name) => {
    const api = fakeApi();
    const r = await dispatchRequest(api, name, undefined);
    const err = expectError(r, 'not-found');
    expect(err.message).toBe(`unknown request ${JSON.stringify(name)}`);
    expect(api.calls).toEqual([]);
  });

  it('calls the implementation with the validated payload and returns its result', async () => {
    const api = fakeApi();
    expect(await dispatchRequest(api, 'deviceCommand', 'start')).toEqual(ok(STATUS));
    expect(await dispatchRequest(api, 'getSnapshot', undefined)).toEqual(ok({}));
    expect(await dispatchRequest(api, 'updateConfig', { chart: { windowSec: 60 } })).toEqual(ok(defaultConfig()));
    expect(api.calls).toEqual([
      ['deviceCommand', 'start'],
      ['getSnapshot', undefined],
      ['updateConfig', { chart: { windowSec: 60 } }],
    ]);
  });

  it('configureDevice receives the parsed settings with defaults filled in', async () => {
    const api = fakeApi();
    await dispatchRequest(api, 'configureDevice', { channels: 3, extra: 'dropped' });
    expect(api.calls).toEqual([['configureDevice', { source: 'simulated', link: { kind: 'simulated' }, channels: 3, rateHz: 1000, signals: [], autoStart: true, format: DEFAULT_FRAME_FORMAT }]]);
  });

  it('a bad payload is a validation error naming the field, and the implementation is not called', async () => {
    const api = fakeApi();
    const e1 = expectError(await dispatchRequest(api, 'configureDevice', { rateHz: 0, channels: 99 }), 'validation');
    expect(e1.issues?.map((i) => i.path).sort()).toEqual(['channels', 'rateHz']);
    expect(e1.message).toContain('rateHz: ');
    expect(e1.message).toContain('channels: ');
    const e2 = expectError(await dispatchRequest(api, 'deviceCommand', 'explode'), 'validation');
    expect(e2.issues).toHaveLength(1);
    expect(e2.issues?.[0]?.path).toBe('');
    const e3 = expectError(await dispatchRequest(api, 'updateConfig', { device: {}, bogus: {} }), 'validation');
    expect(e3.message).toContain('bogus');
    const e4 = expectError(await dispatchRequest(api, 'updateConfig', { device: 3 }), 'validation');
    expect(e4.issues?.[0]?.path).toBe('device');
    expectError(await dispatchRequest(api, 'getSnapshot', { unexpected: true }), 'validation');
    const e5 = expectError(await dispatchRequest(api, 'configureDevice', { signals: [{ shape: 'sine', periodSec: -1 }] }), 'validation');
    expect(e5.issues?.map((i) => i.path)).toEqual(['signals.0.periodSec']);
    expect(api.calls).toEqual([]);
  });

  it('a rejecting implementation becomes an internal error (never throws)', async () => {
    const api = fakeApi({
      deviceCommand: async () => {
        throw new Error('link exploded');
      },
    });
    const r = await dispatchRequest(api, 'deviceCommand', 'start');
    const err = expectError(r, 'internal');
    expect(err.message).toBe('deviceCommand failed: link exploded');
  });

  it('a synchronously throwing implementation becomes an internal error', async () => {
    const api = fakeApi({
      getSnapshot: () => {
        throw new TypeError('sync boom');
      },
    });
    const err = expectError(await dispatchRequest(api, 'getSnapshot', undefined), 'internal');
    expect(err.message).toBe('getSnapshot failed: sync boom');
  });

  it('a non-Error rejection is stringified', async () => {
    const api = fakeApi({ updateConfig: () => Promise.reject('disk full') });
    const err = expectError(await dispatchRequest(api, 'updateConfig', {}), 'internal');
    expect(err.message).toBe('updateConfig failed: disk full');
  });

  it('an implementation error result is passed through unchanged', async () => {
    const failure = { ok: false as const, error: { code: 'invalid-state' as const, message: 'Cannot start' } };
    const api = fakeApi({ deviceCommand: async () => failure });
    expect(await dispatchRequest(api, 'deviceCommand', 'start')).toEqual(failure);
  });
});

describe('sendToDevice dispatch', () => {
  it('fills encoding and line ending defaults', async () => {
    const api = fakeApi();
    await dispatchRequest(api, 'sendToDevice', { data: 'PING' });
    expect(api.calls).toEqual([['sendToDevice', { data: 'PING', encoding: 'text', lineEnding: 'none' }]]);
  });

  it('rejects bad hex, naming the data field, and never calls the engine', async () => {
    const api = fakeApi();
    const e = expectError(await dispatchRequest(api, 'sendToDevice', { data: '0g 12', encoding: 'hex' }), 'validation');
    expect(e.issues?.map((i) => i.path)).toEqual(['data']);
    const odd = expectError(await dispatchRequest(api, 'sendToDevice', { data: 'abc', encoding: 'hex' }), 'validation');
    expect(odd.message).toContain('data');
    const le = expectError(await dispatchRequest(api, 'sendToDevice', { data: 'x', lineEnding: 'lfcr' }), 'validation');
    expect(le.issues?.map((i) => i.path)).toEqual(['lineEnding']);
    expect(api.calls).toEqual([]);
  });
});

describe('resilience requests', () => {
  it('rejects out-of-range fault parameters whole, naming the field, before the engine sees them', async () => {
    const api = fakeApi();
    const bad = expectError(await dispatchRequest(api, 'injectFault', { kind: 'corrupt', percent: 101 }), 'validation');
    expect(bad.issues?.map((i) => i.path)).toEqual(['percent']);
    const unknown = expectError(await dispatchRequest(api, 'injectFault', { kind: 'meltdown' }), 'validation');
    expect(unknown.issues?.[0]?.path).toBe('kind');
    const extra = expectError(await dispatchRequest(api, 'injectFault', { kind: 'stall', percent: 5 }), 'validation');
    expect(extra.message).toMatch(/percent/);
    const action = expectError(await dispatchRequest(api, 'breakerAction', { action: 'open' }), 'validation');
    expect(action.issues?.[0]?.path).toBe('action');
    expectError(await dispatchRequest(api, 'stopFault', {}), 'validation');
    expect(api.calls).toEqual([]);
  });
});
