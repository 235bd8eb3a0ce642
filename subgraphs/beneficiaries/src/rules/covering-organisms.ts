import { periodCovers } from './one-regime';

/** What the rule reads of an affiliation. */
export interface MembershipFact {
  organism: string;
  status: string;
  /** ISO date. */
  validFrom: string;
  /** ISO date, null when open-ended. */
  validUntil: string | null;
}

/**
 * The organisms (OGs) covering a person on a day: those holding an
 * affiliation of theirs that is not closed and whose period holds the day
 * (suspended ones included: the person is still their member; one that opens
 * later is not yet theirs). Their security officers read the audit events of
 * this person, and the gateway lets only them write the person's pathway or
 * reach them in their own subgraph; sorted, each once.
 */
export function coveringOrganisms(affiliations: readonly MembershipFact[], today: string): string[] {
  const covering = affiliations.filter((a) => a.status !== 'CLOSED' && periodCovers(a, today));
  return [...new Set(covering.map((a) => a.organism))].sort();
}
