// Export as a service: background exports run in the recorder worker; this keeps their file names
// and hands finished files to the shells (host download, Electron save dialog).
import { randomUUID } from 'node:crypto';
import type { RequestHandlers } from '@shared/api/contract.js';
import { eventsSidecarName } from '@shared/domain/export-names.js';
import { ExportIdSchema, type ExportStarted } from '@shared/domain/recording.js';
import type { ApiResult } from '@shared/domain/result.js';
import type { RecorderRequest } from '../../recorder/protocol.js';
import type { Service } from '../service.js';

/** The recorder side an export needs (RecordingService implements it). */
export interface ExportBackend {
  ask<T>(req: RecorderRequest): Promise<ApiResult<T>>;
  readonly recorder: { request<T>(req: RecorderRequest): Promise<T> } | undefined;
}

export class ExportService implements Service<'startExport' | 'cancelExport'> {
  readonly handlers: Pick<RequestHandlers, 'startExport' | 'cancelExport'> = {
    startExport: async (request) => {
      const exportId = randomUUID();
      const r = await this.backend.ask<ExportStarted>({ op: 'export', exportId, request });
      if (r.ok) this.names.set(exportId, r.value.fileName);
      return r;
    },
    cancelExport: ({ exportId }) => this.backend.ask({ op: 'cancelExport', exportId }),
  };
  private readonly names = new Map<string, string>();

  constructor(private readonly backend: ExportBackend) {}

  snapshot(): Record<string, never> {
    return {};
  }

  start(): void {}

  close(): void {}

  /** A finished export's file, for the host's GET /export/<id> and Electron's save dialog. */
  async file(exportId: string, part: 'data' | 'events' = 'data'): Promise<{ path: string; fileName: string } | undefined> {
    const recorder = this.backend.recorder;
    if (!recorder || !ExportIdSchema.safeParse({ exportId }).success) return undefined;
    try {
      const path = await recorder.request<string>({ op: 'exportFile', exportId, part });
      const name = this.names.get(exportId) ?? exportId;
      return { path, fileName: part === 'events' ? eventsSidecarName(name) : name };
    } catch {
      return undefined;
    }
  }
}
