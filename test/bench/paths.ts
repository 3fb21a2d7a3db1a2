import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** Benchmarks measure what ships: the bundled worker and host. `npm run bench` builds first. */
export function builtWorkerFile(): string {
  const file = resolve(repoRoot, 'out/main/worker.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does)`);
  return file;
}

export function builtHostFile(): string {
  const file = resolve(repoRoot, 'out/main/host.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does)`);
  return file;
}

export function builtRecorderFile(): string {
  const file = resolve(repoRoot, 'out/main/recorder.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does)`);
  return file;
}
