// The CSV dialog's preview: the first rows of a file parsed exactly as a replay would parse
// them (same row reader), read in one bounded read of a regular file (never a device or a
// pipe, never more than CSV_PREVIEW_MAX_BYTES however long the lines are).
import { open } from 'node:fs/promises';
import { CSV_PREVIEW_MAX_BYTES, type CsvPreview, type CsvPreviewRequest, type CsvPreviewRow } from '@shared/domain/csv-preview.js';
import type { BadRow } from '@shared/domain/replay.js';
import { columnsNeeded, readCsvRow, separatorChar, splitCsvLine } from './csv-rows.js';

/** Reads the start of `path` (at most `maxBytes`); `complete` when that was the whole file. */
async function readHead(path: string, maxBytes: number): Promise<{ text: string; complete: boolean }> {
  const fh = await open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    const buf = Buffer.alloc(Math.min(maxBytes, st.size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { text: buf.subarray(0, bytesRead).toString('utf8'), complete: bytesRead >= st.size };
  } finally {
    await fh.close();
  }
}

function guessSeparator(line: string): CsvPreview['detectedSeparator'] {
  const count = (ch: string): number => line.split(ch).length - 1;
  const candidates: [CsvPreview['detectedSeparator'], number][] = [[',', count(',')], [';', count(';')], ['tab', count('\t')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return (candidates[0] as [CsvPreview['detectedSeparator'], number])[0];
}

/** Parses the first `req.rows` data rows; `now` is "0 seconds" for the `seconds` time format without `startAt`. */
export async function previewCsv(req: CsvPreviewRequest, now: number = Date.now(), maxBytes = CSV_PREVIEW_MAX_BYTES): Promise<CsvPreview> {
  const { mapping } = req;
  const head = await readHead(req.path, maxBytes);
  const lines = head.text.split('\n');
  // A line cut by the byte limit is not a row.
  if (!head.complete) lines.pop();
  const sep = separatorChar(mapping.separator);
  const need = columnsNeeded(mapping);
  const startAt = mapping.startAt ?? now;
  const out = new Float64Array(mapping.columns.length);
  const preview: CsvPreview = { header: [], detectedSeparator: guessSeparator((lines[0] ?? '').replace(/^\uFEFF/, '')), columnCount: 0, raw: [], rows: [], badRows: [], more: false };
  let dataRows = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = (lines[i] as string).replace(/\r$/, '');
    if (lineNo === 1) line = line.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    if (dataRows === req.rows) {
      preview.more = true;
      break;
    }
    let fields: string[];
    try {
      fields = splitCsvLine(line, sep);
    } catch (err) {
      if (lineNo > mapping.headerRows) {
        dataRows++;
        preview.badRows.push({ line: lineNo, reason: (err as Error).message });
      }
      continue;
    }
    preview.columnCount = Math.max(preview.columnCount, fields.length);
    if (lineNo <= mapping.headerRows) {
      if (lineNo === mapping.headerRows) preview.header = fields.map((f) => f.trim());
      continue;
    }
    dataRows++;
    preview.raw.push({ line: lineNo, fields });
    const t = readCsvRow(fields, mapping, need, startAt, out, 0);
    if (typeof t === 'string') {
      preview.badRows.push({ line: lineNo, reason: t } satisfies BadRow);
      continue;
    }
    preview.rows.push({ line: lineNo, timeMs: t, values: Array.from(out, (v) => (Number.isNaN(v) ? null : v)) } satisfies CsvPreviewRow);
  }
  if (!head.complete && !preview.more) preview.more = true;
  return preview;
}
