import { describe, expect, it } from 'vitest';
import {
  AppConfigSchema,
  CONFIG_VERSION,
  ConfigPatchSchema,
  defaultConfig,
  mergeConfig,
  migrateConfig,
  type AppConfig,
} from '@shared/config/app-config.js';
import { DEFAULT_FRAME_FORMAT } from '@shared/domain/frame-layout.js';
import { issuesFromZod } from '@shared/domain/result.js';

const DEFAULTS: AppConfig = {
  version: 1,
  device: { source: 'simulated', link: { kind: 'simulated' }, channels: 8, rateHz: 1000, signals: [], autoStart: true, format: DEFAULT_FRAME_FORMAT },
  pipeline: { queueCapacity: 1000, overflowPolicy: 'drop-oldest', workers: 0, publishHz: 60 },
  chart: { windowSec: 30, autoScale: true, channels: [] },
  alarms: { rules: [], notifications: { os: true, sound: false } },
  recording: { enabled: true, folder: '', flushMs: 250, retentionDays: 0, retentionMaxMb: 0 },
  resilience: {
    breaker: {
      enabled: true,
      trip: { kind: 'consecutive', failures: 3 },
      watchdogMs: 2000,
      windowMs: 1000,
      badFrameBurst: 20,
      commandTimeoutMs: 1000,
      halfOpenInitialMs: 1000,
      halfOpenMaxMs: 30_000,
      probeTimeoutMs: 3000,
      probeFrames: 20,
    },
  },
  mqttOut: {
    enabled: false,
    connection: { url: 'mqtt://localhost:1883', clientId: '', keepaliveSec: 30 },
    root: 'telemetryhub',
    station: 'station-1',
    intervalMs: 100,
    groupSize: 8,
    payload: 'json',
    qos: 1,
    retainState: true,
    bufferMessages: 10_000,
  },
};

/** The dotted paths of every issue when `input` is parsed. */
function issuePaths(input: unknown): string[] {
  const r = AppConfigSchema.safeParse(input);
  if (r.success) return [];
  return issuesFromZod(r.error).map((i) => i.path);
}

describe('AppConfigSchema', () => {
  it('fills every default from an empty object', () => {
    expect(CONFIG_VERSION).toBe(1);
    expect(AppConfigSchema.parse({})).toEqual(DEFAULTS);
    expect(defaultConfig()).toEqual(DEFAULTS);
  });

  it('defaultConfig returns a fresh object each time', () => {
    const a = defaultConfig();
    a.device.signals.push({ shape: 'sine', amplitude: 1, offset: 0, periodSec: 1 });
    a.chart.channels.push({ visible: false });
    expect(defaultConfig()).toEqual(DEFAULTS);
  });

  it('fills defaults inside partial sections', () => {
    const c = AppConfigSchema.parse({ device: { channels: 2 }, chart: { channels: [{}] } });
    expect(c.device).toEqual({ ...DEFAULTS.device, channels: 2 });
    expect(c.chart.channels).toEqual([{ visible: true }]);
    const s = AppConfigSchema.parse({ device: { signals: [{ shape: 'ramp' }] } });
    expect(s.device.signals).toEqual([{ shape: 'ramp', amplitude: 1, offset: 0, periodSec: 2 }]);
  });

  it('accepts the boundary values', () => {
    const c = {
      device: { channels: 32, rateHz: 100_000 },
      pipeline: { queueCapacity: 100_000, workers: 64, publishHz: 1, overflowPolicy: 'reject' },
      chart: { windowSec: 600, channels: Array.from({ length: 32 }, () => ({ color: '#A0b1C2' })) },
    };
    expect(AppConfigSchema.safeParse(c).success).toBe(true);
    expect(AppConfigSchema.safeParse({ device: { channels: 1, rateHz: 1 }, pipeline: { queueCapacity: 1 }, chart: { windowSec: 10 } }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['device.rateHz', { device: { rateHz: 0 } }],
    ['device.rateHz', { device: { rateHz: 100_001 } }],
    ['device.rateHz', { device: { rateHz: '1000' } }],
    ['device.rateHz', { device: { rateHz: Number.POSITIVE_INFINITY } }],
    ['device.rateHz', { device: { rateHz: Number.NaN } }],
    ['device.channels', { device: { channels: 0 } }],
    ['device.channels', { device: { channels: 33 } }],
    ['device.channels', { device: { channels: 1.5 } }],
    ['device.source', { device: { source: 'serial' } }],
    ['device.autoStart', { device: { autoStart: 'yes' } }],
    ['device.signals.0.shape', { device: { signals: [{ shape: 'triangle' }] } }],
    ['device.signals.1.periodSec', { device: { signals: [{ shape: 'sine' }, { shape: 'sine', periodSec: 0 }] } }],
    ['device.signals.0.amplitude', { device: { signals: [{ shape: 'sine', amplitude: -1 }] } }],
    ['pipeline.queueCapacity', { pipeline: { queueCapacity: 0 } }],
    ['pipeline.queueCapacity', { pipeline: { queueCapacity: 100_001 } }],
    ['pipeline.queueCapacity', { pipeline: { queueCapacity: 10.5 } }],
    ['pipeline.overflowPolicy', { pipeline: { overflowPolicy: 'block' } }],
    ['pipeline.workers', { pipeline: { workers: -1 } }],
    ['pipeline.publishHz', { pipeline: { publishHz: 61 } }],
    ['chart.windowSec', { chart: { windowSec: 9 } }],
    ['chart.windowSec', { chart: { windowSec: 601 } }],
    ['chart.channels.0.color', { chart: { channels: [{ color: 'red' }] } }],
    ['chart.channels.2.color', { chart: { channels: [{}, {}, { color: '#12345' }] } }],
    ['chart.channels.0.visible', { chart: { channels: [{ visible: 1 }] } }],
    ['chart.channels', { chart: { channels: Array.from({ length: 33 }, () => ({})) } }],
    ['version', { version: 2 }],
    ['device', { device: 'simulated' }],
  ])('rejects an invalid %s and names the field', (path, input) => {
    expect(issuePaths(input)).toEqual([path]);
  });

  it('names every bad field at once, with messages that start with the path', () => {
    const r = AppConfigSchema.safeParse({ device: { rateHz: -5, channels: 99 }, chart: { windowSec: 1 } });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = issuesFromZod(r.error);
    expect(issues.map((i) => i.path).sort()).toEqual(['chart.windowSec', 'device.channels', 'device.rateHz']);
    for (const i of issues) expect(i.message.startsWith(`${i.path}: `)).toBe(true);
  });

  it('the colour message says what is expected', () => {
    const r = AppConfigSchema.safeParse({ chart: { channels: [{ color: 'blue' }] } });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesFromZod(r.error)[0]?.message).toBe('chart.channels.0.color: expected a colour like #1f77b4');
  });

  it('drops unknown keys', () => {
    expect(AppConfigSchema.parse({ extra: 1, device: { bogus: true } })).toEqual(DEFAULTS);
  });
});

describe('ConfigPatchSchema', () => {
  it('accepts partial sections with any fields (validated after merging)', () => {
    expect(ConfigPatchSchema.parse({})).toEqual({});
    expect(ConfigPatchSchema.parse({ device: { rateHz: 5 }, chart: { windowSec: 60 } })).toEqual({ device: { rateHz: 5 }, chart: { windowSec: 60 } });
  });

  it('is strict: an unknown section is rejected', () => {
    const r = ConfigPatchSchema.safeParse({ device: {}, network: { port: 1 } });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.code).toBe('unrecognized_keys');
      expect(r.error.issues[0]?.message).toContain('network');
    }
    expect(ConfigPatchSchema.safeParse({ version: 2 }).success).toBe(false);
  });

  it('rejects a section that is not an object', () => {
    const r = ConfigPatchSchema.safeParse({ device: 5 });
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesFromZod(r.error).map((i) => i.path)).toEqual(['device']);
    expect(ConfigPatchSchema.safeParse(null).success).toBe(false);
    expect(ConfigPatchSchema.safeParse([]).success).toBe(false);
  });
});

describe('mergeConfig', () => {
  it('replaces the named fields one section deep and keeps the rest', () => {
    const base = defaultConfig();
    const merged = mergeConfig(base, { device: { rateHz: 250 }, chart: { autoScale: false } });
    expect(merged).toEqual({
      ...DEFAULTS,
      device: { ...DEFAULTS.device, rateHz: 250 },
      chart: { ...DEFAULTS.chart, autoScale: false },
    });
    expect(base).toEqual(DEFAULTS); // the base is not mutated
  });

  it('replaces nested values whole (arrays are not merged)', () => {
    const base = AppConfigSchema.parse({ chart: { channels: [{ color: '#000000' }, { color: '#111111' }] } });
    const merged = mergeConfig(base, { chart: { channels: [{ visible: false }] } }) as AppConfig;
    expect(merged.chart.channels).toEqual([{ visible: false }]);
  });

  it('the merged result is validated again: an invalid patch value fails with its path', () => {
    const merged = mergeConfig(defaultConfig(), { device: { rateHz: 0 }, pipeline: { queueCapacity: -1 } });
    expect(issuePaths(merged).sort()).toEqual(['device.rateHz', 'pipeline.queueCapacity']);
  });

  it('an empty patch gives the base back', () => {
    const base = defaultConfig();
    expect(AppConfigSchema.parse(mergeConfig(base, {}))).toEqual(base);
  });
});

describe('migrateConfig', () => {
  it('adds the version to a file that has none', () => {
    expect(migrateConfig({ device: { channels: 2 } })).toEqual({ device: { channels: 2 }, version: CONFIG_VERSION });
  });

  it('leaves a versioned file alone (an unknown version then fails validation)', () => {
    const raw = { version: 7 };
    expect(migrateConfig(raw)).toBe(raw);
    expect(issuePaths(migrateConfig(raw))).toEqual(['version']);
  });

  it('passes non-objects through', () => {
    expect(migrateConfig(null)).toBe(null);
    expect(migrateConfig(42)).toBe(42);
    expect(migrateConfig('x')).toBe('x');
  });
});
