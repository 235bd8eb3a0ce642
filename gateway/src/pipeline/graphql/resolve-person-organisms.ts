import { appError, refusal } from '@cmb/kit';
import { operationPersonRefs } from '../../persons/operation-person-refs';
import { organismsCovering, type PersonFactsLookup } from '../../persons/person-facts-lookup';
import { PERSON_REGISTRY_SUBGRAPH } from '../../access-audit/served-persons-report';
import type { GraphQLStep } from '../steps';

/** The purposes of the pathway writes: an OG's records, an establishment's prior approval requests. */
const PATHWAY_WRITE_PURPOSES: ReadonlySet<string> = new Set(['pathway:write', 'pathway:request']);

/**
 * For a pathway write (a mutation under `pathway:write` or
 * `pathway:request`), reads from the registry of persons the organisms
 * covering each person the operation names by ref, and sets them as
 * `caller.personOrganisms`: care-pathways holds an OG to its own members and
 * addresses a prior approval request to the person's OG with them, without
 * reading the registry's tables. The refs are those the root fields carry as
 * the operation will run (coerced variables, defaults, input objects, lists,
 * fragments, aliases), at most `maxRefs` (more is `BAD_USER_INPUT`). What
 * the registry says replaces anything the caller carried; when it cannot be
 * read, the write stops with `SUBGRAPH_UNAVAILABLE`: whose member a person is
 * is never guessed. Reads and other purposes are left as they are.
 */
export function resolvePersonOrganisms(lookup: PersonFactsLookup, maxRefs: number): GraphQLStep {
  return {
    async didResolveOperation({ schema, document, operation, contextValue }) {
      const { caller, language, requestId } = contextValue;
      if (operation?.operation !== 'mutation' || !caller.purposes.some((purpose) => PATHWAY_WRITE_PURPOSES.has(purpose))) return;
      const named = operationPersonRefs(schema, document, operation, contextValue.variables ?? {}, maxRefs);
      if ('tooMany' in named) throw refusal('BATCH_TOO_LARGE', { max: maxRefs }, { language });
      let organisms: Record<string, string[]>;
      try {
        organisms = named.refs.length > 0 ? await organismsCovering(lookup, named.refs, requestId) : {};
      } catch {
        throw appError('SUBGRAPH_UNAVAILABLE', { subgraph: PERSON_REGISTRY_SUBGRAPH }, { language, status: 200 });
      }
      // Completed in place: the data sources sign, at each subgraph call, the caller object every copy of the context shares.
      caller.personOrganisms = organisms;
    },
  };
}
