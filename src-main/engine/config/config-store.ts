// The configuration file: validated on load, written atomically (temp + fsync +
// rename + fsync of the folder) so neither a crash nor a power cut leaves a half
// or lost file. A bad file is kept aside, not lost.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { AppConfigSchema, defaultConfig, migrateConfig, type AppConfig } from '@shared/config/app-config.js';
import { issuesFromZod } from '@shared/domain/result.js';

export interface LoadedConfig {
  config: AppConfig;
  /** Set when the stored file could not be used (it was moved aside and defaults apply). */
  problem?: string;
}

export class ConfigStore {
  readonly file: string;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'config.json');
  }

  async load(): Promise<LoadedConfig> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        const config = defaultConfig();
        await this.save(config);
        return { config };
      }
      throw new Error(`cannot read configuration ${this.file}: ${(err as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      return this.setAside(`${this.file} is not valid JSON (${(err as Error).message})`);
    }
    const parsed = AppConfigSchema.safeParse(migrateConfig(raw));
    if (!parsed.success) {
      const fields = issuesFromZod(parsed.error).map((i) => i.message).join('; ');
      return this.setAside(`${this.file} has invalid values: ${fields}`);
    }
    return { config: parsed.data };
  }

  /** Saves run one after another: they share the temp file, and the last call must win. */
  private saving: Promise<void> = Promise.resolve();

  save(config: AppConfig): Promise<void> {
    const text = `${JSON.stringify(config, null, 2)}\n`;
    const run = this.saving.then(() => this.write(text));
    this.saving = run.catch(() => {});
    return run;
  }

  private async write(text: string): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text, 'utf8');
      // The data must be on disk before the rename makes it the config.
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, this.file);
    await syncFolder(this.dataDir);
  }

  private async setAside(problem: string): Promise<LoadedConfig> {
    const aside = `${this.file}.invalid-${Date.now()}`;
    await rename(this.file, aside);
    const config = defaultConfig();
    await this.save(config);
    return { config, problem: `${problem}; kept as ${aside}, using defaults` };
  }
}

/** Makes a rename in `dir` durable. Windows cannot open a folder for fsync; NTFS journals the rename itself. */
export async function syncFolder(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
  } catch (err) {
    if (process.platform === 'win32') return;
    throw err;
  }
  try {
    await fh.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Some file systems (and Windows) refuse fsync on a directory.
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR' && code !== 'ENOTSUP') throw err;
  } finally {
    await fh.close();
  }
}
