import type { Caller } from '@cmb/kit';

/**
 * Row-level rule for the OGs (domain.md §3 "rules of thumb"): an OG reads and
 * writes only the affiliations of its own organism and never sees another
 * OG's members. Returns the organism the caller is confined to, or null when
 * the caller is not an OG (ANAM's double-registration control sees every OG).
 */
export function confinedOrganism(caller: Pick<Caller, 'org' | 'orgKind'>): string | null {
  return caller.orgKind === 'OG' ? (caller.org ?? '') : null;
}

/** Keeps the affiliations a caller may see. */
export function visibleAffiliations<T extends { organism: string }>(affiliations: T[], organism: string | null): T[] {
  return organism === null ? affiliations : affiliations.filter((affiliation) => affiliation.organism === organism);
}

/** True when the caller may write a batch for this organism: that OG itself only (ANAM writes no affiliations, SECURITY.md). */
export function mayWriteFor(caller: Pick<Caller, 'org' | 'orgKind'>, organism: string): boolean {
  return caller.orgKind === 'OG' && !!caller.org && caller.org === organism;
}
