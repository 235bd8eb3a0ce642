import {
  DESCRIBE_PERSONS_EXTENSION,
  GATEWAY_ORG_KIND,
  SERVED_PERSONS_EXTENSION,
  SIGNED_CONTEXT_HEADER,
  type Caller,
  type ContextSigner,
  type ServedPerson,
} from '@cmb/kit';
import { Pool } from 'undici';
import type { SubgraphClientTls } from '../config';
import { collectServedPersons, PERSON_REGISTRY_SUBGRAPH } from './served-persons-report';

/** Completes, in `into`, persons known only by ref with their national id and the organisms covering them, from the registry. */
export type PersonFactsLookup = (refs: readonly string[], requestId: string, into: Map<string, ServedPerson>) => Promise<void>;

/** An operation that reads nothing: the refs go in the request's extensions, the facts come back in the answer's. */
const QUERY = '{ __typename }';

/**
 * Asks the registry of persons (beneficiaries) about persons a request
 * reached without it (a document by id, a document registered or withdrawn,
 * a consent change), as the gateway itself: the refs in the request's
 * extensions (`DESCRIBE_PERSONS_EXTENSION`, heard from the gateway alone),
 * the national ids and organisms in the answer's. No field of the registry
 * is read and none of its row rules is bypassed. One call per such request,
 * after the answer is made and before its event is written; never on the
 * eligibility path.
 */
export function createPersonFactsLookup(options: {
  registryUrl: () => string | undefined;
  /** Signs the lookup's context for the registry and its body. */
  signer: ContextSigner;
  /** CA and client certificate towards the subgraphs; null: defaults. */
  tls: SubgraphClientTls | null;
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
      pool = new Pool(origin, { connections: 4, ...(options.tls && { connect: { ...options.tls } }) });
      poolOrigin = origin;
    }
    const caller: Caller = {
      clientId: 'cmb-gateway',
      org: null,
      orgKind: GATEWAY_ORG_KIND,
      purposes: [],
      tokenId: null,
      userId: null,
      requestId,
    };
    const body = JSON.stringify({ query: QUERY, extensions: { [DESCRIBE_PERSONS_EXTENSION]: refs } });
    const response = await pool.request({
      path: pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNED_CONTEXT_HEADER]: options.signer.sign(caller, PERSON_REGISTRY_SUBGRAPH, body) },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const answer = (await response.body.json()) as { extensions?: Record<string, unknown> };
    if (!Array.isArray(answer.extensions?.[SERVED_PERSONS_EXTENSION]))
      throw new Error(`the registry answered HTTP ${response.statusCode} without persons`);
    collectServedPersons(PERSON_REGISTRY_SUBGRAPH, answer, into);
  };
}
