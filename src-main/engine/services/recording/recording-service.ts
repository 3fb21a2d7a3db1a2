// Recording as a service: the recorder worker, one session per stretch of measuring, the journal of
// breaker/fault/alarm/operator events (from the engine bus, not direct calls), and the session requests.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { RequestHandlers } from '@shared/api/contract.js';
import type { TelemetryEvents } from '@shared/api/events.js';
import type { AppConfig } from '@shared/config/app-config.js';
import type { DeviceStatus } from '@shared/domain/device.js';
import { emptyRecordingStatus, type RecordingStatus } from '@shared/domain/recording.js';
import { fail, ok, type ApiResult } from '@shared/domain/result.js';
import type { FullFrames } from '../../pipeline/task.js';
import type { RecordedEvent } from '../../recorder/event-sink.js';
import type { RecorderRequest } from '../../recorder/protocol.js';
import { Recorder, RecorderError } from '../../recorder/recorder.js';
import type { FrameConsumer } from '../acquisition/acquisition-service.js';
import type { Service } from '../service.js';

const STATUS_EVENT_MS = 100;

type RecordingRequests = 'getRecordingStatus' | 'listSessions' | 'renameSession' | 'deleteSession' | 'historyQuery' | 'resumeRecording';

/** What recording reads from the device session and the acquisition. */
export interface RecordingSource {
  status(): DeviceStatus;
  channels(): { index: number; name: string; unit: string }[];
  /** Batches still in the pool belong to the session that is ending. */
  idle(): Promise<void>;
  /** The need for full-resolution frames may have changed. */
  updateFullResolution(): void;
}

export interface RecordingServiceOptions {
  config: () => AppConfig;
  dataDir: string;
  log: Logger;
  workerFile?: string | undefined;
  execArgv?: string[] | undefined;
  source: RecordingSource;
  emit: <E extends 'recording' | 'exportProgress'>(event: E, payload: TelemetryEvents[E]) => void;
  /** The recorder is behind: the link slows down. */
  onBackpressure: (active: boolean) => void;
}

const isMeasuring = (s: DeviceStatus): boolean => s.state === 'measuring' && s.link === 'connected';

export class RecordingService implements Service<RecordingRequests>, FrameConsumer {
  readonly name = 'recording';
  readonly handlers: Pick<RequestHandlers, RecordingRequests> = {
    getRecordingStatus: async () => ok(this.status()),
    listSessions: () => this.ask({ op: 'list' }),
    renameSession: ({ sessionId, name }) => this.ask({ op: 'rename', sessionId, name }),
    deleteSession: ({ sessionId }) => this.ask({ op: 'delete', sessionId }),
    historyQuery: (query) => this.ask({ op: 'history', query }),
    resumeRecording: async () => {
      const r = await this.ask({ op: 'resume', folder: this.folder() });
      this.sync();
      this.emitStatus();
      return r.ok ? ok(this.status()) : r;
    },
  };
  /** Undefined in builds without a recorder worker: nothing is recorded. */
  readonly recorder: Recorder | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastJson = '';
  private ending = false;

  constructor(private readonly opts: RecordingServiceOptions) {
    if (!opts.workerFile) return;
    const rec = opts.config().recording;
    this.recorder = new Recorder({
      workerFile: opts.workerFile,
      ...(opts.execArgv ? { execArgv: opts.execArgv } : {}),
      folder: this.folder(),
      exportsDir: join(opts.dataDir, 'exports'),
      flushMs: rec.flushMs,
      memoryLimit: '256MB',
      threads: 2,
      onStatus: () => this.emitStatus(),
      onExport: (p) => {
        if (p.state === 'failed') opts.log.error({ exportId: p.exportId, error: p.error }, 'export failed');
        opts.emit('exportProgress', p);
      },
      onBackpressure: (active) => opts.onBackpressure(active),
    });
    this.recorder.setEnabled(rec.enabled);
  }

  snapshot(): Record<string, never> {
    return {};
  }

  async start(): Promise<void> {
    if (!this.recorder) return;
    const st = await this.recorder.ready();
    if (st.lastError) this.opts.log.error({ error: st.lastError }, 'recording unavailable');
    if (st.recovered.length) this.opts.log.warn({ sessions: st.recovered }, 'recovered interrupted sessions');
    this.timer = setInterval(() => this.emitStatus(), STATUS_EVENT_MS);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.recorder?.close().catch((err: unknown) => this.opts.log.error({ err }, 'recorder close failed'));
  }

  /** Journal entry (alarm, breaker, fault, operator) next to the samples of the session it happened in. */
  journal(event: RecordedEvent): void {
    this.recorder?.record(event);
  }

  wants(): boolean {
    return this.recorder?.wantsFrames ?? false;
  }

  take(frames: FullFrames): void {
    this.recorder?.pushFrames(frames);
  }

  status(): RecordingStatus {
    return this.recorder?.status ?? emptyRecordingStatus();
  }

  async ask<T>(req: RecorderRequest): Promise<ApiResult<T>> {
    if (!this.recorder) return fail('invalid-state', 'recording is not available in this build (no recorder worker)');
    try {
      return ok(await this.recorder.request<T>(req));
    } catch (err) {
      if (err instanceof RecorderError && err.notFound) return fail('not-found', err.message);
      return fail('invalid-state', err instanceof Error ? err.message : String(err));
    }
  }

  /** A session runs while the device is measuring and connected; full-resolution output only then. */
  sync(): void {
    const rec = this.recorder;
    if (!rec) return;
    const { source } = this.opts;
    const status = source.status();
    const measuring = isMeasuring(status);
    if (measuring && !rec.sessionOpen) {
      rec.beginSession({ source: status.source, startedAt: Date.now(), channels: source.channels() });
    } else if (!measuring && rec.sessionOpen && !this.ending) {
      // Batches still in the pool belong to this session: end it once the pipeline has drained.
      this.ending = true;
      const endedAt = Date.now();
      void source.idle().then(() => {
        this.ending = false;
        if (!isMeasuring(source.status())) rec.endSession(endedAt); // a stop/start within the drain continues the session
        source.updateFullResolution();
        this.emitStatus();
      });
      return;
    }
    source.updateFullResolution();
    this.emitStatus();
  }

  /** A session has one channel layout: a new layout (settings, CSV header, names first seen) starts a new session. */
  layoutChanged(): void {
    if (!this.recorder?.sessionOpen) return;
    this.recorder.endSession(Date.now());
    this.sync();
  }

  async configure(prev: AppConfig, next: AppConfig): Promise<void> {
    const rec = this.recorder;
    if (!rec) return;
    const a = prev.recording;
    const b = next.recording;
    if (a.flushMs !== b.flushMs) await rec.request({ op: 'setFlushMs', flushMs: b.flushMs }).catch(() => undefined);
    if (a.folder !== b.folder) {
      await rec.request({ op: 'resume', folder: this.folder() }).catch((err: unknown) => this.opts.log.error({ err }, 'recording folder change failed'));
    }
    if (a.enabled !== b.enabled) {
      if (!b.enabled) rec.endSession(Date.now());
      rec.setEnabled(b.enabled);
    }
    this.sync();
  }

  private folder(): string {
    return this.opts.config().recording.folder || this.opts.dataDir;
  }

  private emitStatus(): void {
    if (!this.recorder) return;
    const st = this.recorder.status;
    const json = JSON.stringify(st);
    if (json === this.lastJson) return;
    if (st.lastError && !this.lastJson.includes(st.lastError)) this.opts.log.error({ error: st.lastError }, 'recording stopped');
    this.lastJson = json;
    this.opts.emit('recording', st);
  }
}
