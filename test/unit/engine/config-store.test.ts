import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppConfigSchema, defaultConfig, type AppConfig } from '@shared/config/app-config.js';
import { ConfigStore } from '../../../src-main/engine/config/config-store.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thub-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

async function asideFiles(): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.startsWith('config.json.invalid-'));
}

function custom(): AppConfig {
  const c = defaultConfig();
  return {
    ...c,
    device: { ...c.device, channels: 4, rateHz: 250, autoStart: false, signals: [{ shape: 'square', amplitude: 2, offset: -1, periodSec: 0.5 }] },
    pipeline: { ...c.pipeline, queueCapacity: 42, overflowPolicy: 'reject', workers: 2, publishHz: 30 },
    chart: { windowSec: 120, autoScale: false, channels: [{ visible: false, color: '#aabbcc' }] },
  };
}

describe('ConfigStore', () => {
  it('stores config.json in the data dir', () => {
    expect(new ConfigStore(dir).file).toBe(join(dir, 'config.json'));
  });

  it('a missing file gives the defaults and writes them', async () => {
    const store = new ConfigStore(dir);
    const loaded = await store.load();
    expect(loaded).toEqual({ config: defaultConfig() });
    expect(loaded.problem).toBeUndefined();
    expect(await readJson(store.file)).toEqual(defaultConfig());
  });

  it('creates a missing data dir', async () => {
    const nested = join(dir, 'a', 'b');
    const store = new ConfigStore(nested);
    expect((await store.load()).config).toEqual(defaultConfig());
    expect(await readJson(join(nested, 'config.json'))).toEqual(defaultConfig());
  });

  it('round-trips save and load exactly', async () => {
    const store = new ConfigStore(dir);
    const c = custom();
    expect(AppConfigSchema.parse(c)).toEqual(c);
    await store.save(c);
    expect(await readJson(store.file)).toEqual(c);
    expect(await new ConfigStore(dir).load()).toEqual({ config: c });
  });

  it('writes pretty JSON with a trailing newline', async () => {
    const store = new ConfigStore(dir);
    await store.save(defaultConfig());
    const text = await readFile(store.file, 'utf8');
    expect(text).toBe(`${JSON.stringify(defaultConfig(), null, 2)}\n`);
  });

  it('fills defaults for missing fields and lifts a file without version', async () => {
    const store = new ConfigStore(dir);
    await writeFile(store.file, JSON.stringify({ device: { channels: 3 } }));
    const loaded = await store.load();
    expect(loaded.problem).toBeUndefined();
    expect(loaded.config).toEqual({ ...defaultConfig(), device: { ...defaultConfig().device, channels: 3 } });
    expect(await asideFiles()).toEqual([]);
  });

  it('invalid JSON is moved aside with its content and defaults apply', async () => {
    const store = new ConfigStore(dir);
    const bad = '{ "device": { "channels": 4, ';
    await writeFile(store.file, bad);
    const loaded = await store.load();
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.problem).toMatch(/not valid JSON/);
    const aside = await asideFiles();
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0] as string), 'utf8')).toBe(bad);
    expect(loaded.problem).toContain(join(dir, aside[0] as string));
    expect(loaded.problem).toContain('using defaults');
    // the defaults replaced the bad file
    expect(await readJson(store.file)).toEqual(defaultConfig());
  });

  it.each([
    ['device.rateHz', { device: { rateHz: 0 } }],
    ['device.rateHz', { device: { rateHz: 'fast' } }],
    ['device.channels', { device: { channels: 33 } }],
    ['device.channels', { device: { channels: 2.5 } }],
    ['pipeline.queueCapacity', { pipeline: { queueCapacity: 0 } }],
    ['pipeline.overflowPolicy', { pipeline: { overflowPolicy: 'block' } }],
    ['chart.windowSec', { chart: { windowSec: 5 } }],
    ['chart.channels.0.color', { chart: { channels: [{ color: 'red' }] } }],
    ['version', { version: 2 }],
  ])('an invalid %s is moved aside and named in the problem', async (field, raw) => {
    const store = new ConfigStore(dir);
    const text = JSON.stringify(raw);
    await writeFile(store.file, text);
    const loaded = await store.load();
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.problem).toContain('invalid values');
    expect(loaded.problem).toContain(`${field}:`);
    const aside = await asideFiles();
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0] as string), 'utf8')).toBe(text);
    expect(await readJson(store.file)).toEqual(defaultConfig());
  });

  it('names every invalid field', async () => {
    const store = new ConfigStore(dir);
    await writeFile(store.file, JSON.stringify({ device: { rateHz: -1, channels: 0 }, chart: { windowSec: 9999 } }));
    const { problem } = await store.load();
    expect(problem).toContain('device.rateHz:');
    expect(problem).toContain('device.channels:');
    expect(problem).toContain('chart.windowSec:');
  });

  it('a non-object JSON file is moved aside', async () => {
    const store = new ConfigStore(dir);
    await writeFile(store.file, '42');
    const loaded = await store.load();
    expect(loaded.config).toEqual(defaultConfig());
    expect(loaded.problem).toContain('invalid values');
    expect(await asideFiles()).toHaveLength(1);
  });

  it('after a bad file is set aside, the next load is clean', async () => {
    const store = new ConfigStore(dir);
    await writeFile(store.file, 'nope');
    expect((await store.load()).problem).toBeDefined();
    expect(await store.load()).toEqual({ config: defaultConfig() });
  });

  it('a save leaves no temp file behind', async () => {
    const store = new ConfigStore(dir);
    await store.save(custom());
    await store.save(defaultConfig());
    expect((await readdir(dir)).sort()).toEqual(['config.json']);
  });

  it('concurrent saves all succeed, leave one whole file and no temp files', async () => {
    const store = new ConfigStore(dir);
    const configs = Array.from({ length: 8 }, (_, i) => ({ ...custom(), pipeline: { ...custom().pipeline, queueCapacity: 100 + i } }));
    await Promise.all(configs.map((c) => store.save(c)));
    // the last save wins
    expect(await readJson(store.file)).toEqual(configs.at(-1));
    expect((await readdir(dir)).sort()).toEqual(['config.json']);
  });

  it('a save snapshots the config when called', async () => {
    const store = new ConfigStore(dir);
    const c = custom();
    const pending = store.save(c);
    c.device.channels = 1;
    await pending;
    expect(await readJson(store.file)).toEqual({ ...custom() });
  });

  it('a failed save does not block later saves', async () => {
    const store = new ConfigStore(dir);
    // make the data dir a file so mkdir fails, then restore it
    await rm(dir, { recursive: true });
    await writeFile(dir, 'not a dir');
    await expect(store.save(defaultConfig())).rejects.toThrow();
    await rm(dir);
    await store.save(custom());
    expect(await readJson(store.file)).toEqual(custom());
  });

  it('an unreadable config (not ENOENT) is an error, not silently replaced', async () => {
    const store = new ConfigStore(dir);
    await mkdir(store.file); // reading a directory fails with EISDIR
    await expect(store.load()).rejects.toThrow(/cannot read configuration/);
    expect(await asideFiles()).toEqual([]);
  });

  it('a failed save rejects with the cause and keeps the old file', async () => {
    const store = new ConfigStore(dir);
    await store.save(defaultConfig());
    // The write fails for root too: a directory sits where the temp file goes (EISDIR).
    const tmp = `${store.file}.${process.pid}.tmp`;
    await mkdir(tmp);
    await expect(store.save(custom())).rejects.toThrow(/EISDIR/);
    expect(await readJson(store.file)).toEqual(defaultConfig());
    await rm(tmp, { recursive: true });
    // The failure does not wedge the store: the next save goes through.
    await store.save(custom());
    expect(await readJson(store.file)).toEqual(custom());
  });
});
