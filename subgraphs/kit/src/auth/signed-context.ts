import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Caller } from './caller';

/** The header that carries the gateway's signed caller context to subgraphs. */
export const SIGNED_CONTEXT_HEADER = 'x-cmb-context';

/** How old a signed context may be when a subgraph receives it (clock skew included). */
const MAX_AGE_MS = 5 * 60_000;

interface Payload {
  v: 1;
  c: Caller;
  t: number;
}

function mac(secret: Buffer, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

/**
 * Signs a caller context with the secret shared by the gateway and the
 * subgraphs (HMAC-SHA256): a subgraph trusts only what the gateway signed.
 */
export function signCallerContext(caller: Caller, secret: Buffer, now: number = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ v: 1, c: caller, t: now } satisfies Payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** Verifies a signed context; null when missing, forged, malformed or stale. */
export function verifyCallerContext(header: string | undefined, secret: Buffer, now: number = Date.now()): Caller | null {
  if (!header) return null;
  const dot = header.indexOf('.');
  if (dot <= 0) return null;
  const body = header.slice(0, dot);
  const given = Buffer.from(header.slice(dot + 1), 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
    if (payload.v !== 1 || Math.abs(now - payload.t) > MAX_AGE_MS) return null;
    return payload.c;
  } catch {
    return null;
  }
}
