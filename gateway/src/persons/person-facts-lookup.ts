import {
  CARE_RELATIONSHIPS_EXTENSION,
  DESCRIBE_PERSONS_EXTENSION,
  isIsoDate,
  SERVED_PERSONS_EXTENSION,
  type ContextSigner,
  type ServedPerson,
  type Tracing,
} from '@cmb/kit';
import type { SubgraphClientTls } from '../config';
import { createGatewaySubgraphClient } from '../subgraph-client/gateway-subgraph-client';
import { collectServedPersons, PERSON_REGISTRY_SUBGRAPH } from '../access-audit/served-persons-report';

/**
 * Completes, in `into`, persons known only by ref with their national id and
 * the organisms covering them, from the registry; with `care`, also the day
 * `care.org` last checked each of them ELIGIBLE (its care relationship), in
 * `care.into`.
 */
export type PersonFactsLookup = (
  refs: readonly string[],
  requestId: string,
  into: Map<string, ServedPerson>,
  care?: { org: string; into: Map<string, string> },
) => Promise<void>;

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
  /** The most bytes read from one answer of the subgraph (`SUBGRAPH_MAX_ANSWER_BYTES`). */
  maxAnswerBytes: number;
  /** The process's tracing; null: no span. */
  tracing: Tracing | null;
}): PersonFactsLookup {
  const ask = createGatewaySubgraphClient({
    subgraph: PERSON_REGISTRY_SUBGRAPH,
    url: options.registryUrl,
    purposes: [],
    signer: options.signer,
    tls: options.tls,
    timeoutMs: options.timeoutMs,
    maxAnswerBytes: options.maxAnswerBytes,
    tracing: options.tracing,
  });
  return async (refs, requestId, into, care) => {
    if (refs.length === 0) return;
    const extensions = { [DESCRIBE_PERSONS_EXTENSION]: refs, ...(care && { [CARE_RELATIONSHIPS_EXTENSION]: care.org }) };
    const answer = await ask({ query: QUERY, extensions }, requestId);
    const body = answer.body as { extensions?: Record<string, unknown> };
    if (!Array.isArray(body.extensions?.[SERVED_PERSONS_EXTENSION]))
      throw new Error(`the registry answered HTTP ${answer.statusCode} without persons`);
    if (care) {
      const days = body.extensions?.[CARE_RELATIONSHIPS_EXTENSION];
      if (!days || typeof days !== 'object' || Array.isArray(days))
        throw new Error(`the registry answered HTTP ${answer.statusCode} without care relationships`);
      delete body.extensions?.[CARE_RELATIONSHIPS_EXTENSION];
      // Only refs asked, each with a day: nothing else the answer carries counts.
      for (const ref of refs) {
        const day: unknown = Object.hasOwn(days, ref) ? (days as Record<string, unknown>)[ref] : undefined;
        if (typeof day === 'string' && isIsoDate(day)) care.into.set(ref, day);
      }
    }
    collectServedPersons(PERSON_REGISTRY_SUBGRAPH, body, into);
  };
}

/**
 * The organisms (OGs) covering each person today, by ref, as the registry
 * describes them through the lookup; a ref the registry does not know is
 * absent. Throws when the registry cannot answer: the caller decides what a
 * missing answer means (a write stops, an audit event names the ref only).
 */
export async function organismsCovering(
  lookup: PersonFactsLookup,
  refs: readonly string[],
  requestId: string,
): Promise<Record<string, string[]>> {
  const asked = [...new Set(refs)];
  const described = new Map<string, ServedPerson>();
  await lookup(asked, requestId, described);
  // Own properties only (a ref named __proto__ stays a ref), and only for refs asked.
  return Object.fromEntries(
    asked.flatMap((ref) => {
      const organisms = described.get(ref)?.organisms;
      return organisms ? [[ref, [...organisms]]] : [];
    }),
  );
}

/**
 * The day an organisation last checked each person ELIGIBLE (its care
 * relationship), by ref, as the registry of persons says through the lookup;
 * a ref without one, or unknown there, is absent. Throws when the registry
 * cannot answer: a record write then stops (fail closed).
 */
export async function careRelationshipsOf(
  lookup: PersonFactsLookup,
  org: string,
  refs: readonly string[],
  requestId: string,
): Promise<Record<string, string>> {
  // The lookup keeps only the refs asked, each with a day.
  const days = new Map<string, string>();
  await lookup([...new Set(refs)], requestId, new Map(), { org, into: days });
  return Object.fromEntries(days);
}
