import { SIGNED_CONTEXT_HEADER, type Caller, type ContextSigner } from '@cmb/kit';
import { Pool } from 'undici';
import type { SubgraphClientTls } from '../config';

/** The INPEs an establishment may check eligibility for: its own and its attached professionals'. */
export type AttachmentLookup = (establishmentInpe: string, requestId: string) => Promise<ReadonlySet<string>>;

const QUERY = 'query ($e: String!) { attachedProfessionals(establishmentInpe: $e) { inpe } }';

/**
 * Reads attachments from the providers subgraph as the gateway itself
 * (purpose `provider:read`), cached per establishment for a while: the
 * registry changes weekly, a check happens every second.
 */
export function createAttachmentLookup(options: {
  providersUrl: () => string | undefined;
  /** Signs the lookup's context for the providers subgraph and its body. */
  signer: ContextSigner;
  /** CA and client certificate towards the subgraphs; null: defaults. */
  tls: SubgraphClientTls | null;
  ttlMs: number;
  timeoutMs: number;
}): AttachmentLookup {
  const cache = new Map<string, { inpes: ReadonlySet<string>; expiresAt: number }>();
  let pool: Pool | null = null;
  let poolOrigin = '';
  return async (establishmentInpe, requestId) => {
    const hit = cache.get(establishmentInpe);
    if (hit && hit.expiresAt > Date.now()) return hit.inpes;
    const url = options.providersUrl();
    if (!url) throw new Error('providers subgraph not configured');
    const { origin, pathname } = new URL(url);
    if (!pool || poolOrigin !== origin) {
      pool = new Pool(origin, { connections: 4, ...(options.tls && { connect: { ...options.tls } }) });
      poolOrigin = origin;
    }
    const caller: Caller = {
      clientId: 'cmb-gateway',
      org: null,
      orgKind: 'GATEWAY',
      purposes: ['provider:read'],
      tokenId: null,
      userId: null,
      requestId,
    };
    const body = JSON.stringify({ query: QUERY, variables: { e: establishmentInpe } });
    const response = await pool.request({
      path: pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNED_CONTEXT_HEADER]: options.signer.sign(caller, 'providers', body) },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const answer = (await response.body.json()) as { data?: { attachedProfessionals?: { inpe: string }[] } };
    const list = answer.data?.attachedProfessionals;
    if (!list) throw new Error(`providers answered HTTP ${response.statusCode} without attachments`);
    const inpes = new Set(list.map((p) => p.inpe));
    if (cache.size > 50_000) cache.clear();
    cache.set(establishmentInpe, { inpes, expiresAt: Date.now() + options.ttlMs });
    return inpes;
  };
}
