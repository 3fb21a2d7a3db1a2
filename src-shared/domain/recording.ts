// Recording, history and export: the shapes both sides of the contract share.
import { z } from 'zod';

export interface SessionChannel {
  index: number;
  name: string;
  unit: string;
}

/** One recorded session: from "start measuring" to "stop" or disconnect (or a crash). */
export interface SessionInfo {
  id: number;
  name: string;
  source: string;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms; null while the session is still recording. */
  endedAt: number | null;
  frames: number;
  channels: SessionChannel[];
  /** The app stopped without closing the session (crash, kill): recovered on the next start. */
  interrupted: boolean;
  /** Share of the database file this session takes (estimate, bytes). */
  sizeBytes: number;
  recording: boolean;
}

export interface RecordingStatus {
  /** Recording is wanted (config) and the recorder is healthy. */
  active: boolean;
  enabled: boolean;
  sessionId: number | null;
  /** Rows durably flushed in the current session. */
  rowsWritten: number;
  /** Rows handed to the recorder but not flushed yet. */
  lagRows: number;
  /** Rows that could not be recorded (recorder behind or stopped by an error). */
  droppedRows: number;
  /** Set while recording is stopped by an error (disk full, unwritable folder); cleared on resume. */
  lastError: string | null;
  dbPath: string | null;
}

export const emptyRecordingStatus = (): RecordingStatus => ({
  active: false,
  enabled: false,
  sessionId: null,
  rowsWritten: 0,
  lagRows: 0,
  droppedRows: 0,
  lastError: null,
  dbPath: null,
});

export const SessionIdSchema = z.object({ sessionId: z.number().int().min(1) });
export type SessionIdInput = z.infer<typeof SessionIdSchema>;

export const RenameSessionSchema = z.object({
  sessionId: z.number().int().min(1),
  name: z.string().trim().min(1, 'name must not be empty').max(200),
});
export type RenameSessionInput = z.infer<typeof RenameSessionSchema>;

export const HistoryQuerySchema = z
  .object({
    sessionId: z.number().int().min(1),
    fromMs: z.number().finite().optional(),
    toMs: z.number().finite().optional(),
    buckets: z.number().int().min(1).max(10_000).default(1000),
  })
  .refine((q) => q.fromMs === undefined || q.toMs === undefined || q.fromMs <= q.toMs, {
    message: 'fromMs must not be after toMs',
    path: ['fromMs'],
  });
export type HistoryQueryInput = z.input<typeof HistoryQuerySchema>;
export type HistoryQuery = z.output<typeof HistoryQuerySchema>;

/** Min/max per time bucket: two points per non-empty bucket (time of min-max order kept simple: bucket start, bucket end). */
export interface HistorySeries {
  sessionId: number;
  fromMs: number;
  toMs: number;
  channels: number;
  /** Epoch ms per point, ascending. */
  t: number[];
  /** Per channel, one value per point. */
  y: number[][];
  /** Frames in the requested range. */
  frames: number;
}

export const ExportFormatSchema = z.enum(['csv', 'parquet']);
export const CsvDelimiterSchema = z.enum(['comma', 'semicolon', 'tab']);
export const DecimalMarkSchema = z.enum(['point', 'comma']);

export const ExportRequestSchema = z
  .object({
    sessionId: z.number().int().min(1),
    format: ExportFormatSchema.default('csv'),
    fromMs: z.number().finite().optional(),
    toMs: z.number().finite().optional(),
    /** Channel indexes; empty or missing means every channel. */
    channels: z.array(z.number().int().min(0).max(255)).max(256).optional(),
    delimiter: CsvDelimiterSchema.default('comma'),
    decimal: DecimalMarkSchema.default('point'),
    bom: z.boolean().default(true),
    /** Also write the session's events as `<file>.events.csv`. */
    eventsSidecar: z.boolean().default(false),
  })
  .refine((r) => !(r.decimal === 'comma' && r.delimiter === 'comma'), {
    message: 'decimal comma needs the semicolon or tab delimiter',
    path: ['decimal'],
  })
  .refine((r) => r.fromMs === undefined || r.toMs === undefined || r.fromMs <= r.toMs, {
    message: 'fromMs must not be after toMs',
    path: ['fromMs'],
  });
export type ExportRequestInput = z.input<typeof ExportRequestSchema>;
export type ExportRequest = z.output<typeof ExportRequestSchema>;

export const ExportIdSchema = z.object({ exportId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected an export id') });
export type ExportIdInput = z.infer<typeof ExportIdSchema>;

export type ExportState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ExportProgress {
  exportId: string;
  sessionId: number;
  format: 'csv' | 'parquet';
  state: ExportState;
  rowsDone: number;
  rowsTotal: number;
  rowsPerSec: number;
  /** Seconds left; null when unknown. */
  etaSec: number | null;
  /** File name suggested for the download / save dialog. */
  fileName: string;
  bytes: number;
  /** Host: where the finished file can be downloaded. */
  downloadUrl: string | null;
  /** Host: the events sidecar of a finished CSV export, when one was asked for. */
  eventsUrl: string | null;
  error: string | null;
}

export interface ExportStarted {
  exportId: string;
  fileName: string;
}

/** A note an operator put on the time axis (Ctrl+M or a click on a plot); journaled as a session event. */
export const AnnotationSchema = z.object({
  /** Epoch ms the note refers to (the plot time clicked, or now). */
  t: z.number().finite().positive(),
  text: z.string().trim().min(1, 'the note is empty').max(500),
});
export type AnnotationInput = z.input<typeof AnnotationSchema>;
export type Annotation = z.output<typeof AnnotationSchema>;
