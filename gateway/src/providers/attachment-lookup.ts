import { SIGNED_CONTEXT_HEADER, type Caller, type ContextSigner } from '@cmb/kit';
import { Pool } from 'undici';
import type { SubgraphClientTls } from '../config';

/** The INPEs an establishment may check eligibility for: its own and its attached professionals'. */
export type AttachmentLookup = (establishmentInpe: string, requestId: string) => Promise<ReadonlySet<string>>;

/**
 * Attachments in both directions of the INPE registry: an establishment's
 * attached professionals (called as a function, the {@link AttachmentLookup}),
 * and the establishments a professional is attached to.
 */
export interface RegistryAttachments extends AttachmentLookup {
  /** The establishments a professional is attached to today (empty for an unknown INPE). */
  establishmentsOf(professionalInpe: string, requestId: string): Promise<ReadonlySet<string>>;
}

const PROFESSIONALS_OF = 'query ($e: String!) { attachedProfessionals(establishmentInpe: $e) { inpe } }';
const ESTABLISHMENTS_OF = 'query ($p: String!) { provider(inpe: $p) { attachedTo { inpe } } }';

interface Answer {
  data?: { attachedProfessionals?: { inpe: string }[]; provider?: { attachedTo?: { inpe: string }[] } | null };
}

/**
 * Reads attachments from the providers subgraph as the gateway itself
 * (purpose `provider:read`), cached per INPE and direction for a while: the
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
}): RegistryAttachments {
  const cache = new Map<string, { inpes: ReadonlySet<string>; expiresAt: number }>();
  let pool: Pool | null = null;
  let poolOrigin = '';

  async function read(
    key: string,
    query: string,
    variables: Record<string, string>,
    requestId: string,
    pick: (answer: Answer) => { inpe: string }[] | undefined,
  ) {
    const hit = cache.get(key);
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
    const body = JSON.stringify({ query, variables });
    const response = await pool.request({
      path: pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNED_CONTEXT_HEADER]: options.signer.sign(caller, 'providers', body) },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const list = pick((await response.body.json()) as Answer);
    if (!list) throw new Error(`providers answered HTTP ${response.statusCode} without attachments`);
    const inpes = new Set(list.map((p) => p.inpe));
    if (cache.size > 50_000) cache.clear();
    cache.set(key, { inpes, expiresAt: Date.now() + options.ttlMs });
    return inpes;
  }

  const professionalsOf: AttachmentLookup = (establishmentInpe, requestId) =>
    read(`E:${establishmentInpe}`, PROFESSIONALS_OF, { e: establishmentInpe }, requestId, (answer) => answer.data?.attachedProfessionals);
  return Object.assign(professionalsOf, {
    establishmentsOf: (professionalInpe: string, requestId: string) =>
      read(`P:${professionalInpe}`, ESTABLISHMENTS_OF, { p: professionalInpe }, requestId, (answer) =>
        // An INPE the registry does not know is attached nowhere.
        answer.data?.provider === null ? [] : answer.data?.provider?.attachedTo,
      ),
  });
}
