// Every template is a valid format, and its sample frame decodes to exactly the values it promises.
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameFormatSchema } from '@shared/domain/frame-format.js';
import { FRAME_TEMPLATES, templateSampleBytes } from '@shared/domain/frame-templates.js';
import { DecodeScratch } from '../../../../src-main/engine/protocol/decode-types.js';
import { createFrameDecoder } from '../../../../src-main/engine/protocol/frame-decoder.js';
import { loadScriptEngine } from '../../../../src-main/engine/protocol/script/script-sandbox.js';

beforeAll(async () => {
  await loadScriptEngine();
});

describe.each(FRAME_TEMPLATES.map((t) => [t.label, t] as const))('template %s', (_label, t) => {
  it('parses and its sample decodes to exactly the promised values', () => {
    const format = FrameFormatSchema.parse(t.format);
    const bytes = templateSampleBytes(t);
    // A CSV with a header learns names from its first line; the sample is a data line.
    const names = format.kind === 'csv' ? Object.keys(t.values) : [];
    const decoder = createFrameDecoder(format, names);
    const scratch = new DecodeScratch();
    const c = decoder.decode(bytes, scratch);
    expect(c).toMatchObject({ frames: 1, malformed: 0, checksumFailures: 0, nonNumeric: 0, scriptErrors: 0, bytesDiscarded: 0 });
    const got = Object.fromEntries(decoder.names().map((n, i) => [n, scratch.values[i] as number]));
    expect(got).toMatchObject(t.values);
    decoder.dispose?.();
  });
});

it('template ids are unique', () => {
  expect(new Set(FRAME_TEMPLATES.map((t) => t.id)).size).toBe(FRAME_TEMPLATES.length);
});
