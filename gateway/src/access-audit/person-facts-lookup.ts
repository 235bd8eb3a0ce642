import { SERVED_PERSONS_EXTENSION, SIGNED_CONTEXT_HEADER, type Caller, type ServedPerson } from '@cmb/kit';
import { Pool } from 'undici';
import { collectServedPersons, PERSON_REGISTRY_SUBGRAPH } from './served-persons-report';

/** Completes, in `into`, persons known only by ref with their national id and the organisms covering them, from the registry. */
export type PersonFactsLookup = (refs: readonly string[], requestId: string, into: Map<string, ServedPerson>) => Promise<void>;

/** The entity fetch whose answer's extensions carry the facts (the registry notes every person it resolves). */
const QUERY = 'query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

/**
 * Asks the registry of persons (beneficiaries) about persons a request
 * reached without it (a document by id, a document registered or withdrawn,
 * a consent change), as the gateway itself: an entity fetch of `Person` by
 * ref selecting nothing but its type, whose answer's extensions carry the
 * national ids and organisms. One call per such request, after the answer
 * is made and before its event is written; never on the eligibility path.
 */
export function createPersonFactsLookup(options: {
  registryUrl: () => string | undefined;
  signContext: (caller: Caller) => string;
  timeoutMs: number;
}): PersonFactsLookup {
  let pool: Pool | null = null;
  let poolOrigin = '';
  return async (refs, requestId, into) => {
    if (refs.length === 0) return;
    const url = options.registryUrl();
    if (!url) throw new Error('the registry of persons is not configured');
    const { origin, pathname } = new URL(url);
    if (!pool || poolOrigin !== origin) {
      pool = new Pool(origin, { connections: 4 });
      poolOrigin = origin;
    }
    const caller: Caller = { clientId: 'cmb-gateway', org: null, orgKind: 'GATEWAY', purposes: [], tokenId: null, userId: null, requestId };
    const response = await pool.request({
      path: pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNED_CONTEXT_HEADER]: options.signContext(caller) },
      body: JSON.stringify({ query: QUERY, variables: { r: refs.map((ref) => ({ __typename: 'Person', ref })) } }),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const body = (await response.body.json()) as { extensions?: Record<string, unknown> };
    if (!Array.isArray(body.extensions?.[SERVED_PERSONS_EXTENSION]))
      throw new Error(`the registry answered HTTP ${response.statusCode} without persons`);
    collectServedPersons(PERSON_REGISTRY_SUBGRAPH, body, into);
  };
}
