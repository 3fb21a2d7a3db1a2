// Starts an export on its own connection of the open database and reports its progress.
// The export is work in flight on the gate: a folder change or write error interrupts it
// and waits for it before the database closes.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportProgress, ExportRequest } from '@shared/domain/recording.js';
import { ExportCancelled, exportSession } from '../export/exporter.js';
import type { StoreGate } from './store-gate.js';

export interface ExportRunnerOptions {
  exportsDir: string;
  post: (progress: ExportProgress) => void;
}

type Progress = Partial<ExportProgress> & Pick<ExportProgress, 'state' | 'rowsDone' | 'rowsTotal'>;

/** Why an export stopped other than the operator's Cancel: the database closed under it. */
export class ExportStopped extends Error {}

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80) || 'session';
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class ExportRunner {
  private readonly running = new Map<string, AbortController>();
  private readonly files = new Map<string, { data: string; events: string | null }>();

  constructor(private readonly opts: ExportRunnerOptions) {}

  get active(): number {
    return this.running.size;
  }

  /** Checks the session, then runs the export in the background; resolves once it started. */
  async start(gate: StoreGate, exportId: string, req: ExportRequest): Promise<{ exportId: string; fileName: string }> {
    const session = await gate.run((s) => s.get(req.sessionId));
    if (!session) throw Object.assign(new Error(`session ${req.sessionId} does not exist`), { notFound: true });
    const ext = req.format === 'csv' ? 'csv' : 'parquet';
    const stamp = new Date(session.startedAt).toISOString().slice(0, 19).replaceAll(':', '-');
    const fileName = `${safeName(session.name)}-${stamp}.${ext}`;
    await mkdir(this.opts.exportsDir, { recursive: true });
    const target = join(this.opts.exportsDir, `${exportId}.${ext}`);
    const ctrl = new AbortController();
    this.running.set(exportId, ctrl);
    const started = performance.now();
    let lastPost = 0;
    const progress = (p: Progress): void => {
      const secs = (performance.now() - started) / 1000;
      const rowsPerSec = secs > 0 ? Math.round(p.rowsDone / secs) : 0;
      const left = p.rowsTotal - p.rowsDone;
      this.opts.post({
        exportId,
        sessionId: session.id,
        format: req.format,
        fileName,
        bytes: 0,
        downloadUrl: null,
        eventsUrl: null,
        error: null,
        rowsPerSec,
        etaSec: p.state === 'running' ? (rowsPerSec > 0 ? left / rowsPerSec : null) : 0,
        ...p,
      });
    };
    progress({ state: 'running', rowsDone: 0, rowsTotal: session.frames });
    const onTick = (tick: { rowsDone: number; rowsTotal: number }): void => {
      const now = performance.now();
      if (now - lastPost < 100) return;
      lastPost = now;
      progress({ state: 'running', ...tick });
    };
    void gate
      .withConnection((con) => exportSession(con, session, req, target, onTick, ctrl.signal))
      .then((out) => {
        this.files.set(exportId, { data: target, events: out.eventsFile });
        const eventsUrl = out.eventsFile ? `/export/${exportId}/events` : null;
        progress({ state: 'done', rowsDone: out.rows, rowsTotal: out.rows, bytes: out.bytes, downloadUrl: `/export/${exportId}`, eventsUrl });
      })
      .catch((err: unknown) => {
        const reason: unknown = ctrl.signal.reason;
        const stopped = reason instanceof ExportStopped;
        const cancelled = err instanceof ExportCancelled && !stopped;
        const error = cancelled
          ? 'export cancelled by the operator'
          : `export of session ${session.id} failed: ${stopped ? reason.message : describe(err)}`;
        progress({ state: cancelled ? 'cancelled' : 'failed', rowsDone: 0, rowsTotal: session.frames, error });
      })
      .finally(() => this.running.delete(exportId));
    return { exportId, fileName };
  }

  cancel(exportId: string): boolean {
    const ctrl = this.running.get(exportId);
    if (!ctrl) return false;
    ctrl.abort();
    return true;
  }

  /** Stops every running export because the database closes (`why` is shown to the operator). */
  stopAll(why: string): void {
    for (const ctrl of this.running.values()) ctrl.abort(new ExportStopped(why));
  }

  file(exportId: string, part: 'data' | 'events' = 'data'): string | null {
    const f = this.files.get(exportId);
    return (part === 'events' ? f?.events : f?.data) ?? null;
  }
}
