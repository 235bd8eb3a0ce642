import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
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

/**
 * The key a source's unauthenticated traffic is counted under: an IPv4
 * address whole (an IPv4-mapped or NAT64 IPv6 address read as the IPv4 one), an IPv6
 * address by its /64 prefix, what one access line is given (the interface
 * ids under it are the client's own to choose: keyed whole, each request
 * could come from a fresh budget). Anything else (`unknown`) as it is.
 */
export function sourceKeyOf(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const { parts } = parsed as ipaddr.IPv6;
  // NAT64 (64:ff9b::/96): an IPv4 client behind the translator, its address in the last 32 bits.
  if (parsed.range() === 'rfc6052') return [parts[6] ?? 0, parts[7] ?? 0].flatMap((part) => [part >> 8, part & 255]).join('.');
  const prefix = parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
