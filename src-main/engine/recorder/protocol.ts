// Messages between the engine (main thread) and the recorder worker.
import type { ExportProgress, ExportRequest, HistoryQuery } from '@shared/domain/recording.js';
import type { RecordedEvent } from './event-sink.js';
import type { NewSession } from './session-store.js';

export interface RecorderWorkerData {
  folder: string;
  flushMs: number;
  exportsDir: string;
  memoryLimit?: string;
  threads?: number;
  /** Retry a failed recorder this often (ms); 0 disables automatic retry. */
  retryMs?: number;
}

export type RecorderRequest =
  | { op: 'list' }
  | { op: 'rename'; sessionId: number; name: string }
  | { op: 'delete'; sessionId: number }
  | { op: 'history'; query: HistoryQuery }
  | { op: 'export'; exportId: string; request: ExportRequest }
  | { op: 'cancelExport'; exportId: string }
  | { op: 'resume'; folder?: string }
  | { op: 'setFlushMs'; flushMs: number }
  | { op: 'exportFile'; exportId: string; part?: 'data' | 'events' }
  | { op: 'injectWriteError'; message: string }
  /** Replay reads (see replay-read.ts): the span, a block of frames, the frame at a time. */
  | { op: 'replaySpan'; sessionId: number }
  | { op: 'replayRead'; sessionId: number; channels: number; index: number; max: number }
  | { op: 'replayIndexAt'; sessionId: number; timeMs: number }
  | { op: 'close' };

export type ToRecorder =
  | { type: 'begin'; session: NewSession }
  /** `data` is transferred: `frames` timestamps, then row-major values. */
  | { type: 'frames'; data: Float64Array; frames: number; channels: number }
  | { type: 'end'; endedAt: number }
  | { type: 'events'; events: RecordedEvent[] }
  | { type: 'request'; id: number; request: RecorderRequest };

export interface RecorderWorkerStatus {
  ready: boolean;
  sessionId: number | null;
  rowsFlushed: number;
  /** Every row received so far that is flushed or dropped (cumulative over the worker's life). */
  rowsSettled: number;
  droppedRows: number;
  lastError: string | null;
  dbPath: string | null;
  recovered: number[];
}

export type FromRecorder =
  | { type: 'status'; status: RecorderWorkerStatus }
  | { type: 'response'; id: number; ok: true; value: unknown }
  | { type: 'response'; id: number; ok: false; error: string; notFound?: boolean }
  | { type: 'export'; progress: ExportProgress };
