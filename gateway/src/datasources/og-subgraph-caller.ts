import type { Caller, ServedPerson } from '@cmb/kit';

/** Most persons one call to an OG subgraph is told about; beyond, the rest stay unknown to it (it refuses them). */
export const MAX_PERSON_ORGANISMS = 200;

/**
 * The caller an OG's subgraph is given: who asks (client, organisation,
 * purposes, token id, user, language, request id), nothing more of the
 * caller (no national id of a signed-in person, no attachments), and, for
 * each person the registry of persons (beneficiaries) served in this request,
 * whether that OG covers them (`personOrganisms[ref] = [owner]`). The OG
 * cannot verify the national subgraphs' proofs (it holds no
 * `FEDERATION_PROOF_SECRET`); it trusts this map because the gateway signed
 * it, for that subgraph and that body, from the registry's own report. It
 * learns no other organism: only which of the persons it was asked about are
 * its members.
 */
export function ogSubgraphCaller(caller: Caller, owner: string, servedPersons: ReadonlyMap<string, ServedPerson> | undefined): Caller {
  const personOrganisms: Record<string, readonly string[]> = {};
  let listed = 0;
  for (const person of servedPersons?.values() ?? []) {
    if (listed >= MAX_PERSON_ORGANISMS) break;
    if (!person.organisms?.includes(owner)) continue;
    personOrganisms[person.ref] = [owner];
    listed += 1;
  }
  return {
    clientId: caller.clientId,
    org: caller.org,
    orgKind: caller.orgKind,
    purposes: caller.purposes,
    tokenId: caller.tokenId,
    userId: caller.userId,
    requestId: caller.requestId,
    ...(caller.language && { language: caller.language }),
    personOrganisms,
  };
}
