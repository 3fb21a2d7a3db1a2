// How a format's binary frames are cut and checked, resolved once from the schema
// into plain numbers the hot loops read (framer on the main thread, decoders in the pool).
import type { BinaryFormat, ScriptFormat } from '@shared/domain/frame-format.js';
import { CHECKSUM_BYTES, binaryLayoutBytes, syncBytes } from '@shared/domain/frame-layout.js';
import { checksumFn, type ChecksumFn } from './crc.js';

export interface ChecksumSpec {
  fn: ChecksumFn | undefined;
  bytes: number;
  little: boolean;
}

export interface SyncCut extends ChecksumSpec {
  sync: Uint8Array;
  /** 0 for sync-fixed. */
  lengthBytes: 0 | 1 | 2;
  lengthLittle: boolean;
  /** The length counts the whole frame, not only the payload. */
  lengthCountsFrame: boolean;
  /** Payload bytes of sync-fixed frames. */
  fixedPayload: number;
  /** The checksum starts at the sync word (else right after it). */
  crcFromSync: boolean;
  maxFrameBytes: number;
}

export function checksumSpec(f: Pick<BinaryFormat, 'crc' | 'crcEndian'>): ChecksumSpec {
  return { fn: checksumFn(f.crc), bytes: CHECKSUM_BYTES[f.crc], little: f.crcEndian === 'le' };
}

export function isSyncFraming(framing: string): framing is 'sync-length' | 'sync-fixed' {
  return framing === 'sync-length' || framing === 'sync-fixed';
}

/** The sync cut of a sync-framed binary or script format; undefined for other framings. */
export function syncCutOf(f: BinaryFormat | ScriptFormat): SyncCut | undefined {
  if (!isSyncFraming(f.framing) || f.sync === undefined) return undefined;
  const length = f.framing === 'sync-length' ? f.length : undefined;
  const fixedPayload = f.kind === 'binary' ? binaryLayoutBytes(f) : (f.payloadBytes ?? 0);
  return {
    ...checksumSpec(f),
    sync: syncBytes(f.sync),
    lengthBytes: length === undefined ? 0 : length.type === 'u8' ? 1 : 2,
    lengthLittle: length?.endian !== 'be',
    lengthCountsFrame: length?.counts === 'frame',
    fixedPayload,
    crcFromSync: f.crcFrom === 'sync',
    maxFrameBytes: f.maxFrameBytes,
  };
}
