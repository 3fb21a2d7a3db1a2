// Keeps the exports folder from filling the disk (and stopping recording): a file
// is removed once downloaded, after a time, and oldest first above a total size.
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';

export interface ExportJanitorOptions {
  /** The engine's exports folder (<data dir>/exports). */
  dir: string;
  /** Files older than this are removed (default 1 h). */
  maxAgeMs?: number;
  /** Above this total, the oldest finished files are removed (default 2 GiB). */
  maxTotalBytes?: number;
  /** How often the folder is swept (default 1 min; 0: only on demand). */
  sweepEveryMs?: number;
  /** True while an export with this id is being written: its files are never touched. */
  isRunning?: (exportId: string) => boolean;
  logger?: Pick<Logger, 'info' | 'warn'>;
  now?: () => number;
}

/** `<id>.csv`, `<id>.events.csv`, `<id>.parquet` (and `.part` while written): the id is the first dot-separated piece. */
export function exportIdOf(file: string): string {
  return basename(file).split('.', 1)[0] ?? '';
}

export class ExportJanitor {
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private sweeping: Promise<string[]> | undefined;

  constructor(private readonly opts: ExportJanitorOptions) {
    const every = opts.sweepEveryMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.sweep(), every);
      this.timer.unref();
    }
  }

  /** A download finished: the file has done its job. */
  async downloaded(path: string): Promise<void> {
    await rm(path, { force: true });
    this.opts.logger?.info({ file: basename(path) }, 'export file removed after download');
  }

  /** Removes expired files, then the oldest ones above the size cap; answers the names removed. */
  sweep(): Promise<string[]> {
    this.sweeping ??= this.doSweep().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async doSweep(): Promise<string[]> {
    const { dir } = this.opts;
    const maxAge = this.opts.maxAgeMs ?? 3_600_000;
    const maxTotal = this.opts.maxTotalBytes ?? 2 * 1024 ** 3;
    const now = (this.opts.now ?? Date.now)();
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return []; // no export yet
    }
    const files: { name: string; size: number; mtimeMs: number }[] = [];
    for (const name of names) {
      if (this.opts.isRunning?.(exportIdOf(name))) continue;
      try {
        const s = await stat(join(dir, name));
        if (s.isFile()) files.push({ name, size: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // removed meanwhile
      }
    }
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = files.reduce((n, f) => n + f.size, 0);
    const removed: string[] = [];
    for (const f of files) {
      if (now - f.mtimeMs <= maxAge && total <= maxTotal) continue;
      await rm(join(dir, f.name), { force: true });
      total -= f.size;
      removed.push(f.name);
    }
    if (removed.length) this.opts.logger?.info({ removed }, 'old export files removed');
    return removed;
  }
}
