import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from 'pino';

/**
 * The response extension in which a subgraph tells the gateway which persons
 * it served or changed. The gateway reads it for the audit trail and removes
 * it: a client never receives it.
 */
export const SERVED_PERSONS_EXTENSION = 'cmbServedPersons';

/**
 * A person a subgraph served or changed: the opaque `ref` every subgraph
 * knows; the registry of persons (beneficiaries) adds the national id and the
 * organisms (OGs) covering the person, which the gateway trusts from it alone.
 */
export interface ServedPerson {
  ref: string;
  nationalId?: string;
  organisms?: string[];
}

/**
 * The request extension in which the gateway itself (caller kind
 * {@link GATEWAY_ORG_KIND}) asks the registry to describe persons it knows
 * only by ref, for the audit event of a request that reached them elsewhere
 * (a document by id): the answer's {@link SERVED_PERSONS_EXTENSION} carries
 * them. Ignored from anyone else, and by a subgraph without a describer.
 */
export const DESCRIBE_PERSONS_EXTENSION = 'cmbDescribePersons';

/**
 * Beside {@link DESCRIBE_PERSONS_EXTENSION}, the request extension in which
 * the gateway itself names an organisation (an INPE) whose care relationship
 * with each described person it needs (a record write); the answer's
 * extension of the same name maps each ref with one to the day of that
 * organisation's last ELIGIBLE check (YYYY-MM-DD). Absent from the answer
 * when the registry could not read them. Ignored from anyone else, and by a
 * subgraph without a care relationship reader.
 */
export const CARE_RELATIONSHIPS_EXTENSION = 'cmbCareRelationships';

/** The organisation kind of the gateway acting on its own behalf (its registry lookups). */
export const GATEWAY_ORG_KIND = 'GATEWAY';

/** Most refs one describe request may carry. */
const MAX_DESCRIBED = 5_000;

/** What the registry knows of persons by ref: their national id and the organisms covering them (absent when unknown). */
export type PersonDescriber = (refs: readonly string[]) => Promise<ReadonlyMap<string, Omit<ServedPerson, 'ref'>>>;

/** The registry's care relationships: the day an organisation last checked each person ELIGIBLE, by ref (absent when none). */
export type CareRelationshipReader = (org: string, refs: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/** The persons noted on each request context, by ref. */
const noted = new WeakMap<object, Map<string, ServedPerson>>();

/** Merges what is known of one person: a national id once given stays, organisms add up. */
function merge(into: Map<string, ServedPerson>, person: ServedPerson): void {
  const known = into.get(person.ref);
  if (!known) {
    into.set(person.ref, { ref: person.ref, ...(person.nationalId ? { nationalId: person.nationalId } : {}), ...organismsOf(person) });
    return;
  }
  if (person.nationalId && !known.nationalId) known.nationalId = person.nationalId;
  if (person.organisms) known.organisms = [...new Set([...(known.organisms ?? []), ...person.organisms])].sort();
}

function organismsOf(person: ServedPerson): { organisms?: string[] } {
  return person.organisms ? { organisms: [...new Set(person.organisms)].sort() } : {};
}

/**
 * Notes, on the request context, the persons a resolver served or changed,
 * by their `ref` (with what it knows of them, if anything). Every resolver
 * that returns or writes a person's data calls it, whatever the way in (a
 * person by national id or by ref, a dependant, a document by id, a batch
 * row): the kit reports them to the gateway, which names them in the audit
 * event. Null and undefined refs are ignored.
 */
export function notePersons(context: object, persons: Iterable<string | ServedPerson | null | undefined>): void {
  let into = noted.get(context);
  for (const person of persons) {
    if (person === null || person === undefined) continue;
    const served = typeof person === 'string' ? { ref: person } : person;
    if (!served.ref) continue;
    if (!into) {
      into = new Map();
      noted.set(context, into);
    }
    merge(into, served);
  }
}

/** The persons noted on a request context so far. */
export function servedPersonsOf(context: object): ServedPerson[] {
  return [...(noted.get(context)?.values() ?? [])];
}

/**
 * The kit's plugin that writes the persons noted during a request into the
 * response's `extensions` ({@link SERVED_PERSONS_EXTENSION}). With a
 * describer (the registry's), the persons noted without their national id or
 * organisms are completed in one batch first; a describer that fails leaves
 * them as noted (the gateway completes them). With a care relationship
 * reader, the gateway's own request may also ask whose care relationships
 * with the described persons it needs ({@link CARE_RELATIONSHIPS_EXTENSION}).
 */
export function reportServedPersons<TContext extends BaseContext>(
  describe: PersonDescriber | undefined,
  logger: Logger,
  careRelationships?: CareRelationshipReader,
): ApolloServerPlugin<TContext> {
  /** The care relationships the gateway asked for, per request: whose, and of which refs. */
  const careAsked = new WeakMap<object, { org: string; refs: string[] }>();
  /** The refs the gateway itself asks about: noted as served, so the answer describes them. */
  const asked = (request: { extensions?: Record<string, unknown> }, contextValue: TContext): void => {
    const refs = request.extensions?.[DESCRIBE_PERSONS_EXTENSION];
    const caller = (contextValue as { caller?: { orgKind?: string | null } }).caller;
    if (!describe || caller?.orgKind !== GATEWAY_ORG_KIND || !Array.isArray(refs)) return;
    const described = refs.slice(0, MAX_DESCRIBED).filter((ref): ref is string => typeof ref === 'string');
    notePersons(contextValue as object, described);
    const org = request.extensions?.[CARE_RELATIONSHIPS_EXTENSION];
    if (careRelationships && typeof org === 'string' && org.length > 0) careAsked.set(contextValue as object, { org, refs: described });
  };
  /** The asked care relationships, or null when they could not be read (the gateway then refuses the write). */
  const careOf = async (contextValue: TContext): Promise<Record<string, string> | null> => {
    const ask = careAsked.get(contextValue as object);
    if (!ask || !careRelationships) return null;
    try {
      const days = await careRelationships(ask.org, ask.refs);
      return Object.fromEntries(
        ask.refs.flatMap((ref) => {
          const day = days.get(ref);
          return day ? [[ref, day]] : [];
        }),
      );
    } catch (error) {
      logger.warn({ err: error }, 'care relationships not read');
      return null;
    }
  };
  const listener = {
    async willSendResponse({
      contextValue,
      response,
    }: {
      contextValue: TContext;
      response: { body: { kind: string; singleResult?: { extensions?: Record<string, unknown> } } };
    }) {
      const care = await careOf(contextValue);
      if (care && response.body.kind === 'single' && response.body.singleResult)
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [CARE_RELATIONSHIPS_EXTENSION]: care };
      const into = noted.get(contextValue as object);
      if (!into || into.size === 0 || response.body.kind !== 'single' || !response.body.singleResult) return;
      const incomplete = [...into.values()].filter((p) => p.nationalId === undefined || p.organisms === undefined).map((p) => p.ref);
      if (describe && incomplete.length > 0) {
        try {
          const described = await describe(incomplete);
          for (const [ref, facts] of described) merge(into, { ref, ...facts, organisms: facts.organisms ?? [] });
        } catch (error) {
          logger.warn({ err: error }, 'served persons not described');
        }
      }
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, [SERVED_PERSONS_EXTENSION]: [...into.values()] };
    },
  };
  return {
    requestDidStart: async ({ request, contextValue }: { request: { extensions?: Record<string, unknown> }; contextValue: TContext }) => {
      asked(request, contextValue);
      return listener;
    },
  };
}
