import { describe, expect, it } from 'vitest';
import { allowedOrigins, isHostAllowed, isLoopbackBind, isOriginAllowed, parseHostHeader, serverHostNames } from '../../../src-main/host/access/origin.js';

const NAMES = {
  interfaces: {
    eth0: [
      { address: '192.168.1.5', family: 'IPv4' as const, internal: false, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null },
      { address: 'fe80::1%eth0', family: 'IPv6' as const, internal: false, netmask: 'ffff::', mac: '00:00:00:00:00:00', cidr: null, scopeid: 2 },
    ],
  },
  hostname: 'Bench-PC',
};

describe('serverHostNames', () => {
  it('is the loopback names on a loopback bind, the bound address on a specific one', () => {
    expect([...serverHostNames('127.0.0.1')]).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect([...serverHostNames('192.168.1.5', [], NAMES)]).toEqual(['192.168.1.5']);
  });

  it('on every interface is loopback, each interface address and the machine name, plus extras', () => {
    expect([...serverHostNames('0.0.0.0', ['Dash.Example'], NAMES)]).toEqual(['127.0.0.1', 'localhost', '[::1]', '192.168.1.5', '[fe80::1]', 'bench-pc', 'dash.example']);
  });
});

describe('isHostAllowed', () => {
  const names = serverHostNames('0.0.0.0', [], NAMES);
  it('accepts a known name on the listening port, any case', () => {
    expect(isHostAllowed('192.168.1.5:5174', names, 5174)).toBe(true);
    expect(isHostAllowed('BENCH-PC:5174', names, 5174)).toBe(true);
    expect(isHostAllowed('[::1]:5174', names, 5174)).toBe(true);
  });
  it('refuses other names, other ports, a missing or malformed Host', () => {
    expect(isHostAllowed('evil.example:5174', names, 5174)).toBe(false);
    expect(isHostAllowed('192.168.1.5:5175', names, 5174)).toBe(false);
    expect(isHostAllowed('192.168.1.5', names, 5174)).toBe(false);
    expect(isHostAllowed(undefined, names, 5174)).toBe(false);
    expect(isHostAllowed('a b:1', names, 5174)).toBe(false);
  });
  it('a Host without port means 80 (http) or 443 (https)', () => {
    expect(isHostAllowed('bench-pc', names, 80)).toBe(true);
    expect(isHostAllowed('bench-pc', names, 443, 'https')).toBe(true);
    expect(isHostAllowed('bench-pc', names, 443)).toBe(false);
  });
});

describe('parseHostHeader', () => {
  it('splits name and port', () => {
    expect(parseHostHeader('[::1]:80')).toEqual({ name: '[::1]', port: 80 });
    expect(parseHostHeader('Example.com')).toEqual({ name: 'example.com', port: undefined });
    expect(parseHostHeader('::1')).toBeUndefined();
  });
});

describe('isLoopbackBind', () => {
  it('knows loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackBind(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.5', '127.0.0.1.evil.example']) expect(isLoopbackBind(h), h).toBe(false);
  });
});

describe('isOriginAllowed', () => {
  const loopback = allowedOrigins(serverHostNames('127.0.0.1'), 5174);

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
    expect(isOriginAllowed('http://evil.example:5174', loopback)).toBe(false);
  });

  it('on every interface accepts the machine own addresses, never a name taken from the request', () => {
    const any = allowedOrigins(serverHostNames('0.0.0.0', [], NAMES), 80);
    expect(isOriginAllowed('http://192.168.1.5', any)).toBe(true);
    expect(isOriginAllowed('http://bench-pc', any)).toBe(true);
    expect(isOriginAllowed('http://evil.example', any)).toBe(false);
    expect(isOriginAllowed('https://192.168.1.5', any)).toBe(false);
  });

  it('accepts configured extra origins', () => {
    expect(isOriginAllowed('http://localhost:5173', allowedOrigins(serverHostNames('127.0.0.1'), 5174, ['http://localhost:5173/']))).toBe(true);
  });
});
