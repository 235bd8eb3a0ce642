import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** The address a request comes from, as the gateway keys what it holds per source (the unauthenticated rate limit). */
export type ClientAddress = (req: IncomingMessage) => string;

/**
 * The client's address behind the proxies the gateway trusts
 * (`TRUSTED_PROXIES`: addresses, CIDR ranges or the names `loopback`,
 * `linklocal`, `uniquelocal`, comma-separated): the socket's peer when it is
 * not one of them, else the nearest address of `X-Forwarded-For` that is not
 * one of them (a client cannot pass itself off behind a trusted proxy by
 * sending the header). With none trusted, the socket's peer: behind an
 * ingress controller every request would then share its address. Throws on
 * an entry that is no address, range or name.
 */
export function clientAddressOf(trustedProxies: readonly string[]): ClientAddress {
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trusted = proxyaddr.compile([...trustedProxies]);
  return (req) => proxyaddr(req, trusted) ?? 'unknown';
}
