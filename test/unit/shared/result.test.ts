import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fail, issuesFromZod, ok, parseWith, validationError } from '@shared/domain/result.js';

const Schema = z.object({ device: z.object({ rateHz: z.number().min(1) }), name: z.string() });

describe('Result helpers', () => {
  it('ok and fail build plain, JSON-safe objects', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(fail('not-found', 'nope')).toEqual({ ok: false, error: { code: 'not-found', message: 'nope' } });
    expect('issues' in (fail('internal', 'x') as { error: object }).error).toBe(false);
    const withIssues = fail('validation', 'bad', [{ path: 'a', message: 'a: bad' }]);
    expect(JSON.parse(JSON.stringify(withIssues))).toEqual(withIssues);
  });

  it('issuesFromZod gives dotted paths and messages that start with them', () => {
    const r = Schema.safeParse({ device: { rateHz: 0 }, name: 5 });
    expect(r.success).toBe(false);
    if (r.success) return;
    const issues = issuesFromZod(r.error);
    expect(issues.map((i) => i.path)).toEqual(['device.rateHz', 'name']);
    for (const i of issues) expect(i.message.startsWith(`${i.path}: `)).toBe(true);
    expect(issuesFromZod(r.error, 'config').map((i) => i.path)).toEqual(['config.device.rateHz', 'config.name']);
  });

  it('a root-level issue has an empty path and a bare message', () => {
    const r = z.number().safeParse('x');
    expect(r.success).toBe(false);
    if (r.success) return;
    const [issue] = issuesFromZod(r.error);
    expect(issue?.path).toBe('');
    expect(issue?.message).toBe(r.error.issues[0]?.message);
    expect(issuesFromZod(r.error, 'value')[0]?.path).toBe('value');
  });

  it('validationError joins every message', () => {
    const r = Schema.safeParse({ device: { rateHz: 0 }, name: 5 });
    if (r.success) throw new Error('expected failure');
    const v = validationError(r.error);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.code).toBe('validation');
    expect(v.error.message).toBe(v.error.issues?.map((i) => i.message).join('; '));
  });

  it('parseWith returns the parsed value or a validation error with the prefix', () => {
    expect(parseWith(Schema, { device: { rateHz: 5 }, name: 'x', extra: 1 })).toEqual(ok({ device: { rateHz: 5 }, name: 'x' }));
    const bad = parseWith(Schema, { device: { rateHz: -1 }, name: 'x' }, 'cfg');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path)).toEqual(['cfg.device.rateHz']);
  });
});
