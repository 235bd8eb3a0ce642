import { appError, careGiverOrg, refusal } from '@cmb/kit';
import { operationPersonRefs } from '../../persons/operation-person-refs';
import { careRelationshipsOf, organismsCovering, type PersonFactsLookup } from '../../persons/person-facts-lookup';
import { PERSON_REGISTRY_SUBGRAPH } from '../../access-audit/served-persons-report';
import type { GraphQLStep } from '../steps';

/** The purposes of the pathway writes: an OG's records, an establishment's prior approval requests. */
const PATHWAY_WRITE_PURPOSES: ReadonlySet<string> = new Set(['pathway:write', 'pathway:request']);

/** The purpose of the record writes: pointers an establishment or a professional adds to a person's record. */
const RECORD_WRITE_PURPOSE = 'records:write';

/**
 * For the writes that name persons by ref, reads from the registry of
 * persons (beneficiaries) what the subgraph written to cannot check itself,
 * and signs it in the caller context:
 *
 * - a pathway write (`pathway:write`, `pathway:request`): the organisms
 *   covering each person (`caller.personOrganisms`); care-pathways holds an
 *   OG to its own members and addresses a prior approval request to the
 *   person's OG with them;
 * - a record write (`records:write`): the day the caller's organisation last
 *   checked each person ELIGIBLE (`caller.careRelationships`, its care
 *   relationship); medical-records adds a pointer to a person's record only
 *   within it. A caller that is no establishment or professional has none.
 *
 * The refs are those the root fields carry as the operation will run
 * (coerced variables, defaults, input objects, lists, fragments, aliases), at
 * most `maxRefs` (more is `BAD_USER_INPUT`). What the registry says replaces
 * anything the caller carried; when it cannot be read, the write stops with
 * `SUBGRAPH_UNAVAILABLE`: neither is ever guessed. Reads and other purposes
 * are left as they are.
 */
export function resolvePersonFacts(lookup: PersonFactsLookup, maxRefs: number): GraphQLStep {
  return {
    async didResolveOperation({ schema, document, operation, contextValue }) {
      const { caller, language, requestId } = contextValue;
      if (operation?.operation !== 'mutation') return;
      const pathway = caller.purposes.some((purpose) => PATHWAY_WRITE_PURPOSES.has(purpose));
      const records = caller.purposes.includes(RECORD_WRITE_PURPOSE);
      if (!pathway && !records) return;
      const named = operationPersonRefs(schema, document, operation, contextValue.variables ?? {}, maxRefs);
      if ('tooMany' in named) throw refusal('BATCH_TOO_LARGE', { max: maxRefs }, { language });
      const careOrg = records ? careGiverOrg(caller) : null;
      let organisms: Record<string, string[]> = {};
      let careRelationships: Record<string, string> = {};
      try {
        if (pathway && named.refs.length > 0) organisms = await organismsCovering(lookup, named.refs, requestId);
        if (careOrg && named.refs.length > 0) careRelationships = await careRelationshipsOf(lookup, careOrg, named.refs, requestId);
      } catch {
        throw appError('SUBGRAPH_UNAVAILABLE', { subgraph: PERSON_REGISTRY_SUBGRAPH }, { language, status: 200 });
      }
      // Completed in place: the data sources sign, at each subgraph call, the caller object every copy of the context shares.
      if (pathway) caller.personOrganisms = organisms;
      if (records) caller.careRelationships = careRelationships;
    },
  };
}
