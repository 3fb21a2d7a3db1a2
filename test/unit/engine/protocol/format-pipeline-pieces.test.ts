import { describe, expect, it } from 'vitest';
import { FrameFormatSchema, type CsvFormat } from '@shared/domain/frame-format.js';
import { BatchProcessor, seqStep } from '../../../../src-main/engine/pipeline/process-batch.js';
import { channelInfosFor, formatFor } from '../../../../src-main/engine/protocol/channel-infos.js';
import { readCsvHeader } from '../../../../src-main/engine/protocol/csv-header.js';
import { concatBytes, encodeFrame } from '../../../../src-main/engine/protocol/frame-encoder.js';
import { enc, fmt } from './helpers.js';

describe('CSV header', () => {
  const csv = fmt({ kind: 'csv', header: true }) as CsvFormat;
  it('names the channels (the sequence column dropped, quotes and CRLF removed)', () => {
    expect(readCsvHeader(enc.encode('seq, "temp" ,hum\r\n'), csv)).toEqual(['temp', 'hum']);
    expect(readCsvHeader(enc.encode('a b  c\n'), fmt({ kind: 'csv', header: true, separator: 'space', seqField: false }) as CsvFormat)).toEqual(['a', 'b', 'c']);
  });
  it('a numeric first line is data, not a header', () => {
    expect(readCsvHeader(enc.encode('1,2.5,3\n'), csv)).toBeUndefined();
    expect(readCsvHeader(enc.encode('n,-1,3\n'), csv)).toBeUndefined();
  });
});

describe('per-channel overrides', () => {
  it('scale and offset apply to decoded values in the worker; names and units reach the channel list', () => {
    const format = fmt({ kind: 'kv', channels: [{ scale: 2, offset: 1, unit: 'V', name: 'Volts' }, {}] });
    const r = new BatchProcessor().process({ bytes: enc.encode('v:1.5 w:3\n'), channels: 0, periodMs: 0, arrivedAt: 0, bucketMs: 0, format, names: [] });
    expect(r.names).toEqual(['v', 'w']);
    expect(Array.from(r.y)).toEqual([4, 3]);
    expect(channelInfosFor(format, ['v', 'w'])).toEqual([
      { index: 0, name: 'Volts', unit: 'V' },
      { index: 1, name: 'w', unit: '' },
    ]);
  });

  it('binary channels take their unit from the layout', () => {
    const format = fmt({ kind: 'binary', layout: [{ name: 't', type: 'i16', unit: '°C', scale: 0.1 }] });
    expect(channelInfosFor(format, ['t'])).toEqual([{ index: 0, name: 't', unit: '°C' }]);
  });

  it('the simulator always decodes as the default CSV', () => {
    const kv = fmt({ kind: 'kv' });
    expect(formatFor({ source: 'simulated', format: kv }).kind).toBe('csv');
    expect(formatFor({ source: 'serial', format: kv })).toBe(kv);
  });
});

describe('sequence numbers in the worker', () => {
  it('counts gaps and lost frames, wraps modulo the field type, and marks gap times', () => {
    const format = FrameFormatSchema.parse({ kind: 'binary', crc: 'none', layout: [{ name: 'n', type: 'u8' }, { name: 'v', type: 'u8' }], seqField: 'n' });
    const seqs = [250, 251, 253, 255, 0, 1, 5];
    const bytes = concatBytes(seqs.map((s) => encodeFrame(format, { seq: s, values: [s % 7], names: [] })));
    const r = new BatchProcessor().process({ bytes, channels: 0, periodMs: 10, arrivedAt: 1000, bucketMs: 0, format });
    expect(r.frames).toBe(7);
    expect(r.seqGaps).toBe(3);
    expect(r.framesLost).toBe(1 + 1 + 3);
    expect(r.seqModulo).toBe(256);
    expect(Array.from(r.gaps)).toEqual([960, 970, 1000]);
  });

  it('seqStep', () => {
    expect(seqStep(65535, 0, 65536)).toBe(1);
    expect(seqStep(5, 3, 0)).toBe(-2);
    expect(seqStep(NaN, 3, 0)).toBeNaN();
  });
});
