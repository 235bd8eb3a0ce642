import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config';
import { clientAddressOf } from '../server/client-address';

/** A request from `peer` with an `X-Forwarded-For` header, as Node gives it. */
const from = (peer: string, forwardedFor?: string) => {
  const socket = { remoteAddress: peer };
  return { socket, connection: socket, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as unknown as IncomingMessage;
};

describe("the client's address the unauthenticated rate limit is kept by", () => {
  it('is the socket peer when no proxy is trusted, whatever the client forwards', () => {
    expect(clientAddressOf([])(from('10.1.2.3', '203.0.113.9'))).toBe('10.1.2.3');
  });

  it('is, behind a trusted proxy, the nearest forwarded address that is not one', () => {
    const address = clientAddressOf(['10.0.0.0/8', 'loopback']);
    expect(address(from('10.1.2.3', '203.0.113.9'))).toBe('203.0.113.9');
    // A client cannot hide behind an address it forwards itself: only what the trusted proxies added counts.
    expect(address(from('10.1.2.3', '198.51.100.7, 203.0.113.9'))).toBe('203.0.113.9');
    expect(address(from('10.1.2.3', '198.51.100.7, 127.0.0.1'))).toBe('198.51.100.7');
    // A peer that is no trusted proxy is the client, whatever it forwards.
    expect(address(from('203.0.113.50', '198.51.100.7'))).toBe('203.0.113.50');
  });

  it('refuses at start a TRUSTED_PROXIES entry that is no address, range or name', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'test', TRUSTED_PROXIES: ' 10.0.0.0/8 , uniquelocal ' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      'uniquelocal',
    ]);
    expect(() => loadGatewayConfig({ NODE_ENV: 'test', TRUSTED_PROXIES: '10.0.0.0/8,the-ingress' })).toThrow(/TRUSTED_PROXIES/);
  });
});
