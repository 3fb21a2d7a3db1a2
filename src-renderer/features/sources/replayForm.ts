// The replay source's settings form: a recorded session or a CSV file with its column mapping,
// speed and loop. Column numbers show 1-based (as a spreadsheet counts); the request is 0-based.
import { ReplayLinkSchema, type CsvMappingInput, type ReplayLinkSettings } from '@shared/domain/link-replay.js';
import type { LinkSettingsInput } from '@shared/domain/link.js';
import type { CsvPreviewRequestInput } from '@shared/domain/csv-preview.js';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { parseNumber } from '../../ui/forms/parseNumber';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

export interface ColumnValues {
  column: string;
  name: string;
  unit: string;
}

export interface ReplayFormValues {
  type: 'session' | 'csv';
  sessionId: string;
  /** The chosen session's channels (names and units), as the session list shows them. */
  sessionChannels: { name: string; unit: string }[];
  path: string;
  separator: string;
  decimal: string;
  headerRows: string;
  timeColumn: string;
  timeFormat: string;
  startAt: string;
  columns: ColumnValues[];
  speed: string;
  asFastAsPossible: boolean;
  loop: boolean;
}

export const DEFAULT_REPLAY_VALUES: ReplayFormValues = {
  type: 'csv',
  sessionId: '',
  sessionChannels: [],
  path: '',
  separator: ',',
  decimal: 'point',
  headerRows: '1',
  timeColumn: '1',
  timeFormat: 'iso',
  startAt: '',
  columns: [],
  speed: '1',
  asFastAsPossible: false,
  loop: false,
};

export function replayFormValues(link: Partial<ReplayLinkSettings> | undefined): ReplayFormValues {
  const v: ReplayFormValues = { ...DEFAULT_REPLAY_VALUES, columns: [], sessionChannels: [] };
  if (!link?.source) return v;
  v.speed = String(link.speed ?? 1);
  v.asFastAsPossible = link.asFastAsPossible ?? false;
  v.loop = link.loop ?? false;
  const s = link.source;
  if (s.type === 'session') {
    v.type = 'session';
    v.sessionId = String(s.sessionId);
    v.sessionChannels = s.channels.map((c) => ({ name: c.name, unit: c.unit }));
  } else {
    const m = s.mapping;
    v.type = 'csv';
    v.path = s.path;
    v.separator = m.separator;
    v.decimal = m.decimal;
    v.headerRows = String(m.headerRows);
    v.timeColumn = String(m.timeColumn + 1);
    v.timeFormat = m.timeFormat;
    v.startAt = m.startAt === undefined ? '' : new Date(m.startAt).toISOString();
    v.columns = m.columns.map((c) => ({ column: String(c.column + 1), name: c.name, unit: c.unit }));
  }
  return v;
}

const col = (text: string): number => parseNumber(text) - 1;

export function csvMappingInput(v: ReplayFormValues): CsvMappingInput {
  const startAt = v.startAt.trim() === '' ? undefined : Date.parse(v.startAt.trim());
  return {
    separator: v.separator as CsvMappingInput['separator'],
    decimal: v.decimal as 'point' | 'comma',
    headerRows: parseNumber(v.headerRows),
    timeColumn: col(v.timeColumn),
    timeFormat: v.timeFormat as CsvMappingInput['timeFormat'],
    ...(startAt === undefined ? {} : { startAt }),
    columns: v.columns.map((c) => ({ column: col(c.column), name: c.name.trim(), unit: c.unit })),
  };
}

export function replayInput(v: ReplayFormValues): LinkSettingsInput {
  const source =
    v.type === 'session'
      ? { type: 'session' as const, sessionId: parseNumber(v.sessionId), channels: v.sessionChannels }
      : { type: 'csv' as const, path: v.path.trim(), mapping: csvMappingInput(v) };
  return { kind: 'replay', source, speed: parseNumber(v.speed), asFastAsPossible: v.asFastAsPossible, loop: v.loop };
}

/** The preview request for the dialog's current values (the mapping may still be incomplete: the engine says what). */
export function previewInput(v: ReplayFormValues, rows = 20): CsvPreviewRequestInput {
  return { path: v.path.trim(), mapping: csvMappingInput(v), rows };
}

/** `source.mapping.columns.2.name` → `columns.2.name`; `source.path` → `path`. */
export function replayFieldKey(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'link') parts.shift();
  if (parts[0] === 'source') parts.shift();
  if (parts[0] === 'mapping') parts.shift();
  if (parts.length === 0) return FORM_KEY;
  if (parts[0] === 'channels') return 'sessionId';
  if (parts[0] === 'columns') return parts.length >= 3 ? parts.slice(0, 3).join('.') : 'columns';
  return parts[0] as string;
}

export const replayFormSpec: SettingsFormSpec<Partial<ReplayLinkSettings> | undefined, ReplayFormValues, LinkSettingsInput> = {
  schema: ReplayLinkSchema,
  toValues: replayFormValues,
  toInput: replayInput,
  keyFor: replayFieldKey,
};
