// One process per data folder: the desktop app and the host must not share one
// (the last config writer would win and DuckDB's own lock would leave the second
// without recording). A lock file names its holder, so the refusal can too.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'telemetryhub.lock';

export interface LockHolder {
  pid: number;
  /** "TelemetryHub host", "TelemetryHub desktop app". */
  app: string;
  hostname: string;
  startedAt: string;
}

export class DataFolderBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data folder ${dir} is in use by ${holder.app} (process ${holder.pid} on ${holder.hostname}, since ${holder.startedAt}); ` +
        'stop that process first, or use another data folder',
    );
    this.name = 'DataFolderBusyError';
  }
}

/** True when `pid` is a running process on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataFolderLock {
  private released = false;

  private constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {}

  /** Takes the folder (creating it) or throws DataFolderBusyError naming who holds it. A lock left by a dead process is taken over. */
  static async acquire(dir: string, app: string, alive: (pid: number) => boolean = processAlive): Promise<DataFolderLock> {
    const file = join(dir, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, app, hostname: hostname(), startedAt: new Date().toISOString() };
    await mkdir(dir, { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fh = await open(file, 'wx');
        try {
          await fh.writeFile(`${JSON.stringify(holder)}\n`, 'utf8');
          await fh.sync();
        } finally {
          await fh.close();
        }
        return new DataFolderLock(file, holder);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const other = await readHolder(file);
      // Another machine's process cannot be checked: it holds the folder until its lock is removed.
      // Our own pid is a lock from before a restart (pid 1 in a container every time), not a live holder.
      const held = other && other.pid !== process.pid && (other.hostname !== holder.hostname || alive(other.pid));
      if (held) throw new DataFolderBusyError(dir, other);
      await rm(file, { force: true });
    }
    throw new Error(`could not lock the data folder ${dir}: another process keeps creating ${LOCK_FILE}`);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    // Only our own lock: never remove one another process took over meanwhile.
    const now = await readHolder(this.file);
    if (now?.pid === this.holder.pid && now.startedAt === this.holder.startedAt) await rm(this.file, { force: true });
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof raw.pid !== 'number' || typeof raw.app !== 'string') return undefined;
    return { pid: raw.pid, app: raw.app, hostname: String(raw.hostname ?? ''), startedAt: String(raw.startedAt ?? '') };
  } catch {
    // Missing or unreadable (a crash mid-write): treated as stale.
    return undefined;
  }
}
