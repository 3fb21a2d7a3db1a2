// The console's bounded history: received bytes are cut into lines (at LF, or every
// MAX_LINE_BYTES), each send is one record. Pure, so it is unit tested without a DOM.
import type { ConsoleBatch } from '@shared/domain/link.js';

export interface ConsoleRecord {
  id: number;
  dir: 'rx' | 'tx';
  /** Epoch ms of the record's first byte. */
  t: number;
  bytes: Uint8Array;
}

export interface ConsoleLog {
  records: ConsoleRecord[];
  /** Received bytes after the last line end (shown as the last, growing line). */
  partial: ConsoleRecord | null;
  nextId: number;
  /** Bytes the engine did not forward (console budget) plus lines dropped from the history. */
  skippedBytes: number;
  droppedRecords: number;
}

/** The memory bound of the history (the panel shows all of it, virtualised). */
export const MAX_RECORDS = 10_000;
export const MAX_LINE_BYTES = 512;

export const EMPTY_CONSOLE: ConsoleLog = { records: [], partial: null, nextId: 1, skippedBytes: 0, droppedRecords: 0 };

export function decodeBase64(data: string): Uint8Array {
  const bin = atob(data);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function appendConsole(log: ConsoleLog, batch: ConsoleBatch, maxRecords = MAX_RECORDS): ConsoleLog {
  const records = [...log.records];
  let partial = log.partial;
  let nextId = log.nextId;
  const push = (r: ConsoleRecord) => records.push(r);
  for (const entry of batch.entries) {
    const bytes = decodeBase64(entry.data);
    if (entry.dir === 'tx') {
      push({ id: nextId++, dir: 'tx', t: entry.t, bytes });
      continue;
    }
    let start = 0;
    while (start < bytes.length) {
      const room = MAX_LINE_BYTES - (partial?.bytes.length ?? 0);
      let end = bytes.indexOf(10, start);
      const lineEnd = end >= 0 && end - start < room;
      end = lineEnd ? end + 1 : Math.min(bytes.length, start + room);
      const piece = bytes.subarray(start, end);
      partial = partial ? { ...partial, bytes: concat(partial.bytes, piece) } : { id: nextId++, dir: 'rx', t: entry.t, bytes: piece.slice() };
      if (lineEnd || partial.bytes.length >= MAX_LINE_BYTES) {
        push(partial);
        partial = null;
      }
      start = end;
    }
  }
  const over = records.length - maxRecords;
  return {
    records: over > 0 ? records.slice(over) : records,
    partial,
    nextId,
    skippedBytes: log.skippedBytes + batch.skippedBytes,
    droppedRecords: log.droppedRecords + Math.max(0, over),
  };
}

/** All records to show, the growing partial line last. */
export function consoleRows(log: ConsoleLog): ConsoleRecord[] {
  return log.partial ? [...log.records, log.partial] : log.records;
}

export interface ConsoleSearch {
  /** The newest matching rows, at most `maxRows` (what is drawn). */
  rows: ConsoleRecord[];
  /** Every matching row in the history searched, shown or not. */
  matches: number;
}

/** Searches the whole history (case-insensitive, as rendered); an empty query matches every row. */
export function searchConsole(log: ConsoleLog, query: string, render: (bytes: Uint8Array) => string, maxRows: number): ConsoleSearch {
  const all = consoleRows(log);
  const q = query.trim().toLowerCase();
  const hits = q ? all.filter((r) => render(r.bytes).toLowerCase().includes(q)) : all;
  return { rows: hits.slice(-maxRows), matches: hits.length };
}

const CONTROL: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r', 0: '\\0' };

/** Printable text; control bytes shown as escapes (\\r, \\n, \\xNN) so nothing is invisible. */
export function asText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b >= 32 && b < 127) s += String.fromCharCode(b);
    else s += CONTROL[b] ?? `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return s;
}

export function asHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
