import { DESCRIBE_PERSONS_EXTENSION, SERVED_PERSONS_EXTENSION, type ContextSigner, type ServedPerson } from '@cmb/kit';
import type { SubgraphClientTls } from '../config';
import { createGatewaySubgraphClient } from '../subgraph-client/gateway-subgraph-client';
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
  const ask = createGatewaySubgraphClient({
    subgraph: PERSON_REGISTRY_SUBGRAPH,
    url: options.registryUrl,
    purposes: [],
    signer: options.signer,
    tls: options.tls,
    timeoutMs: options.timeoutMs,
  });
  return async (refs, requestId, into) => {
    if (refs.length === 0) return;
    const answer = await ask({ query: QUERY, extensions: { [DESCRIBE_PERSONS_EXTENSION]: refs } }, requestId);
    const body = answer.body as { extensions?: Record<string, unknown> };
    if (!Array.isArray(body.extensions?.[SERVED_PERSONS_EXTENSION]))
      throw new Error(`the registry answered HTTP ${answer.statusCode} without persons`);
    collectServedPersons(PERSON_REGISTRY_SUBGRAPH, body, into);
  };
}
