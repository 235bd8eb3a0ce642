import { coveringOrganisms, type MembershipFact } from './covering-organisms';

/**
 * Whether an organisation may be given the proof to read a person's care
 * pathway (`Person.readerProof`), the person being already served to it
 * under the registry's row rules: an insurer (`organism`, null for any other
 * caller) only while it covers the person today, so a former insurer, which
 * still finds the person through its own closed affiliation, never reads the
 * pathway the next one records (nor its own past records, kept in its own
 * systems); any other caller as the pathway's own rules decide.
 */
export function mayHavePathwayProof(organism: string | null, affiliations: readonly MembershipFact[], today: string): boolean {
  return organism === null || coveringOrganisms(affiliations, today).includes(organism);
}
