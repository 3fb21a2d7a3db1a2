// Drives a real recorder worker against a real DuckDB file in a temp folder.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportProgress, RecordingStatus } from '@shared/domain/recording.js';
import { Recorder } from '../../src-main/engine/recorder/recorder.js';
import { testRecorderWorker } from './worker.js';

export async function tempDir(prefix = 'th-rec-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export interface TestRecorder {
  recorder: Recorder;
  statuses: RecordingStatus[];
  progress: ExportProgress[];
  waitFor(pred: (s: RecordingStatus) => boolean, ms?: number): Promise<RecordingStatus>;
  waitExport(exportId: string, ms?: number): Promise<ExportProgress>;
}

export function startRecorder(folder: string, over: { flushMs?: number; retryMs?: number } = {}): TestRecorder {
  const statuses: RecordingStatus[] = [];
  const progress: ExportProgress[] = [];
  const recorder = new Recorder({
    ...testRecorderWorker,
    folder,
    exportsDir: join(folder, 'exports'),
    flushMs: over.flushMs ?? 50,
    retryMs: over.retryMs ?? 0,
    threads: 1,
    onStatus: (s) => statuses.push(s),
    onExport: (p) => progress.push(p),
  });
  const waitFor = async (pred: (s: RecordingStatus) => boolean, ms = 20_000): Promise<RecordingStatus> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (pred(recorder.status)) return recorder.status;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`recorder status never matched; last ${JSON.stringify(recorder.status)}`);
  };
  const waitExport = async (exportId: string, ms = 60_000): Promise<ExportProgress> => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const last = progress.filter((p) => p.exportId === exportId).at(-1);
      if (last && last.state !== 'running') return last;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`export ${exportId} did not finish`);
  };
  return { recorder, statuses, progress, waitFor, waitExport };
}

/** `frames` frames of `channels` values: t then row-major values, as the pool produces them. */
export function framesOf(t0: number, periodMs: number, frames: number, channels: number, value: (f: number, c: number) => number): Float64Array {
  const data = new Float64Array(frames * (1 + channels));
  for (let f = 0; f < frames; f++) {
    data[f] = t0 + f * periodMs;
    for (let c = 0; c < channels; c++) data[frames + f * channels + c] = value(f, c);
  }
  return data;
}
