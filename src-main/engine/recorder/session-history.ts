// History views of a recorded session: min/max buckets over any span, from the per-session
// summaries when zoomed out, from the samples when zoomed in.
import type { HistoryQuery, HistorySeries } from '@shared/domain/recording.js';
import { SUMMARY_LEVELS_MS, num, samplesTable, summaryTable, valueColumn } from './schema.js';

type Rows = (sql: string) => Promise<unknown[][]>;

/** Min and max of every channel per time bucket, computed by DuckDB. */
export async function historyOf(query: Rows, q: HistoryQuery): Promise<HistorySeries | undefined> {
  const info = (await query(`SELECT started_at, ended_at, channel_count FROM sessions WHERE id = ${num(q.sessionId)}`))[0];
  if (!info) return undefined;
  const channels = Number(info[2]);
  const table = samplesTable(q.sessionId);
  let from = q.fromMs;
  let to = q.toMs;
  if (from === undefined || to === undefined) {
    // The summary knows the span without scanning every sample.
    const coarse = SUMMARY_LEVELS_MS[SUMMARY_LEVELS_MS.length - 1] ?? 1000;
    const spanSql = (await hasSummary(query, q.sessionId)) ? `SELECT min(tmin), max(tmax) FROM ${summaryTable(q.sessionId, coarse)}` : `SELECT min(t), max(t) FROM ${table}`;
    const span = (await query(spanSql))[0];
    from ??= span?.[0] === null || span?.[0] === undefined ? Number(info[0]) : Number(span[0]);
    to ??= span?.[1] === null || span?.[1] === undefined ? from : Number(span[1]);
  }
  const width = Math.max((to - from) / q.buckets, 1e-9);
  const bucket = (col: string): string => `greatest(0, least(floor((${col} - ${num(from)}) / ${num(width)}), ${num(q.buckets - 1)}))::BIGINT`;
  // Zoomed out: aggregate the coarsest summary with ≥ 2 of its buckets per output bucket, else the samples.
  const level = [...SUMMARY_LEVELS_MS].reverse().find((ms) => width >= 2 * ms);
  const useSummary = level !== undefined && (await hasSummary(query, q.sessionId));
  const aggs = useSummary
    ? Array.from({ length: channels }, (_, c) => `min(mn${c}), max(mx${c})`).join(', ')
    : Array.from({ length: channels }, (_, c) => `min(${valueColumn(c)}), max(${valueColumn(c)})`).join(', ');
  const rows = useSummary
    ? await query(
        `SELECT ${bucket('tmin')} AS bk, min(tmin), max(tmax), sum(n)::DOUBLE${aggs ? ', ' + aggs : ''}
         FROM ${summaryTable(q.sessionId, level ?? 100)} WHERE tmax >= ${num(from)} AND tmin <= ${num(to)} GROUP BY bk ORDER BY bk`,
      )
    : await query(
        `SELECT ${bucket('t')} AS b, min(t), max(t), count(*)::DOUBLE${aggs ? ', ' + aggs : ''}
         FROM ${table} WHERE t >= ${num(from)} AND t <= ${num(to)} GROUP BY b ORDER BY b`,
      );
  const t: number[] = [];
  const y: number[][] = Array.from({ length: channels }, () => []);
  let frames = 0;
  for (const r of rows) {
    const n = Number(r[3]);
    frames += n;
    t.push(Number(r[1]));
    for (let c = 0; c < channels; c++) (y[c] as number[]).push(Number(r[4 + 2 * c]));
    if (n > 1) {
      t.push(Number(r[2]));
      for (let c = 0; c < channels; c++) (y[c] as number[]).push(Number(r[5 + 2 * c]));
    }
  }
  return { sessionId: q.sessionId, fromMs: from, toMs: to, channels, t, y, frames };
}

async function hasSummary(query: Rows, sessionId: number): Promise<boolean> {
  const coarse = SUMMARY_LEVELS_MS[SUMMARY_LEVELS_MS.length - 1] ?? 1000;
  const r = await query(`SELECT count(*) FROM duckdb_tables() WHERE table_name = '${summaryTable(sessionId, coarse)}'`);
  return Number(r[0]?.[0] ?? 0) > 0;
}
