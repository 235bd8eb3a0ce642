/**
 * An OG gains sight of another OG's member only by a real enrolment
 * (architecture.md, access rules: an OG reads and writes only its own members;
 * domain.md §3: an OG never sees another OG's members). A CLOSED row creates
 * an affiliation that, closed as it is, makes the person the OG's member to
 * read (identity, pathway, approvals): it is accepted for a person new to the
 * registry (migrated history) or one this OG covers or covered, never for a
 * person known only through other OGs.
 *
 * `heldBy` lists the organisms of the person's affiliations in the registry
 * (empty when the person is new).
 */
export function mayDeclareClosedRow(organism: string, heldBy: readonly string[]): boolean {
  return heldBy.length === 0 || heldBy.includes(organism);
}
