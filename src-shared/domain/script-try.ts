// Trying a parser script before it is applied: compile it (syntax errors at their line) and,
// given a pasted sample (text for line framing, hex bytes for binary framings), decode it with
// the format's own framing and checksum in the same sandbox the worker pool uses.
import { z } from 'zod';
import { ScriptFormatSchema } from './frame-format.js';

export * from './script-try-result.js';

/** A pasted sample is at most this long (text characters, or bytes once hex is read). */
export const MAX_SAMPLE_BYTES = 64 * 1024;

const HEX = /^(?:\s*[0-9a-fA-F]{2})*\s*$/;

export const ScriptSampleSchema = z.union([
  z.object({ text: z.string().max(MAX_SAMPLE_BYTES, `the sample is at most ${MAX_SAMPLE_BYTES} characters`) }).strict(),
  z
    .object({
      hex: z
        .string()
        .max(3 * MAX_SAMPLE_BYTES, `the sample is at most ${MAX_SAMPLE_BYTES} bytes`)
        .regex(HEX, 'the sample is hex bytes, two digits each, e.g. "AA 55 03 01"'),
    })
    .strict(),
]);

export const ScriptTrySchema = z
  .object({
    format: ScriptFormatSchema,
    /** Absent: only compile the script. */
    sample: ScriptSampleSchema.optional(),
  })
  .strict();
export type ScriptTryInput = z.input<typeof ScriptTrySchema>;
export type ScriptTry = z.output<typeof ScriptTrySchema>;
