// Editable form state of the frame format: every kind keeps its own options so
// switching CSV → binary → CSV loses nothing typed. Numbers stay strings until applied.
import type { BinaryFieldType, BinaryFraming, ChannelOverride, ChannelOverrideInput, ChecksumKind, FrameFormat, FrameFormatInput } from '@shared/domain/frame-format.js';

export interface BinaryFieldDraft {
  name: string;
  type: BinaryFieldType;
  endian: 'le' | 'be';
  scale: string;
  offset: string;
  unit: string;
}

/** Operator override of one channel (by index); blank name = the decoded name. */
export interface ChannelOverrideDraft {
  name: string;
  unit: string;
  scale: string;
  offset: string;
}

export const IDENTITY_OVERRIDE: ChannelOverrideDraft = { name: '', unit: '', scale: '1', offset: '0' };

export interface FormatDraft {
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
  layout: BinaryFieldDraft[];
  /** Per-channel name, unit, scale, offset by index. */
  channels: ChannelOverrideDraft[];
  /** Sentence formats (and templates) are kept whole: the panel has no field-by-field editor for them. */
  sentence?: FrameFormat;
}

export const DEFAULT_FORMAT_DRAFT: FormatDraft = {
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
};

const num = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function overrideDraft(o: ChannelOverride): ChannelOverrideDraft {
  return { name: o.name ?? '', unit: o.unit, scale: String(o.scale), offset: String(o.offset) };
}

function isIdentity(o: ChannelOverrideDraft): boolean {
  return o.name.trim() === '' && o.unit.trim() === '' && o.scale.trim() === '1' && o.offset.trim() === '0';
}

/** Overrides for the request: trailing rows that change nothing are dropped. */
function overridesToInput(rows: readonly ChannelOverrideDraft[]): ChannelOverrideInput[] {
  let n = rows.length;
  while (n > 0 && isIdentity(rows[n - 1] as ChannelOverrideDraft)) n--;
  return rows.slice(0, n).map((o) => ({ ...(o.name.trim() ? { name: o.name.trim() } : {}), unit: o.unit.trim(), scale: num(o.scale), offset: num(o.offset) }));
}

export function formatDraftFromSettings(f: FrameFormat): FormatDraft {
  const d: FormatDraft = { ...DEFAULT_FORMAT_DRAFT, kind: f.kind, channels: f.channels.map(overrideDraft) };
  if (f.kind === 'binary') {
    return {
      ...d,
      framing: f.framing,
      crc: f.crc,
      binarySeqField: f.seqField ?? '',
      maxFrameBytes: String(f.maxFrameBytes),
      layout: f.layout.map((l) => ({ name: l.name, type: l.type, endian: l.endian, scale: String(l.scale), offset: String(l.offset), unit: l.unit })),
    };
  }
  if (f.kind === 'sentence' || f.kind === 'script') return { ...d, sentence: f };
  const custom = f.delimiter !== 'lf' && f.delimiter !== 'crlf';
  const text = { ...d, delimiter: custom ? 'custom' : f.delimiter, customDelimiter: custom ? f.delimiter : '', maxLineBytes: String(f.maxLineBytes) };
  if (f.kind === 'csv') return { ...text, separator: f.separator, header: f.header, seqField: f.seqField };
  if (f.kind === 'kv') return { ...text, seqName: f.seqName ?? '' };
  return { ...text, seqPath: f.seqPath ?? '' };
}

/** The request's `format`; the shared schema reports bad values by field (`format.layout.2.type`). */
export function formatDraftToInput(d: FormatDraft): FrameFormatInput {
  const channels = overridesToInput(d.channels);
  if (d.kind === 'binary') {
    const seq = d.binarySeqField.trim();
    return {
      kind: 'binary',
      framing: d.framing,
      crc: d.crc,
      maxFrameBytes: num(d.maxFrameBytes),
      layout: d.layout.map((l) => ({ name: l.name.trim(), type: l.type, endian: l.endian, scale: num(l.scale), offset: num(l.offset), unit: l.unit })),
      ...(seq ? { seqField: seq } : {}),
      channels,
    };
  }
  if ((d.kind === 'sentence' || d.kind === 'script') && d.sentence?.kind === d.kind) return { ...d.sentence, channels };
  const text = { delimiter: d.delimiter === 'custom' ? d.customDelimiter : d.delimiter, maxLineBytes: num(d.maxLineBytes), channels };
  if (d.kind === 'csv') return { kind: 'csv', ...text, separator: d.separator as ',', header: d.header, seqField: d.seqField };
  if (d.kind === 'kv') return { kind: 'kv', ...text, ...(d.seqName.trim() ? { seqName: d.seqName.trim() } : {}) };
  return { kind: 'jsonl', ...text, ...(d.seqPath.trim() ? { seqPath: d.seqPath.trim() } : {}) };
}
