// Editable form state of the device settings. Numbers stay strings while typing so a
// half-typed value is not coerced; conversion happens once, when the form is applied.
import {
  DeviceSettingsSchema,
  MAX_CHANNELS,
  signalFor,
  type DeviceSettings,
  type DeviceSettingsInput,
  type SignalShape,
} from '@shared/domain/device.js';
import type { LinkKind } from '@shared/domain/link.js';
import type { FieldIssue } from '@shared/domain/result.js';
import { toFieldIssues } from '../../ui/forms/fieldErrors';
import { formatDraftFromSettings, formatDraftToInput, type FormatDraft } from './formatDraft';
import { linkDraftFromSettings, linkDraftToInput, type LinkDraft } from './linkDraft';
import { parseNumber } from '../../ui/forms/parseNumber';

export { parseNumber };
export interface SignalDraft {
  shape: SignalShape;
  amplitude: string;
  offset: string;
  periodSec: string;
}

export interface DeviceDraft {
  source: string;
  /** Per-kind link settings (the one matching `source` is sent). */
  link: LinkDraft;
  channels: string;
  rateHz: string;
  autoStart: boolean;
  signals: SignalDraft[];
  /** Frame format of real links (the simulator always sends its own CSV). */
  format: FormatDraft;
}

function signalDraft(settings: Pick<DeviceSettings, 'signals'>, index: number): SignalDraft {
  const s = signalFor(settings, index);
  return { shape: s.shape, amplitude: String(s.amplitude), offset: String(s.offset), periodSec: String(s.periodSec) };
}

export function draftFromSettings(settings: DeviceSettings): DeviceDraft {
  return {
    source: settings.source,
    link: linkDraftFromSettings(settings.link),
    channels: String(settings.channels),
    rateHz: String(settings.rateHz),
    autoStart: settings.autoStart,
    signals: Array.from({ length: settings.channels }, (_, i) => signalDraft(settings, i)),
    format: formatDraftFromSettings(settings.format),
  };
}


/** How many signal rows the form shows: the typed channel count, clamped to 1…32. */
export function signalRowCount(draft: DeviceDraft): number {
  const n = Math.floor(parseNumber(draft.channels));
  return Number.isFinite(n) ? Math.min(MAX_CHANNELS, Math.max(1, n)) : draft.signals.length;
}

/** Grows the signal list to the row count with default signals (never shrinks: typing 2 then 8 keeps edits). */
export function withSignalRows(draft: DeviceDraft): DeviceDraft {
  const rows = signalRowCount(draft);
  if (draft.signals.length >= rows) return draft;
  const signals = [...draft.signals];
  for (let i = signals.length; i < rows; i++) signals.push(signalDraft({ signals: [] }, i));
  return { ...draft, signals };
}

/** The request payload: exactly one signal per configured channel. */
export function draftToInput(draft: DeviceDraft): DeviceSettingsInput {
  const rows = signalRowCount(draft);
  return {
    source: draft.source as DeviceSettingsInput['source'],
    link: linkDraftToInput(draft.source as LinkKind, draft.link),
    channels: parseNumber(draft.channels),
    rateHz: parseNumber(draft.rateHz),
    autoStart: draft.autoStart,
    signals: draft.signals.slice(0, rows).map((s) => ({
      shape: s.shape,
      amplitude: parseNumber(s.amplitude),
      offset: parseNumber(s.offset),
      periodSec: parseNumber(s.periodSec),
    })),
    format: formatDraftToInput(draft.format),
  };
}

export type DraftValidation = { ok: true; input: DeviceSettingsInput } | { ok: false; issues: FieldIssue[] };

/** Validates with the shared schema before anything is sent. */
export function validateDraft(draft: DeviceDraft): DraftValidation {
  const input = draftToInput(draft);
  const parsed = DeviceSettingsSchema.safeParse(input);
  return parsed.success ? { ok: true, input } : { ok: false, issues: toFieldIssues(parsed.error.issues) };
}
