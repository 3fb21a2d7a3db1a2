// The device settings form: values (numbers as typed text), the request they make, the
// shared schema that checks it and the field that shows each issue path.
import {
  DeviceSettingsSchema,
  MAX_CHANNELS,
  signalFor,
  type DeviceSettings,
  type DeviceSettingsInput,
  type SignalShape,
} from '@shared/domain/device.js';
import type { LinkKind } from '@shared/domain/link.js';
import { FORM_KEY } from '../../ui/forms/fieldErrors';
import { parseNumber } from '../../ui/forms/parseNumber';
import type { SettingsFormSpec } from '../../ui/forms/settingsForm';
import { formatValuesFromSettings, formatInput, type FormatValues } from './formatForm';
import { linkValuesFromSettings, linkInput, type LinkValues } from './linkForm';

export interface SignalValues {
  shape: SignalShape;
  amplitude: string;
  offset: string;
  periodSec: string;
}

export interface DeviceFormValues {
  source: string;
  /** Per-kind link settings (the one matching `source` is sent). */
  link: LinkValues;
  channels: string;
  rateHz: string;
  autoStart: boolean;
  signals: SignalValues[];
  /** Frame format of real links (the simulator always sends its own CSV). */
  format: FormatValues;
}

function signalValues(settings: Pick<DeviceSettings, 'signals'>, index: number): SignalValues {
  const s = signalFor(settings, index);
  return { shape: s.shape, amplitude: String(s.amplitude), offset: String(s.offset), periodSec: String(s.periodSec) };
}

export function deviceFormValues(settings: DeviceSettings): DeviceFormValues {
  return {
    source: settings.source,
    link: linkValuesFromSettings(settings.link),
    channels: String(settings.channels),
    rateHz: String(settings.rateHz),
    autoStart: settings.autoStart,
    signals: Array.from({ length: settings.channels }, (_, i) => signalValues(settings, i)),
    format: formatValuesFromSettings(settings.format),
  };
}

/** How many signal rows the form shows: the typed channel count, clamped to 1…32. */
export function signalRowCount(values: Pick<DeviceFormValues, 'channels' | 'signals'>): number {
  const n = Math.floor(parseNumber(values.channels));
  return Number.isFinite(n) ? Math.min(MAX_CHANNELS, Math.max(1, n)) : values.signals.length;
}

/** Grows the signal list to the row count with default signals (never shrinks: typing 2 then 8 keeps edits). */
export function withSignalRows<V extends Pick<DeviceFormValues, 'channels' | 'signals'>>(values: V): V {
  const rows = signalRowCount(values);
  if (values.signals.length >= rows) return values;
  const signals = [...values.signals];
  for (let i = signals.length; i < rows; i++) signals.push(signalValues({ signals: [] }, i));
  return { ...values, signals };
}

/** The request payload: exactly one signal per configured channel. */
export function deviceInput(values: DeviceFormValues): DeviceSettingsInput {
  const rows = signalRowCount(values);
  return {
    source: values.source as DeviceSettingsInput['source'],
    link: linkInput(values.source as LinkKind, values.link),
    channels: parseNumber(values.channels),
    rateHz: parseNumber(values.rateHz),
    autoStart: values.autoStart,
    signals: values.signals.slice(0, rows).map((s) => ({
      shape: s.shape,
      amplitude: parseNumber(s.amplitude),
      offset: parseNumber(s.offset),
      periodSec: parseNumber(s.periodSec),
    })),
    format: formatInput(values.format),
  };
}

const TOP_FIELDS = new Set(['source', 'channels', 'rateHz', 'autoStart', 'signals']);
const SIGNAL_FIELDS = new Set(['shape', 'amplitude', 'offset', 'periodSec']);
const LINK_FIELDS = new Set(['path', 'baudRate', 'dataBits', 'parity', 'stopBits', 'flowControl', 'dtrOnOpen', 'rtsOnOpen', 'match', 'host', 'port', 'bindAddress']);

/**
 * The device-form field an issue path points at: `rateHz`, `channels`, `signals.2.periodSec`…
 * A `device.` prefix (config-level paths) is ignored; unknown paths go to FORM_KEY.
 */
export function deviceFieldKey(path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'device') parts.shift();
  const [head, index, field] = parts;
  if (head === undefined) return FORM_KEY;
  if (head === 'signals' && index !== undefined && /^\d+$/.test(index)) {
    if (field !== undefined && SIGNAL_FIELDS.has(field)) return `signals.${index}.${field}`;
    return `signals.${index}`;
  }
  // Link fields: `link.path`, `link.baudRate`… (a bad `kind` belongs to the source select).
  if (head === 'link') return index !== undefined && LINK_FIELDS.has(index) ? `link.${index}` : 'source';
  // Frame format fields keep their full path: `format.separator`, `format.layout.2.type`.
  if (head === 'format') return parts.join('.');
  return TOP_FIELDS.has(head) ? head : FORM_KEY;
}

export const deviceFormSpec: SettingsFormSpec<DeviceSettings, DeviceFormValues, DeviceSettingsInput> = {
  schema: DeviceSettingsSchema,
  toValues: deviceFormValues,
  toInput: deviceInput,
  keyFor: deviceFieldKey,
};
