// Streams one session (or a time range of it) to CSV or Parquet on disk: never the
// whole file in memory. Writes `<target>.part` and renames it when complete; on
// cancel or error the partial file is removed and the error names the cause.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { rename, rm, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ExportRequest, SessionInfo } from '@shared/domain/recording.js';
import { num, samplesTable, valueColumn } from '../recorder/schema.js';
import { CRLF, DELIMITERS, UTF8_BOM, headerCell, isoMicros, neutralise, secondsSince, textCell } from './csv-format.js';
import { eventsSidecarName } from '@shared/domain/export-names.js';

export interface ExportTick {
  rowsDone: number;
  rowsTotal: number;
}

export interface ExportOutcome {
  rows: number;
  bytes: number;
  eventsFile: string | null;
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled by the operator');
  }
}

function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

function selection(session: SessionInfo, req: ExportRequest): { channels: number[]; where: string } {
  const all = session.channels.map((c) => c.index);
  const channels = req.channels && req.channels.length > 0 ? req.channels : all;
  for (const c of channels) {
    if (!all.includes(c)) throw new Error(`channels: session ${session.id} has no channel ${c}`);
  }
  const parts: string[] = [];
  if (req.fromMs !== undefined) parts.push(`t >= ${num(req.fromMs)}`);
  if (req.toMs !== undefined) parts.push(`t <= ${num(req.toMs)}`);
  return { channels, where: parts.length ? `WHERE ${parts.join(' AND ')}` : '' };
}

async function countRows(con: DuckDBConnection, table: string, where: string): Promise<number> {
  const r = await con.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${table} ${where}`);
  return Number(r.getRowsJS()[0]?.[0] ?? 0);
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve, reject) => {
    const onErr = (e: Error): void => reject(e);
    out.once('error', onErr);
    out.once('drain', () => {
      out.off('error', onErr);
      resolve();
    });
  });
}

async function closeStream(out: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

export async function exportSession(
  con: DuckDBConnection,
  session: SessionInfo,
  req: ExportRequest,
  target: string,
  onTick: (tick: ExportTick) => void,
  signal: AbortSignal,
): Promise<ExportOutcome> {
  const part = `${target}.part`;
  const eventsFile = req.eventsSidecar && req.format === 'csv' ? eventsSidecarName(target) : null;
  try {
    const rows = req.format === 'csv' ? await writeCsv(con, session, req, part, onTick, signal) : await writeParquet(con, session, req, part, onTick, signal);
    if (eventsFile) await writeEventsCsv(con, session, req, `${eventsFile}.part`, signal);
    await rename(part, target);
    if (eventsFile) await rename(`${eventsFile}.part`, eventsFile);
    return { rows, bytes: (await stat(target)).size, eventsFile };
  } catch (err) {
    await rm(part, { force: true });
    if (eventsFile) await rm(`${eventsFile}.part`, { force: true });
    if (signal.aborted) throw new ExportCancelled();
    throw err;
  }
}

/** What both formats export: the table, the chosen channels and rows, and each column's "name [unit]". */
async function exportScope(con: DuckDBConnection, session: SessionInfo, req: ExportRequest) {
  const table = samplesTable(session.id);
  const { channels, where } = selection(session, req);
  const rowsTotal = await countRows(con, table, where);
  const byIndex = new Map(session.channels.map((c) => [c.index, c]));
  const columnName = (c: number): string => headerCell(byIndex.get(c)?.name ?? `ch${c + 1}`, byIndex.get(c)?.unit ?? '');
  return { table, channels, where, rowsTotal, columnName };
}

/**
 * CSV: the rows are formatted by DuckDB's COPY in its own threads (2–3× faster than JS number
 * formatting, measured) straight into the file, header included: each column is aliased as its
 * header cell (neutralised; DuckDB quotes it by the same RFC 4180 rule) and the BOM leads the first
 * one, "Time (UTC)", which never needs quotes. Names DuckDB cannot take as distinct column names
 * (duplicates ignoring case, empty) fall back to a header written here and the rows appended after
 * it, which costs one more pass over the file. Numbers use DuckDB's shortest round-trip form; with a
 * decimal comma they are cast and the point replaced.
 */
async function writeCsv(
  con: DuckDBConnection,
  session: SessionInfo,
  req: ExportRequest,
  file: string,
  onTick: (tick: ExportTick) => void,
  signal: AbortSignal,
): Promise<number> {
  const { table, channels, where, rowsTotal, columnName } = await exportScope(con, session, req);
  const d = DELIMITERS[req.delimiter];
  const names = ['Time (UTC)', 'Seconds', ...channels.map(columnName)];
  const decimalComma = req.decimal === 'comma';
  const numExpr = (sql: string): string => (decimalComma ? `replace(CAST(${sql} AS VARCHAR), '.', ',')` : sql);
  const exprs = [
    `strftime(make_timestamp(round(t * 1000)::BIGINT), '%Y-%m-%dT%H:%M:%S.%fZ')`,
    numExpr(`round((t - ${num(session.startedAt)}) * 1000) / 1e6`),
    ...channels.map((c) => numExpr(valueColumn(c))),
  ];
  const options = `FORMAT csv, DELIMITER ${sqlString(d)}, QUOTE '"', NEW_LINE '\r\n'`;
  const aliases = names.map(neutralise);
  if (req.bom) aliases[0] = UTF8_BOM + aliases[0];
  if (new Set(aliases.map((a) => a.toLowerCase())).size === aliases.length && aliases.every((a) => a.length > 0)) {
    const cols = exprs.map((e, i) => `${e} AS ${sqlIdent(aliases[i] as string)}`).join(', ');
    await runWithProgress(con, `COPY (SELECT ${cols} FROM ${table} ${where}) TO ${sqlString(file)} (${options}, HEADER true)`, rowsTotal, 1, onTick, signal);
    if (signal.aborted) throw new ExportCancelled();
    onTick({ rowsDone: rowsTotal, rowsTotal });
    return rowsTotal;
  }

  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const header = names.map((h) => textCell(h, d)).join(d);
  await Promise.race([write(out, (req.bom ? UTF8_BOM : '') + header + CRLF), failed]);
  await Promise.race([closeStream(out), failed]);
  const body = `${file}.rows`;
  try {
    await runWithProgress(con, `COPY (SELECT ${exprs.join(', ')} FROM ${table} ${where}) TO ${sqlString(body)} (${options}, HEADER false)`, rowsTotal, 0.95, onTick, signal);
    if (signal.aborted) throw new ExportCancelled();
    await pipeline(createReadStream(body), createWriteStream(file, { flags: 'a' }), { signal });
  } finally {
    await rm(body, { force: true });
  }
  onTick({ rowsDone: rowsTotal, rowsTotal });
  return rowsTotal;
}

/** Runs a long statement, reporting DuckDB's progress as rows; Cancel interrupts it. */
async function runWithProgress(
  con: DuckDBConnection,
  sql: string,
  rowsTotal: number,
  share: number,
  onTick: (tick: ExportTick) => void,
  signal: AbortSignal,
): Promise<void> {
  const onAbort = (): void => con.interrupt();
  signal.addEventListener('abort', onAbort);
  const poll = setInterval(() => {
    const pct = con.progress.percentage;
    if (pct >= 0) onTick({ rowsDone: Math.floor((rowsTotal * share * pct) / 100), rowsTotal });
  }, 100);
  try {
    await con.run(sql);
  } finally {
    clearInterval(poll);
    signal.removeEventListener('abort', onAbort);
  }
}

async function writeParquet(
  con: DuckDBConnection,
  session: SessionInfo,
  req: ExportRequest,
  file: string,
  onTick: (tick: ExportTick) => void,
  signal: AbortSignal,
): Promise<number> {
  const { table, channels, where, rowsTotal, columnName } = await exportScope(con, session, req);
  const cols = channels.map((c) => `${valueColumn(c)} AS ${sqlIdent(columnName(c))}`).join(', ');
  // AT TIME ZONE 'UTC': a TIMESTAMPTZ (Parquet isAdjustedToUTC=true) for the same instant, whatever the session's zone.
  const sql = `COPY (SELECT make_timestamp(round(t * 1000)::BIGINT) AT TIME ZONE 'UTC' AS "Time (UTC)", round((t - ${num(session.startedAt)}) * 1000) / 1e6 AS "Seconds", t AS "Epoch ms"${cols ? ', ' + cols : ''}
    FROM ${table} ${where}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`;
  await runWithProgress(con, sql, rowsTotal, 1, onTick, signal);
  onTick({ rowsDone: rowsTotal, rowsTotal });
  return rowsTotal;
}

async function writeEventsCsv(con: DuckDBConnection, session: SessionInfo, req: ExportRequest, file: string, signal: AbortSignal): Promise<void> {
  const parts = [`session_id = ${num(session.id)}`];
  if (req.fromMs !== undefined) parts.push(`t >= ${num(req.fromMs)}`);
  if (req.toMs !== undefined) parts.push(`t <= ${num(req.toMs)}`);
  const reader = await con.runAndReadAll(`SELECT t, kind, data FROM events WHERE ${parts.join(' AND ')} ORDER BY t`);
  const d = DELIMITERS[req.delimiter];
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  await Promise.race([write(out, (req.bom ? UTF8_BOM : '') + ['Time (UTC)', 'Seconds', 'Kind', 'Data'].join(d) + CRLF), failed]);
  for (const [t, kind, data] of reader.getRowsJS()) {
    if (signal.aborted) throw new ExportCancelled();
    const tn = Number(t);
    const line = [isoMicros(tn), secondsSince(tn, session.startedAt, req.decimal), textCell(String(kind), d), textCell(String(data), d)].join(d);
    await Promise.race([write(out, line + CRLF), failed]);
  }
  await Promise.race([closeStream(out), failed]);
}
