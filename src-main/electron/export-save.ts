// Electron: when an export finishes, ask where to save it (native save dialog) and
// copy the finished file there. The browser host downloads it over HTTP instead.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TelemetryApi } from '@shared/api/contract.js';
import type { Unsubscribe } from '@shared/api/events.js';
import { eventsSidecarName } from '@shared/domain/export-names.js';

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

export interface ExportSaveOptions {
  api: Pick<TelemetryApi, 'on'>;
  exportFile(exportId: string, part?: 'data' | 'events'): Promise<{ path: string; fileName: string } | undefined>;
  /** `dialog.showSaveDialog` bound to the main window. */
  showSaveDialog(opts: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the dialog starts (the Downloads folder). */
  defaultDir: string;
  onSaved?(filePath: string): void;
  onError(message: string): void;
  copy?(from: string, to: string): Promise<void>;
}

export function installExportSave(opts: ExportSaveOptions): Unsubscribe {
  const handled = new Set<string>();
  const copy = opts.copy ?? ((a: string, b: string) => copyFile(a, b));
  return opts.api.on('exportProgress', (p) => {
    if (p.state !== 'done' || handled.has(p.exportId)) return;
    handled.add(p.exportId);
    void (async () => {
      const file = await opts.exportFile(p.exportId);
      if (!file) return opts.onError(`export ${p.exportId}: the finished file is gone`);
      const csv = file.fileName.endsWith('.csv');
      const choice = await opts.showSaveDialog({
        title: 'Save export',
        defaultPath: join(opts.defaultDir, file.fileName),
        filters: [csv ? { name: 'CSV', extensions: ['csv'] } : { name: 'Parquet', extensions: ['parquet'] }],
      });
      if (choice.canceled || !choice.filePath) return;
      try {
        await copy(file.path, choice.filePath);
        // The events sidecar goes next to the chosen file.
        const events = p.eventsUrl ? await opts.exportFile(p.exportId, 'events') : undefined;
        if (events) await copy(events.path, eventsSidecarName(choice.filePath));
        opts.onSaved?.(choice.filePath);
      } catch (err) {
        opts.onError(`could not save ${choice.filePath}: ${err instanceof Error ? err.message : String(err)}`);
      }
    })().catch((err: unknown) => opts.onError(err instanceof Error ? err.message : String(err)));
  });
}
