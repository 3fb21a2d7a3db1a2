// Requests answer with a Result instead of throwing: errors must survive
// contextBridge and JSON, which both drop custom Error properties.
import type { z } from 'zod';

/**
 * `io`: a link could not be opened or written (the message names the port/host and the OS error).
 * `forbidden`: the caller's token may not do this (a read-only viewer). `limit`: a host limit was hit.
 */
export type ErrorCode = 'validation' | 'invalid-state' | 'not-found' | 'internal' | 'io' | 'forbidden' | 'limit';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `device.rateHz`. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, issues?: FieldIssue[]): ApiResult<T> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** Turns zod issues into field issues whose message names the field. */
export function issuesFromZod(error: z.core.$ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    return { path, message: path ? `${path}: ${issue.message}` : issue.message };
  });
}

export function validationError<T = never>(error: z.core.$ZodError, prefix = ''): ApiResult<T> {
  const issues = issuesFromZod(error, prefix);
  return fail('validation', issues.map((i) => i.message).join('; '), issues);
}

/** Validates `input` against `schema`; on failure the message names every bad field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): ApiResult<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : validationError(parsed.error, prefix);
}
