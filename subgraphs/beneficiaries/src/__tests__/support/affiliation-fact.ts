import type { AffiliationFact } from '../../rules/facts';

/**
 * A synthetic affiliation as the rules read it (test data): a CNSS insured
 * with open rights since 2010, active; `overrides` change what a case needs.
 */
export function affiliationFact(overrides: Partial<AffiliationFact> = {}): AffiliationFact {
  return {
    organism: 'CNSS',
    regime: 'AMO_SALARIES_PRIVE',
    role: 'INSURED',
    memberNumber: 'M1',
    validFrom: '2010-01-01',
    validUntil: null,
    status: 'ACTIVE',
    suspensionReason: null,
    student: false,
    disabled: false,
    insured: null,
    ...overrides,
  };
}
