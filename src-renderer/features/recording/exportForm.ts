// The export form (File › Export…): scope, format and CSV options as form values; the
// request is checked with the shared ExportRequestSchema, and the engine's issues
// (`fromMs`, `decimal`…) land at the same fields.
import { ExportRequestSchema, type ExportRequestInput, type SessionInfo } from '@shared/domain/recording.js';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { parseNumber } from '../../ui/forms/parseNumber';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

export interface ExportFormValues {
  sessionId: string;
  /** Start of the chosen session (ms since epoch): the range is typed in seconds since then. */
  startedAt: number;
  format: 'csv' | 'parquet';
  ranged: boolean;
  fromSec: string;
  toSec: string;
  channels: number[];
  delimiter: 'comma' | 'semicolon' | 'tab';
  decimal: 'point' | 'comma';
  bom: boolean;
  eventsSidecar: boolean;
}

/** The session part of the values (a new session picks all its channels). */
export function sessionValues(session: SessionInfo | undefined): Pick<ExportFormValues, 'sessionId' | 'startedAt' | 'channels'> {
  return { sessionId: session ? String(session.id) : '', startedAt: session?.startedAt ?? 0, channels: session?.channels.map((c) => c.index) ?? [] };
}

export function exportFormValues(session: SessionInfo | undefined): ExportFormValues {
  return { ...sessionValues(session), format: 'csv', ranged: false, fromSec: '0', toSec: '', delimiter: 'comma', decimal: 'point', bom: true, eventsSidecar: false };
}

export function exportInput(v: ExportFormValues): ExportRequestInput {
  const req: ExportRequestInput = {
    sessionId: parseNumber(v.sessionId),
    format: v.format,
    channels: v.channels,
    delimiter: v.delimiter,
    decimal: v.decimal,
    bom: v.bom,
    eventsSidecar: v.eventsSidecar,
  };
  if (v.ranged) {
    req.fromMs = v.startedAt + parseNumber(v.fromSec) * 1000;
    // A blank "to" is the end of the session.
    if (v.toSec.trim() !== '') req.toMs = v.startedAt + parseNumber(v.toSec) * 1000;
  }
  return req;
}

const FIELDS = new Set(['sessionId', 'format', 'fromMs', 'toMs', 'channels', 'delimiter', 'decimal', 'bom', 'eventsSidecar']);

export function exportFieldKey(path: string): string {
  const head = path.split('.').filter((p) => p !== '')[0];
  return head !== undefined && FIELDS.has(head) ? head : FORM_KEY;
}

/** What the dialog opens with: the preselected (or newest) session, if any. */
export interface ExportStart {
  session: SessionInfo | undefined;
}

export const exportFormSpec: SettingsFormSpec<ExportStart, ExportFormValues, ExportRequestInput> = {
  schema: ExportRequestSchema,
  toValues: (start) => exportFormValues(start.session),
  toInput: exportInput,
  keyFor: exportFieldKey,
};
