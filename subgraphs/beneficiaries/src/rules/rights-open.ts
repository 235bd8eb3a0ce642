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
 * R2 with R5: the affiliation opens rights on the date. A dependant also
 * needs the insured's rights open and must meet the dependant conditions
 * (age limits from reference data; seeds/000_d0926435f5ab7fee.txt:L219 names
 * dependants only).
 */
export function rightsClosedCause(
  affiliation: AffiliationFact,
  birthDate: string,
  date: string,
  config: EligibilityRuleConfig,
): ClosedCause | null {
  const own = periodCause(affiliation, date, config.rightsGracePeriodDays);
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
