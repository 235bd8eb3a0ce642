import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenRejected, type TokenVerifier } from '@cmb/auth';
import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { authenticate } from '../pipeline/http/authenticate';
import type { HttpExchange } from '../pipeline/steps';
import { TokenBuckets } from '../rate-limiting/token-buckets';
import { clientAddressOf, sourceKeyOf } from '../server/client-address';

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

describe('the source a request is counted under, unauthenticated', () => {
  it('is an IPv4 address whole (an IPv4-mapped one read as IPv4), an IPv6 address by its /64', () => {
    expect(sourceKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(sourceKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(sourceKeyOf('64:ff9b::cb00:7109')).toBe('203.0.113.9');
    expect(sourceKeyOf('64:ff9b::cb00:710a')).toBe('203.0.113.10');
    expect(sourceKeyOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(sourceKeyOf('2001:db8:1:2:a:b:c:d')).toBe('2001:db8:1:2::/64');
    expect(sourceKeyOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(sourceKeyOf('unknown')).toBe('unknown');
  });

  it('holds bad tokens from one IPv6 /64 to one budget, whatever interface id each comes from', async () => {
    const rejecting: TokenVerifier = {
      verify: () => Promise.reject(new TokenRejected('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')),
    };
    const step = authenticate(rejecting, {
      metrics: createGatewayMetrics(),
      sources: new TokenBuckets({ ratePerSecond: 1, burst: 5 }),
      clientAddress: clientAddressOf([]),
    });
    const codes: unknown[] = [];
    for (let host = 1; host <= 20; host += 1) {
      const socket = { remoteAddress: `2001:db8:1:2::${host.toString(16)}` };
      const req = { socket, connection: socket, headers: { authorization: 'Bearer x.y.z' } } as unknown as IncomingMessage;
      const exchange = { req, res: {} as ServerResponse, requestId: 'r', language: 'en', caller: null, body: '' } as HttpExchange;
      await Promise.resolve(step(exchange)).catch((error: GraphQLError) => codes.push(error.extensions.code));
    }
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(15);
  });
});
