// Previewing a CSV file before it is replayed: the first rows parsed with the mapping the
// operator is choosing, the header the file starts with, and every malformed row by line.
import { z } from 'zod';
import { folderPathProblem } from '../config/folder-path.js';
import { CsvMappingSchema } from './link-replay.js';
import type { BadRow } from './replay.js';

export const CSV_PREVIEW_MAX_ROWS = 200;
/** The preview reads at most this much of the file, however long its lines are. */
export const CSV_PREVIEW_MAX_BYTES = 1024 * 1024;

export const CsvPreviewRequestSchema = z
  .object({
    // The engine's own disk: an absolute local path (no network share, no ".." detour), as for data folders.
    path: z
      .string()
      .max(4096)
      .superRefine((p, ctx) => {
        const problem = folderPathProblem(p);
        if (problem) ctx.addIssue({ code: 'custom', message: `the CSV file ${problem}` });
      }),
    mapping: CsvMappingSchema,
    /** Data rows to parse (after the header rows). */
    rows: z.number().int().min(1).max(CSV_PREVIEW_MAX_ROWS, `a preview shows at most ${CSV_PREVIEW_MAX_ROWS} rows`).default(20),
  })
  .strict();
export type CsvPreviewRequest = z.infer<typeof CsvPreviewRequestSchema>;
export type CsvPreviewRequestInput = z.input<typeof CsvPreviewRequestSchema>;

/** One previewed data row: its line in the file, its time and the mapped channels' values (null: an empty cell, a gap). */
export interface CsvPreviewRow {
  line: number;
  timeMs: number;
  values: (number | null)[];
}

export interface CsvPreview {
  /** The fields of the last header line (empty without header rows). */
  header: string[];
  /** The separator the first line suggests (the one it holds most of), to offer when the mapping's finds one column. */
  detectedSeparator: ',' | ';' | 'tab';
  /** Most fields seen on one previewed line (header included). */
  columnCount: number;
  /** The raw fields of the previewed data lines, for the mapping table. */
  raw: { line: number; fields: string[] }[];
  rows: CsvPreviewRow[];
  /** Malformed lines among the previewed ones, by line number. */
  badRows: BadRow[];
  /** True when the file has more lines than were previewed. */
  more: boolean;
}
