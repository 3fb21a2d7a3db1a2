// The recording settings form (config.recording): numbers as typed text, the shared
// schema checks them, the engine's issues (`recording.flushMs`…) land at the same field.
import { RecordingSettingsSchema, type RecordingSettings } from '@shared/config/app-config.js';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { parseNumber } from '../../ui/forms/parseNumber';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';

export interface RecordingFormValues {
  enabled: boolean;
  folder: string;
  flushMs: string;
  retentionDays: string;
  retentionMaxMb: string;
}

type RecordingInput = Partial<Record<keyof RecordingSettings, unknown>>;

const FIELDS = new Set(['enabled', 'folder', 'flushMs', 'retentionDays', 'retentionMaxMb']);

export function recordingFormValues(s: RecordingSettings): RecordingFormValues {
  return { enabled: s.enabled, folder: s.folder, flushMs: String(s.flushMs), retentionDays: String(s.retentionDays), retentionMaxMb: String(s.retentionMaxMb) };
}

export function recordingInput(v: RecordingFormValues): RecordingInput {
  return { enabled: v.enabled, folder: v.folder, flushMs: parseNumber(v.flushMs), retentionDays: parseNumber(v.retentionDays), retentionMaxMb: parseNumber(v.retentionMaxMb) };
}

/** `recording.flushMs` or `flushMs` → `flushMs`; anything else → the form line. */
export function recordingFieldKey(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'recording') parts.shift();
  const head = parts[0];
  return head !== undefined && FIELDS.has(head) ? head : FORM_KEY;
}

export const recordingFormSpec: SettingsFormSpec<RecordingSettings, RecordingFormValues, RecordingInput> = {
  schema: RecordingSettingsSchema,
  toValues: recordingFormValues,
  toInput: recordingInput,
  keyFor: recordingFieldKey,
};
