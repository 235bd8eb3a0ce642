import { SERVED_PERSONS_EXTENSION, type Caller, type ServedPerson } from '@cmb/kit';

/** The subgraph that owns persons (the registry): the only one whose national ids and organisms the audit trusts. */
export const PERSON_REGISTRY_SUBGRAPH = 'beneficiaries';

/** Most persons one subgraph response may report; beyond, the rest is dropped (a page holds at most 200, a batch 1,000 rows). */
const MAX_REPORTED = 5_000;
/** Longest ref, national id and organism code kept from a report (a UUID is 36, an organism code 16). */
const MAX_TEXT = 64;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT ? value : undefined;

/**
 * Takes the persons a subgraph reported in its response extensions out of
 * the response (a client never sees them) and adds them to the request's
 * collection. Refs from any subgraph, those `admits` accepts when given;
 * national ids and organisms only from the registry of persons, so no other
 * subgraph can make an event visible to an OG's officer or file it under
 * someone else's national id.
 */
export function collectServedPersons(
  subgraph: string,
  body: { extensions?: Record<string, unknown> } | null | undefined,
  into: Map<string, ServedPerson> | undefined,
  admits?: (ref: string) => boolean,
): void {
  const extensions = body?.extensions;
  if (!extensions || !(SERVED_PERSONS_EXTENSION in extensions)) return;
  const reported = extensions[SERVED_PERSONS_EXTENSION];
  delete extensions[SERVED_PERSONS_EXTENSION];
  if (Object.keys(extensions).length === 0) delete body.extensions;
  if (!into || !Array.isArray(reported)) return;
  const trusted = subgraph === PERSON_REGISTRY_SUBGRAPH;
  for (const entry of reported.slice(0, MAX_REPORTED) as Record<string, unknown>[]) {
    const ref = text(entry?.ref);
    if (!ref || (admits && !admits(ref))) continue;
    const known = into.get(ref) ?? { ref };
    if (trusted) {
      const nationalId = text(entry.nationalId);
      if (nationalId) known.nationalId = nationalId;
      if (Array.isArray(entry.organisms)) {
        const organisms = entry.organisms.map(text).filter((o): o is string => o !== undefined);
        known.organisms = [...new Set([...(known.organisms ?? []), ...organisms])].sort();
      }
    }
    into.set(ref, known);
  }
}

/**
 * The refs an OG's subgraph may report for the audit: any when the caller is
 * that OG itself (its report names persons in its own events only); for any
 * other caller, only the persons it was told it covers in this call
 * (`personOrganisms` of the caller it was given), so an OG cannot make
 * another organisation's event name persons that organisation never reached.
 * Undefined (any ref) for a national subgraph.
 */
export function refsAnOgMayReport(
  owner: string | null,
  caller: Caller | undefined,
  sent: Caller | undefined,
): ((ref: string) => boolean) | undefined {
  if (!owner || caller?.org === owner) return undefined;
  const told = sent?.personOrganisms ?? {};
  return (ref) => Object.hasOwn(told, ref);
}
