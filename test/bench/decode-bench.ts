// Decoder throughput, single thread, no pool: one line per frame format, 8 channels.
// Input is realistic (simulator-like values with 4 decimals; NMEA GGA sentences) and
// pre-encoded in 64 KiB batches, so only decoding is timed.
import { FrameFormatSchema, type FrameFormat } from '@shared/domain/frame-format.js';
import { DecodeScratch } from '../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder } from '../../src-main/engine/protocol/frame-decoder.js';
import { concatBytes, encodeFrame, encodeSentence } from '../../src-main/engine/protocol/frame-encoder.js';
import vm from 'node:vm';
import { countByte } from '../../src-main/engine/protocol/decode-types.js';
import { PRELUDE, SCRIPT_STRIDE, epilogue } from '../../src-main/engine/protocol/script/sandbox-prelude.js';
import { loadScriptEngine } from '../../src-main/engine/protocol/script/script-sandbox.js';

const CHANNELS = 8;
const NAMES = Array.from({ length: CHANNELS }, (_, i) => `ch${i + 1}`);
const LAYOUT = [{ name: 'seq', type: 'u32' as const }, ...NAMES.map((name) => ({ name, type: 'f32' as const }))];

export const NMEA_GGA_FORMAT = FrameFormatSchema.parse({
  kind: 'sentence',
  sentences: [
    {
      type: 'GGA',
      fields: [
        { index: 1, name: 'time', type: 'hms', unit: 's' },
        { index: 2, name: 'lat', type: 'latlon', unit: '°' },
        { index: 4, name: 'lon', type: 'latlon', unit: '°' },
        { index: 6, name: 'fix' },
        { index: 7, name: 'sats' },
        { index: 8, name: 'hdop' },
        { index: 9, name: 'alt', unit: 'm' },
        { index: 11, name: 'geoid', unit: 'm' },
      ],
    },
  ],
});

export const DECODE_BENCH_FORMATS = {
  csv: FrameFormatSchema.parse({ kind: 'csv' }),
  kv: FrameFormatSchema.parse({ kind: 'kv' }),
  jsonl: FrameFormatSchema.parse({ kind: 'jsonl', seqPath: 'seq' }),
  binary: FrameFormatSchema.parse({ kind: 'binary', framing: 'cobs', crc: 'crc16-ccitt-false', layout: LAYOUT, seqField: 'seq' }),
  'sync-length-crc16': FrameFormatSchema.parse({
    kind: 'binary',
    framing: 'sync-length',
    sync: 'AA55',
    length: { type: 'u8' },
    crc: 'crc16-ccitt-false',
    crcEndian: 'be',
    layout: LAYOUT,
    seqField: 'seq',
  }),
  'sync-fixed-crc16': FrameFormatSchema.parse({ kind: 'binary', framing: 'sync-fixed', sync: 'AA55', crc: 'crc16-modbus', layout: LAYOUT, seqField: 'seq' }),
  nmea: NMEA_GGA_FORMAT,
} satisfies Record<string, FrameFormat>;

export type DecodeBenchFormat = keyof typeof DECODE_BENCH_FORMATS;

export interface DecodeBenchResult {
  bench: 'decode' | 'decode-script';
  format: string;
  channels: number;
  framesPerSec: number;
  /** decode-script: one pool thread's worth. */
  threads?: number;
  /** decode-script: the sandbox measured (QuickJS is the one the app uses). */
  sandbox?: 'quickjs-wasm' | 'node-vm';
}

/** A GGA sentence with values that change per frame (checksum computed). */
export function ggaSentence(s: number): Uint8Array {
  const sec = (s % 86400) / 10;
  const hh = Math.floor(sec / 3600);
  const mm = Math.floor((sec % 3600) / 60);
  const ss = (sec % 60).toFixed(2).padStart(5, '0');
  const time = `${String(hh).padStart(2, '0')}${String(mm).padStart(2, '0')}${ss}`;
  const lat = (4807.038 + (s % 1000) / 1000).toFixed(4);
  const lon = (1131.0 + (s % 777) / 1000).toFixed(4);
  const fields = [time, lat, 'N', `0${lon}`, 'E', '1', String(4 + (s % 9)).padStart(2, '0'), (0.9 + (s % 10) / 10).toFixed(1), (545.4 + (s % 50)).toFixed(1), 'M', '46.9', 'M', '', ''];
  return encodeSentence(NMEA_GGA_FORMAT as Extract<FrameFormat, { kind: 'sentence' }>, 'GPGGA', fields);
}

function batches(format: FrameFormat, frames: number, nmea: boolean): Uint8Array[] {
  const encoded: Uint8Array[] = [];
  for (let s = 0; s < frames; s++) {
    if (nmea) {
      encoded.push(ggaSentence(s));
      continue;
    }
    const values = NAMES.map((_, c) => Math.round((Math.sin(s / 100 + c) * (c + 1) * 3 + c) * 1e4) / 1e4);
    encoded.push(encodeFrame(format, { seq: s, values, names: NAMES }));
  }
  const framesPerBatch = Math.max(1, Math.floor(65536 / (encoded[0] as Uint8Array).length));
  const out: Uint8Array[] = [];
  for (let i = 0; i + framesPerBatch <= encoded.length; i += framesPerBatch) out.push(concatBytes(encoded.slice(i, i + framesPerBatch)));
  return out;
}

function measure(name: string, format: FrameFormat, input: Uint8Array[], seconds: number, names: readonly string[]): number {
  const decoder = createFrameDecoder(format, names);
  const scratch = new DecodeScratch();
  const run = (ms: number): { frames: number; ms: number } => {
    let frames = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (const b of input) {
        const c = decoder.decode(b, scratch);
        if (c.frames !== c.lines) throw new Error(`${name}: ${c.lines - c.frames} frames failed to decode`);
        frames += c.frames;
      }
      now = performance.now();
    }
    return { frames, ms: now - start };
  };
  try {
    run(500); // warm-up: JIT
    const r = run(seconds * 1000);
    return Math.round((r.frames / r.ms) * 1000);
  } finally {
    decoder.dispose?.();
  }
}

export function runDecodeBench(kind: DecodeBenchFormat, seconds = 3): DecodeBenchResult {
  const format = DECODE_BENCH_FORMATS[kind];
  const input = batches(format, 50_000, kind === 'nmea');
  const framesPerSec = measure(kind, format, input, seconds, format.kind === 'csv' ? NAMES : []);
  return { bench: 'decode', format: kind, channels: CHANNELS, framesPerSec };
}

/** A simple split-and-parse parser script over `seq,v1,…,v8` lines, in the QuickJS sandbox of one pool thread. */
export const SPLIT_PARSE_SCRIPT = `function parse(line) {
  const p = line.split(',');
  const out = [];
  for (let i = 1; i < p.length; i++) out.push(+p[i]);
  return out;
}`;

export async function runDecodeScriptBench(seconds = 3): Promise<DecodeBenchResult> {
  await loadScriptEngine();
  const format = FrameFormatSchema.parse({ kind: 'script', framing: 'line', source: SPLIT_PARSE_SCRIPT });
  const input = batches(DECODE_BENCH_FORMATS.csv, 50_000, false);
  const framesPerSec = measure('decode-script', format, input, seconds, NAMES);
  return { bench: 'decode-script', format: 'script-split-csv', channels: CHANNELS, framesPerSec, threads: 1, sandbox: 'quickjs-wasm' };
}

/**
 * The same prelude and script in a locked node:vm context (no host objects, no code
 * generation from strings), for the sandbox choice in the README. Not used by the app:
 * node:vm is not a security boundary and cannot cap a script's memory.
 */
export function runDecodeScriptNodeVmBench(seconds = 3): DecodeBenchResult {
  const context = vm.createContext(Object.create(null) as object, { codeGeneration: { strings: false, wasm: false } });
  const api = vm.runInContext(PRELUDE + SPLIT_PARSE_SCRIPT + epilogue(SCRIPT_STRIDE), context, { timeout: 1000 }) as {
    prepare(text: string, offsets: undefined, n: number, delim: string): void;
    run(from: number, n: number): number;
  };
  const input = batches(DECODE_BENCH_FORMATS.csv, 50_000, false);
  const text = new TextDecoder();
  const measureFor = (ms: number): { frames: number; ms: number } => {
    let frames = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (const b of input) {
        const n = countByte(b, 10);
        api.prepare(text.decode(b), undefined, n, '\n');
        frames += api.run(0, n);
      }
      now = performance.now();
    }
    return { frames, ms: now - start };
  };
  measureFor(500);
  const r = measureFor(seconds * 1000);
  return { bench: 'decode-script', format: 'script-split-csv', channels: CHANNELS, framesPerSec: Math.round((r.frames / r.ms) * 1000), threads: 1, sandbox: 'node-vm' };
}
