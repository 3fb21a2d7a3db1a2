// config.json survives a power cut: the temp file is fsynced before the rename
// and the folder after it (recorded through a wrapped node:fs/promises).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConfig } from '@shared/config/app-config.js';
import { ConfigStore } from '../../../src-main/engine/config/config-store.js';
import { DataFolderBusyError, DataFolderLock, LOCK_FILE } from '../../../src-main/engine/config/data-folder-lock.js';

const h = vi.hoisted(() => ({ log: [] as string[] }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open = async (path: string, flags?: string) => {
    const fh = await real.open(path, flags);
    h.log.push(`open ${basename(path)}`);
    return new Proxy(fh, {
      get(target, prop) {
        if (prop === 'sync') {
          return async () => {
            h.log.push(`sync ${basename(path)}`);
            return target.sync();
          };
        }
        const v = Reflect.get(target, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  };
  const rename = async (a: string, b: string) => {
    h.log.push(`rename ${basename(a)} -> ${basename(b)}`);
    return real.rename(a, b);
  };
  return { ...real, open, rename, default: { ...real, open, rename } };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'thub-durable-'));
  h.log = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('config.json durability', () => {
  it('fsyncs the temp file before the rename and the folder after it', async () => {
    const store = new ConfigStore(dir);
    await store.save(defaultConfig());
    const tmp = `config.json.${process.pid}.tmp`;
    expect(h.log).toEqual([`open ${tmp}`, `sync ${tmp}`, `rename ${tmp} -> config.json`, `open ${basename(dir)}`, `sync ${basename(dir)}`]);
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toEqual(defaultConfig());
  });
});

describe('data folder lock', () => {
  it('refuses a folder another live process holds, naming the folder and the holder', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, app: 'TelemetryHub desktop app', hostname: (await import('node:os')).hostname(), startedAt: '2026-12-07T10:00:00.000Z' }));
    const taking = DataFolderLock.acquire(dir, 'TelemetryHub host', (pid) => pid === 4242);
    await expect(taking).rejects.toBeInstanceOf(DataFolderBusyError);
    await expect(taking).rejects.toThrow(
      `the data folder ${dir} is in use by TelemetryHub desktop app (process 4242 on ${(await import('node:os')).hostname()}, since 2026-12-07T10:00:00.000Z); stop that process first, or use another data folder`,
    );
  });

  it('takes over a lock left by a dead process, and releases only its own', async () => {
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, app: 'TelemetryHub host', hostname: (await import('node:os')).hostname(), startedAt: 'x' }));
    const lock = await DataFolderLock.acquire(dir, 'TelemetryHub host', () => false);
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, app: 'TelemetryHub host' });
    await lock.release();
    await expect(readFile(join(dir, LOCK_FILE), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
