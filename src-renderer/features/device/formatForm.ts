// Form values of the frame format: every kind keeps its own options so switching
// CSV → binary → CSV loses nothing typed. Numbers stay text until applied.
import { FRAME_TEMPLATES } from '@shared/domain/frame-templates.js';
import { parseNumber as num } from '../../ui/forms/parseNumber';
import type { BinaryFieldType, BinaryFraming, ChannelOverride, ChannelOverrideInput, ChecksumKind, FrameFormat, FrameFormatInput } from '@shared/domain/frame-format.js';

export interface BinaryFieldValues {
  name: string;
  type: BinaryFieldType;
  endian: 'le' | 'be';
  scale: string;
  offset: string;
  unit: string;
}

/** Operator override of one channel (by index); blank name = the decoded name. */
export interface ChannelOverrideValues {
  name: string;
  unit: string;
  scale: string;
  offset: string;
}

export const IDENTITY_OVERRIDE: ChannelOverrideValues = { name: '', unit: '', scale: '1', offset: '0' };

export interface FormatValues {
  kind: FrameFormat['kind'];
  /** 'lf' | 'crlf' | 'custom' */
  delimiter: string;
  customDelimiter: string;
  maxLineBytes: string;
  separator: string;
  header: boolean;
  seqField: boolean;
  seqName: string;
  seqPath: string;
  framing: BinaryFraming;
  crc: ChecksumKind;
  binarySeqField: string;
  maxFrameBytes: string;
  layout: BinaryFieldValues[];
  /** Per-channel name, unit, scale, offset by index. */
  channels: ChannelOverrideValues[];
  /** Sync framings: sync word (hex), length field, checksum byte order and coverage. */
  sync: string;
  lengthType: 'u8' | 'u16';
  lengthEndian: 'le' | 'be';
  lengthCounts: 'payload' | 'frame';
  crcEndian: 'le' | 'be';
  crcFrom: 'after-sync' | 'sync';
  /** Parser script source (kind script). */
  scriptSource: string;
  /** Sentence and script formats as last applied or picked from a template (their other options). */
  whole?: FrameFormat;
}

export const DEFAULT_FORMAT_VALUES: FormatValues = {
  kind: 'csv',
  delimiter: 'lf',
  customDelimiter: '',
  maxLineBytes: '4096',
  separator: ',',
  header: false,
  seqField: true,
  seqName: '',
  seqPath: '',
  framing: 'cobs',
  crc: 'crc16-ccitt-false',
  binarySeqField: '',
  maxFrameBytes: '1024',
  layout: [{ name: 'ch1', type: 'f32', endian: 'le', scale: '1', offset: '0', unit: '' }],
  channels: [],
  sync: 'AA55',
  lengthType: 'u8',
  lengthEndian: 'le',
  lengthCounts: 'payload',
  crcEndian: 'le',
  crcFrom: 'after-sync',
  scriptSource: '',
};

/** A template's format (the templates are part of the shared domain). */
function templateFormat(id: string): FrameFormatInput {
  const t = FRAME_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no frame template "${id}"`);
  return t.format;
}


function overrideValues(o: ChannelOverride): ChannelOverrideValues {
  return { name: o.name ?? '', unit: o.unit, scale: String(o.scale), offset: String(o.offset) };
}

function isIdentity(o: ChannelOverrideValues): boolean {
  return o.name.trim() === '' && o.unit.trim() === '' && o.scale.trim() === '1' && o.offset.trim() === '0';
}

/** Overrides for the request: trailing rows that change nothing are dropped. */
function overridesToInput(rows: readonly ChannelOverrideValues[]): ChannelOverrideInput[] {
  let n = rows.length;
  while (n > 0 && isIdentity(rows[n - 1] as ChannelOverrideValues)) n--;
  return rows.slice(0, n).map((o) => ({ ...(o.name.trim() ? { name: o.name.trim() } : {}), unit: o.unit.trim(), scale: num(o.scale), offset: num(o.offset) }));
}

export function formatValuesFromSettings(f: FrameFormat): FormatValues {
  const d: FormatValues = { ...DEFAULT_FORMAT_VALUES, kind: f.kind, channels: f.channels.map(overrideValues) };
  if (f.kind === 'binary') {
    return {
      ...d,
      framing: f.framing,
      crc: f.crc,
      sync: f.sync ?? d.sync,
      lengthType: f.length?.type ?? 'u8',
      lengthEndian: f.length?.endian ?? 'le',
      lengthCounts: f.length?.counts ?? 'payload',
      crcEndian: f.crcEndian,
      crcFrom: f.crcFrom,
      // The device time field has no editor yet: kept as configured (or from a template).
      whole: f,
      binarySeqField: f.seqField ?? '',
      maxFrameBytes: String(f.maxFrameBytes),
      layout: f.layout.map((l) => ({ name: l.name, type: l.type, endian: l.endian, scale: String(l.scale), offset: String(l.offset), unit: l.unit })),
    };
  }
  if (f.kind === 'script') return { ...d, scriptSource: f.source, whole: f };
  if (f.kind === 'sentence') return { ...d, whole: f };
  const custom = f.delimiter !== 'lf' && f.delimiter !== 'crlf';
  const text = { ...d, delimiter: custom ? 'custom' : f.delimiter, customDelimiter: custom ? f.delimiter : '', maxLineBytes: String(f.maxLineBytes) };
  if (f.kind === 'csv') return { ...text, separator: f.separator, header: f.header, seqField: f.seqField };
  if (f.kind === 'kv') return { ...text, seqName: f.seqName ?? '' };
  return { ...text, seqPath: f.seqPath ?? '' };
}

/** The request's `format`; the shared schema reports bad values by field (`format.layout.2.type`). */
export function formatInput(d: FormatValues): FrameFormatInput {
  const channels = overridesToInput(d.channels);
  if (d.kind === 'binary') {
    const seq = d.binarySeqField.trim();
    return {
      kind: 'binary',
      framing: d.framing,
      crc: d.crc,
      crcEndian: d.crcEndian,
      crcFrom: d.crcFrom,
      ...(d.framing === 'sync-length' || d.framing === 'sync-fixed' ? { sync: d.sync.trim() } : {}),
      ...(d.framing === 'sync-length' ? { length: { type: d.lengthType, endian: d.lengthEndian, counts: d.lengthCounts } } : {}),
      maxFrameBytes: num(d.maxFrameBytes),
      layout: d.layout.map((l) => ({ name: l.name.trim(), type: l.type, endian: l.endian, scale: num(l.scale), offset: num(l.offset), unit: l.unit })),
      ...(seq ? { seqField: seq } : {}),
      ...(d.whole?.kind === 'binary' && d.whole.timeField ? { timeField: d.whole.timeField } : {}),
      channels,
    };
  }
  if (d.kind === 'script') {
    const base = d.whole?.kind === 'script' ? d.whole : { kind: 'script' as const, framing: 'line' as const };
    return { ...base, source: d.scriptSource, channels };
  }
  if (d.kind === 'sentence') return { ...(d.whole?.kind === 'sentence' ? d.whole : templateFormat('nmea-gga-rmc')), channels };
  const text = { delimiter: d.delimiter === 'custom' ? d.customDelimiter : d.delimiter, maxLineBytes: num(d.maxLineBytes), channels };
  if (d.kind === 'csv') return { kind: 'csv', ...text, separator: d.separator as ',', header: d.header, seqField: d.seqField };
  if (d.kind === 'kv') return { kind: 'kv', ...text, ...(d.seqName.trim() ? { seqName: d.seqName.trim() } : {}) };
  return { kind: 'jsonl', ...text, ...(d.seqPath.trim() ? { seqPath: d.seqPath.trim() } : {}) };
}
