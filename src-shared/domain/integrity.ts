// Data-integrity counters of a link's decoding: what arrived intact and what was
// discarded, and why. Every discarded byte or frame lands in exactly one counter.

export interface IntegrityCounters {
  /** Frames decoded and delivered. */
  framesOk: number;
  /** Binary frames whose CRC did not match. */
  checksumFailures: number;
  /** Times the decoder had to hunt for the next frame start (garbage, truncated or wrong-length frames). */
  resyncs: number;
  /** Lines / frames longer than the format's maximum. */
  overlongLines: number;
  /** Frames dropped because a field was not a number. */
  nonNumeric: number;
  /** Frames dropped for their shape (wrong field count, empty line, bad JSON, bad escape). */
  malformed: number;
  /** Jumps in the frame sequence number (each jump is one gap). */
  seqGaps: number;
  /** Frames missing according to the sequence numbers. */
  framesLost: number;
  /** Bytes that did not end up in a valid frame. */
  bytesDiscarded: number;
  /** Extra fields ignored (names beyond the channel limit). */
  unknownFields: number;
  /** Well-formed frames no layout decodes (e.g. an NMEA sentence type without a layout). */
  ignored: number;
  /** Frames a parser script rejected: it threw, returned the wrong shape or ran out of time. */
  scriptErrors: number;
}

/** Totals plus the latest parser-script error message (what the integrity panel shows beside the count). */
export type IntegrityTotals = IntegrityCounters & { lastError?: string };

export const INTEGRITY_COUNTER_NAMES = [
  'framesOk',
  'checksumFailures',
  'resyncs',
  'overlongLines',
  'nonNumeric',
  'malformed',
  'seqGaps',
  'framesLost',
  'bytesDiscarded',
  'unknownFields',
  'ignored',
  'scriptErrors',
] as const satisfies readonly (keyof IntegrityCounters)[];

export interface LinkIntegrity {
  /** Stable id of the link (one device link today: "device"). */
  link: string;
  /** Human label, e.g. the device source. */
  label: string;
  /** Frame format kind in use. */
  format: string;
  /** Totals since the link's pipeline started or the device was last reset. */
  totals: IntegrityCounters;
  /** Per second, over the last interval. */
  rates: IntegrityCounters;
  /** The latest parser-script error ("frame 3 of its batch: TypeError: …"), while scripts fail. */
  lastError?: string;
  /** A Modbus source's poll record per register block (exceptions and timeouts count against the link). */
  modbusBlocks?: ModbusBlockStats[];
}

/** One Modbus register block's poll record since the link was built. */
export interface ModbusBlockStats {
  area: 'holding' | 'input' | 'coil' | 'discrete';
  start: number;
  length: number;
  /** Names of the channels read in this block. */
  channels: string[];
  polls: number;
  ok: number;
  exceptions: number;
  timeouts: number;
  /** Other failures (port closed, bad response). */
  errors: number;
  lastError: string | null;
}

/** The `integrity` event: change-driven, at most 4 per second. */
export interface IntegrityReport {
  /** Epoch ms. */
  t: number;
  links: LinkIntegrity[];
}

export function emptyIntegrityCounters(): IntegrityCounters {
  return {
    framesOk: 0,
    checksumFailures: 0,
    resyncs: 0,
    overlongLines: 0,
    nonNumeric: 0,
    malformed: 0,
    seqGaps: 0,
    framesLost: 0,
    bytesDiscarded: 0,
    unknownFields: 0,
    ignored: 0,
    scriptErrors: 0,
  };
}

export function emptyIntegrityReport(): IntegrityReport {
  return { t: Date.now(), links: [] };
}

export function addIntegrity(into: IntegrityCounters, from: Partial<IntegrityCounters>): void {
  for (const k of INTEGRITY_COUNTER_NAMES) into[k] += from[k] ?? 0;
}
