// Tests run the engine from source: the pool worker is the .ts file, loaded through tsx.
import { resolve } from 'node:path';

export const testWorker = {
  workerFile: resolve(import.meta.dirname, '../../src-main/engine/pipeline/worker.ts'),
  workerExecArgv: ['--import', 'tsx'],
};

export const testRecorderWorker = {
  workerFile: resolve(import.meta.dirname, 'recorder-worker-entry.mjs'),
};

/** Engine options that also start the recorder worker from source. */
export const testEngineWithRecorder = {
  ...testWorker,
  recorderWorkerFile: resolve(import.meta.dirname, 'recorder-worker-entry.mjs'),
};
