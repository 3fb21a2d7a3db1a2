import { describe, expect, it } from 'vitest';
import { allowedOrigins, isOriginAllowed } from '../../../src-main/host/origin.js';

describe('isOriginAllowed', () => {
  const loopback = allowedOrigins('127.0.0.1', 5174);

  it('allows the page the server itself serves (by any loopback name) and non-browser clients', () => {
    expect(isOriginAllowed('http://127.0.0.1:5174', loopback)).toBe(true);
    expect(isOriginAllowed('http://localhost:5174', loopback)).toBe(true);
    expect(isOriginAllowed('http://[::1]:5174', loopback)).toBe(true);
    expect(isOriginAllowed(undefined, loopback)).toBe(true);
  });

  it('rejects other sites, other ports, opaque origins and DNS-rebinding hosts', () => {
    expect(isOriginAllowed('http://evil.example', loopback)).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:5173', loopback)).toBe(false);
    expect(isOriginAllowed('null', loopback)).toBe(false);
    expect(isOriginAllowed('garbage', loopback)).toBe(false);
    // Rebinding: evil.example resolves to 127.0.0.1, so Host matches Origin; the fixed list still refuses.
    expect(isOriginAllowed('http://evil.example:5174', loopback, { hostHeader: 'evil.example:5174' })).toBe(false);
  });

  it('on every interface also accepts the Host the browser used', () => {
    const any = allowedOrigins('0.0.0.0', 80);
    expect(isOriginAllowed('http://192.168.1.5:80', any, { hostHeader: '192.168.1.5:80', anyInterface: true })).toBe(true);
    expect(isOriginAllowed('http://evil.example', any, { hostHeader: '192.168.1.5:80', anyInterface: true })).toBe(false);
  });

  it('accepts configured extra origins', () => {
    expect(isOriginAllowed('http://localhost:5173', allowedOrigins('127.0.0.1', 5174, ['http://localhost:5173/']))).toBe(true);
  });
});
