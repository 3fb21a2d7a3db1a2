// End to end over a real socat pty: a GPS-like device sends NMEA 0183 GGA and RMC
// sentences (some with bad checksums, some of a type no layout decodes); the engine
// decodes them into their own channels, records them, and the exported CSV holds the
// exact values, with times that only ever increase.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameFormatSchema, type SentenceFormat } from '@shared/domain/frame-format.js';
import type { ExportProgress } from '@shared/domain/recording.js';
import { createEngine, type Engine } from '../../src-main/engine/index.js';
import { encodeSentence } from '../../src-main/engine/protocol/frame-encoder.js';
import { parseCsv } from '../helpers/csv-parse.js';
import { HAVE_SOCAT, startPtyPair, type PtyPair } from '../helpers/pty.js';
import { testEngineWithRecorder } from '../helpers/worker.js';

const FORMAT = FrameFormatSchema.parse({
  kind: 'sentence',
  sentences: [
    {
      type: 'GGA',
      fields: [
        { index: 2, name: 'lat', type: 'latlon', unit: 'deg' },
        { index: 4, name: 'lon', type: 'latlon', unit: 'deg' },
        { index: 7, name: 'sats' },
        { index: 9, name: 'alt', unit: 'm' },
      ],
    },
    { type: 'RMC', fields: [{ index: 7, name: 'knots', unit: 'kn' }, { index: 8, name: 'course', unit: 'deg' }] },
  ],
}) as SentenceFormat;

let dataDir: string;
let engine: Engine;
let pty: PtyPair;
const progress: ExportProgress[] = [];

beforeAll(async () => {
  if (!HAVE_SOCAT) return;
  dataDir = await mkdtemp(join(tmpdir(), 'th-nmea-'));
  pty = await startPtyPair(join(dataDir, 'gps-a'), join(dataDir, 'gps-b'));
  engine = await createEngine({ dataDir, ...testEngineWithRecorder, logger: pino({ level: 'silent' }) });
  engine.api.on('exportProgress', (p) => progress.push(p));
  await engine.start();
});

afterAll(async () => {
  if (!HAVE_SOCAT) return;
  await engine?.close();
  await pty?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Sentence k: a GGA (even k) or an RMC (odd k) with values that change with k. */
function sentence(k: number): { text: Uint8Array; row: (number | null)[] } {
  const i = k >> 1;
  if (k % 2 === 0) {
    const latMin = 7 + (i % 600) / 100; // 07.00 … 12.99 minutes
    const lonMin = 31 + (i % 250) / 1000;
    const sats = 4 + (i % 9);
    const alt = 545.4 + (i % 70) / 10;
    const fields = ['123519.00', `48${latMin.toFixed(2).padStart(5, '0')}`, 'N', `011${lonMin.toFixed(3)}`, 'W', '1', String(sats).padStart(2, '0'), '0.9', alt.toFixed(1), 'M', '46.9', 'M', '', ''];
    const lat = 48 + Number(latMin.toFixed(2)) / 60;
    const lon = -(11 + Number(lonMin.toFixed(3)) / 60);
    return { text: encodeSentence(FORMAT, 'GPGGA', fields), row: [lat, lon, sats, Number(alt.toFixed(1)), null, null] };
  }
  const knots = Number(((i % 300) / 10).toFixed(1));
  const course = Number(((i * 7) % 360).toFixed(1));
  const fields = ['123519', 'A', '4807.038', 'N', '01131.000', 'E', knots.toFixed(1), course.toFixed(1), '230394', '003.1', 'W'];
  return { text: encodeSentence(FORMAT, 'GPRMC', fields), row: [null, null, null, null, knots, course] };
}

function corrupt(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[8] = out[8] === 0x31 ? 0x32 : 0x31; // a digit changed: the checksum no longer matches
  return out;
}

describe.skipIf(!HAVE_SOCAT)('NMEA over a serial pty', () => {
  it('mixed GGA/RMC with bad checksums: exact values in the exported CSV, times strictly increasing', async () => {
    const api = engine.api;
    const configured = await api.configureDevice({ source: 'serial', link: { kind: 'serial', path: pty.b, baudRate: 115200 }, format: FORMAT, autoStart: false });
    expect(configured.ok).toBe(true);
    expect((await api.deviceCommand('start')).ok).toBe(true);

    const total = 1200;
    const expected: (number | null)[][] = [];
    let bad = 0;
    let ignored = 0;
    const dev: FileHandle = await open(pty.a, 'w');
    try {
      for (let k = 0; k < total; k += 50) {
        const parts: Uint8Array[] = [];
        for (let j = k; j < k + 50; j++) {
          const s = sentence(j);
          if (j % 37 === 5) {
            parts.push(corrupt(s.text));
            bad++;
          } else {
            parts.push(s.text);
            expected.push(s.row);
          }
          if (j % 100 === 3) {
            parts.push(new TextEncoder().encode('$GPGSV,2,1,08,01,40,083,46,02,17,308,41,12,07,344,39,14,22,228,45*75\r\n'));
            ignored++;
          }
        }
        await dev.write(Buffer.concat(parts));
        await sleep(20);
      }
    } finally {
      await dev.close();
    }
    await expect
      .poll(async () => {
        const s = await api.getSnapshot();
        return s.ok ? s.value.metrics.framesTotal : 0;
      }, { timeout: 20_000 })
      .toBe(expected.length);
    await expect
      .poll(async () => {
        const s = await api.getSnapshot();
        return s.ok ? s.value.integrity.links[0]?.totals : undefined;
      }, { timeout: 5_000 })
      .toMatchObject({ framesOk: expected.length, checksumFailures: bad, ignored, malformed: 0, nonNumeric: 0 });
    expect((await api.deviceCommand('stop')).ok).toBe(true);

    const ended = async () => {
      const l = await api.listSessions();
      return l.ok ? l.value[0] : undefined;
    };
    await expect.poll(async () => (await ended())?.recording, { timeout: 15_000 }).toBe(false);
    const session = await ended();
    if (!session) throw new Error('no session recorded');
    expect(session.frames).toBe(expected.length);
    const started = await api.startExport({ sessionId: session.id });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => progress.find((p) => p.exportId === started.value.exportId && p.state !== 'running')?.state, { timeout: 20_000 }).toBe('done');
    const file = await engine.exportFile(started.value.exportId);
    if (!file) throw new Error('no export file');
    const rows = parseCsv((await readFile(file.path, 'utf8')).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['Time (UTC)', 'Seconds', 'lat [deg]', 'lon [deg]', 'sats', 'alt [m]', 'knots [kn]', 'course [deg]']);
    const data = rows.slice(1);
    expect(data).toHaveLength(expected.length);
    // A channel the sentence does not carry is empty ('nan' in DuckDB's CSV writer).
    expect(data.map((r) => r.slice(2).map((c) => (c === '' || c === 'nan' ? null : Number(c))))).toEqual(expected);
    const times = data.map((r) => r[0] as string);
    for (let i = 1; i < times.length; i++) if (!((times[i] as string) > (times[i - 1] as string))) expect.fail(`row ${i}: ${times[i]} after ${times[i - 1]}`);
  });
});
