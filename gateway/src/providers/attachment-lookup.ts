import type { ContextSigner, Tracing } from '@cmb/kit';
import type { SubgraphClientTls } from '../config';
import { createGatewaySubgraphClient } from '../subgraph-client/gateway-subgraph-client';

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
  /** The most bytes read from one answer of the subgraph (`SUBGRAPH_MAX_ANSWER_BYTES`). */
  maxAnswerBytes: number;
  /** The process's tracing; null: no span. */
  tracing: Tracing | null;
}): RegistryAttachments {
  const cache = new Map<string, { inpes: ReadonlySet<string>; expiresAt: number }>();
  const ask = createGatewaySubgraphClient({
    subgraph: 'providers',
    url: options.providersUrl,
    purposes: ['provider:read'],
    signer: options.signer,
    tls: options.tls,
    timeoutMs: options.timeoutMs,
    maxAnswerBytes: options.maxAnswerBytes,
    tracing: options.tracing,
  });

  async function read(
    key: string,
    query: string,
    variables: Record<string, string>,
    requestId: string,
    pick: (answer: Answer) => { inpe: string }[] | undefined,
  ) {
    const hit = cache.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.inpes;
    const answer = await ask({ query, variables }, requestId);
    const list = pick(answer.body as Answer);
    if (!list) throw new Error(`providers answered HTTP ${answer.statusCode} without attachments`);
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
