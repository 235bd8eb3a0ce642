import { addDays, ageOn } from '@cmb/kit';
import type { AffiliationFact, EligibilityRuleConfig } from './facts';

/** Why an affiliation does not open rights on a date, or null when it does. */
export type ClosedCause = 'NOT_YET_OPEN' | 'CLOSED' | 'DEPENDANT_AGE_LIMIT' | 'INSURED_RIGHTS_CLOSED';

/** Validity of one affiliation period on a date, grace period included (R2, seeds/001_225b0d72771d4c3f.txt:L828). */
function periodCause(
  affiliation: Pick<AffiliationFact, 'validFrom' | 'validUntil' | 'status'>,
  date: string,
  graceDays: number,
): 'NOT_YET_OPEN' | 'CLOSED' | null {
  if (date < affiliation.validFrom) return 'NOT_YET_OPEN';
  if (affiliation.validUntil !== null && date > addDays(affiliation.validUntil, graceDays)) return 'CLOSED';
  if (affiliation.status === 'CLOSED' && affiliation.validUntil === null) return 'CLOSED';
  return null;
}

/**
 * R2 (domain.md §5): an affiliation that ended is superseded on a date when
 * another affiliation of the person opened after its end, on or before that
 * date: a change of OG or of regime, the RAMED → AMO Tadamon transfer
 * (seeds/001_225b0d72771d4c3f.txt:L778). The grace period covers only a
 * person with no successor affiliation.
 */
export function supersededOn(affiliation: AffiliationFact, affiliations: readonly AffiliationFact[], date: string): boolean {
  const end = affiliation.validUntil;
  if (end === null) return false;
  return affiliations.some((other) => other !== affiliation && other.validFrom > end && other.validFrom <= date);
}

/**
 * R2 with R5: the affiliation opens rights on the date. An affiliation
 * superseded by a successor gets no grace period. A dependant also needs the
 * insured's rights open and must meet the dependant conditions (age limits
 * from reference data; seeds/000_d0926435f5ab7fee.txt:L219 names dependants only).
 */
export function rightsClosedCause(
  affiliation: AffiliationFact,
  affiliations: readonly AffiliationFact[],
  birthDate: string,
  date: string,
  config: EligibilityRuleConfig,
): ClosedCause | null {
  const graceDays = supersededOn(affiliation, affiliations, date) ? 0 : config.rightsGracePeriodDays;
  const own = periodCause(affiliation, date, graceDays);
  if (own) return own;
  if (affiliation.role === 'INSURED') return null;
  if (affiliation.insured && periodCause(affiliation.insured, date, config.rightsGracePeriodDays)) return 'INSURED_RIGHTS_CLOSED';
  if (affiliation.role === 'CHILD') {
    const age = ageOn(birthDate, date);
    const limit = affiliation.disabled ? config.disabledAgeLimit : affiliation.student ? config.studentAgeLimit : config.childAgeLimit;
    if (limit !== null && age >= limit) return 'DEPENDANT_AGE_LIMIT';
  }
  return null;
}

/** True when the affiliation is in grace: its period ended but the grace period still covers the date. */
export function inGracePeriod(affiliation: AffiliationFact, date: string): boolean {
  return affiliation.validUntil !== null && date > affiliation.validUntil;
}

/** R3: the affiliation, or for a dependant the insured's, is suspended (seeds/004_c48955e6965216bd.txt:L331). */
export function isSuspended(affiliation: AffiliationFact): boolean {
  return affiliation.status === 'SUSPENDED' || affiliation.insured?.status === 'SUSPENDED';
}

/** The reason of the suspension that holds the affiliation (its own, else its insured's); UNSPECIFIED without one. */
export function suspensionReasonOf(affiliation: AffiliationFact): string {
  const own = affiliation.status === 'SUSPENDED' ? affiliation.suspensionReason : null;
  const insured = affiliation.insured?.status === 'SUSPENDED' ? affiliation.insured.suspensionReason : null;
  return own ?? insured ?? 'UNSPECIFIED';
}

/**
 * R3 with open question 3 (domain.md): whether the suspension blocks this
 * kind of care. Reference data lists, per suspension reason, the care types
 * it blocks; a reason it does not list blocks every care type. No care type
 * is exempted in code.
 */
export function suspensionBlocks(affiliation: AffiliationFact, careType: string, config: EligibilityRuleConfig): boolean {
  if (!isSuspended(affiliation)) return false;
  const blocked = config.suspensionBlocks[suspensionReasonOf(affiliation)];
  return blocked === undefined || blocked.includes(careType);
}
