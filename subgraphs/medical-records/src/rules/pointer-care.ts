import type { Caller } from '@cmb/kit';
import { withinCareRelationship } from './record-access';

/** What the decision reads: the writer, the pointer's person and providers, the person's blocks, today. */
export interface PointerCareFacts {
  /** The writer, with the care relationships the gateway read for it from the registry of persons (`caller.careRelationships`). */
  writer: Pick<Caller, 'org' | 'careRelationships'>;
  personRef: string;
  authorInpe: string;
  custodianInpe: string;
  /** The INPEs the person blocked (`consent_block`). */
  blockedInpes: ReadonlySet<string>;
  /** Today, Africa/Casablanca. */
  today: string;
}

/**
 * A pointer is added to a person's record (registered, or registered as a
 * new version with `supersedes`) only within a care relationship: the
 * writer's organisation checked the person's eligibility with an ELIGIBLE
 * outcome at most `careRelationshipDays` ago (what the registry of persons
 * told the gateway, signed in the caller; none when it did not say), as for
 * reading the record; and the person has blocked none of the providers the
 * write involves (the writer, the author, the custodian). An unknown person,
 * another organisation's patient and a blocked provider get the same
 * answer, so a refusal tells none of them apart.
 */
export function mayAddPointer(facts: PointerCareFacts, careRelationshipDays: number): boolean {
  const { writer } = facts;
  if (!writer.org) return false;
  const known = writer.careRelationships ?? {};
  const lastCheckOn = Object.hasOwn(known, facts.personRef) ? (known[facts.personRef] ?? null) : null;
  if (!withinCareRelationship(lastCheckOn, facts.today, careRelationshipDays)) return false;
  return ![writer.org, facts.authorInpe, facts.custodianInpe].some((inpe) => facts.blockedInpes.has(inpe));
}
