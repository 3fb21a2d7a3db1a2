// The desktop window's memory (workspaces with their layouts, theme, recent projects) as a file in
// the data folder, so it survives updates. The engine stores the text as is: the renderer owns its
// schema and validates what it reads (a corrupt file falls back to defaults there). Written
// atomically (temp + rename) so a crash mid-write never leaves half a file.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RequestHandlers } from '@shared/api/contract.js';
import { fail, ok } from '@shared/domain/result.js';
import type { Service } from '../service.js';

export const WORKBENCH_FILE = 'workbench.json';

export class WorkbenchService implements Service<'loadWorkbench' | 'saveWorkbench'> {
  readonly handlers: Pick<RequestHandlers, 'loadWorkbench' | 'saveWorkbench'> = {
    loadWorkbench: async () => {
      try {
        return ok({ text: await readFile(this.file, 'utf8') });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return ok({ text: null });
        return fail('internal', `reading ${WORKBENCH_FILE} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    saveWorkbench: async ({ text }) => {
      // One write at a time, in order: the newest text is the one left on disk.
      const write = this.writing.then(async () => {
        await mkdir(this.dataDir, { recursive: true });
        const tmp = `${this.file}.tmp`;
        await writeFile(tmp, text, 'utf8');
        await rename(tmp, this.file);
      });
      this.writing = write.catch(() => undefined);
      try {
        await write;
        return ok({ bytes: Buffer.byteLength(text) });
      } catch (err) {
        return fail('internal', `saving ${WORKBENCH_FILE} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return join(this.dataDir, WORKBENCH_FILE);
  }

  snapshot(): Record<string, never> {
    return {};
  }

  start(): void {}

  close(): Promise<void> {
    return this.writing;
  }
}
