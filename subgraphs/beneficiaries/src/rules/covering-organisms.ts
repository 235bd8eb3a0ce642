/** What the rule reads of an affiliation. */
export interface MembershipFact {
  organism: string;
  status: string;
  /** ISO date, null when open-ended. */
  validUntil: string | null;
}

/**
 * The organisms (OGs) covering a person on a day: those holding an
 * affiliation of theirs that is not closed and has not ended (suspended ones
 * included: the person is still their member). Their security officers read
 * the audit events of this person; sorted, each once.
 */
export function coveringOrganisms(affiliations: readonly MembershipFact[], today: string): string[] {
  const covering = affiliations.filter((a) => a.status !== 'CLOSED' && (a.validUntil === null || a.validUntil >= today));
  return [...new Set(covering.map((a) => a.organism))].sort();
}
