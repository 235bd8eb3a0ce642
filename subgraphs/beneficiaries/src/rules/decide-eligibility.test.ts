import { describe, expect, it } from 'vitest';
import { decideEligibility } from './decide-eligibility';
import type { AffiliationFact, EligibilityFacts, EligibilityRuleConfig } from './facts';

const CONFIG: EligibilityRuleConfig = { rightsGracePeriodDays: 90, childAgeLimit: 21, studentAgeLimit: 26, disabledAgeLimit: null };
const DATE = '2026-03-02';

function affiliation(overrides: Partial<AffiliationFact> = {}): AffiliationFact {
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

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    careDate: DATE,
    person: { birthDate: '1985-04-12' },
    affiliations: [affiliation()],
    provider: { registered: true, active: true },
    pathway: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] },
    ...overrides,
  };
}

const insuredOpen = { ...affiliation(), insured: undefined } as unknown as Omit<AffiliationFact, 'insured'>;

describe('decideEligibility: the rules in the order of domain.md §5', () => {
  it.each<[string, Partial<EligibilityFacts>, string, string[]]>([
    ['open rights', {}, 'ELIGIBLE', ['RIGHTS_OPEN']],
    ['unknown INPE (R6)', { provider: { registered: false, active: false } }, 'PROVIDER_NOT_AUTHORIZED', ['PROVIDER_UNKNOWN']],
    ['withdrawn INPE (R6)', { provider: { registered: true, active: false } }, 'PROVIDER_NOT_AUTHORIZED', ['PROVIDER_INACTIVE']],
    [
      'R6 before R1: unknown person at an unauthorised provider',
      { person: null, affiliations: [], provider: { registered: false, active: false } },
      'PROVIDER_NOT_AUTHORIZED',
      ['PROVIDER_UNKNOWN'],
    ],
    ['person not in the registry (R1)', { person: null, affiliations: [] }, 'NOT_FOUND', ['PERSON_NOT_FOUND']],
    [
      'rights closed long ago (R2)',
      { affiliations: [affiliation({ validUntil: '2025-06-30', status: 'CLOSED' })] },
      'NO_ACTIVE_RIGHTS',
      ['RIGHTS_CLOSED'],
    ],
    ['rights not yet open (R2)', { affiliations: [affiliation({ validFrom: '2026-04-01' })] }, 'NO_ACTIVE_RIGHTS', ['RIGHTS_CLOSED']],
    [
      'rights closed within the grace period (R2)',
      { affiliations: [affiliation({ validUntil: '2026-01-15' })] },
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'RIGHTS_IN_GRACE_PERIOD'],
    ],
    [
      'suspended (R3)',
      { affiliations: [affiliation({ status: 'SUSPENDED', suspensionReason: 'UNPAID_CONTRIBUTIONS' })] },
      'SUSPENDED',
      ['RIGHTS_SUSPENDED'],
    ],
    [
      'two active regimes (R4)',
      { affiliations: [affiliation(), affiliation({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC' })] },
      'DUPLICATE_REGISTRATION',
      ['SEVERAL_ACTIVE_REGIMES'],
    ],
    [
      'one active and one closed regime (R4 passes)',
      {
        affiliations: [
          affiliation({ validUntil: '2020-01-01', status: 'CLOSED' }),
          affiliation({ organism: 'CNOPS', regime: 'AMO_ETUDIANTS' }),
        ],
      },
      'ELIGIBLE',
      ['RIGHTS_OPEN'],
    ],
    [
      'suspended before duplicate (R3 before R4)',
      { affiliations: [affiliation({ status: 'SUSPENDED' })] },
      'SUSPENDED',
      ['RIGHTS_SUSPENDED'],
    ],
    [
      'out of the coordinated pathway, penalty REFUSE (R8)',
      { pathway: { pcsApplies: true, compliant: false, penalty: 'REFUSE', aldExemptions: [] } },
      'OUT_OF_PATHWAY',
      ['OUT_OF_PATHWAY'],
    ],
    [
      'out of the pathway, penalty WARN (R8)',
      { pathway: { pcsApplies: true, compliant: false, penalty: 'WARN', aldExemptions: [] } },
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'OUT_OF_PATHWAY_WARNING'],
    ],
    [
      'out of the pathway, penalty REDUCE (R8)',
      { pathway: { pcsApplies: true, compliant: false, penalty: 'REDUCE', aldExemptions: [] } },
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'OUT_OF_PATHWAY_REDUCED_RATE'],
    ],
    [
      'compliant pathway (R8)',
      { pathway: { pcsApplies: true, compliant: true, penalty: 'REFUSE', aldExemptions: [] } },
      'ELIGIBLE',
      ['RIGHTS_OPEN'],
    ],
    [
      'ALD exemption (R9)',
      { pathway: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: ['DIABETE_T2'] } },
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'ALD_EXEMPTION'],
    ],
  ])('%s', (_label, overrides, outcome, reasons) => {
    const decision = decideEligibility(facts(overrides), CONFIG);
    expect(decision.outcome).toBe(outcome);
    expect(decision.eligible).toBe(outcome === 'ELIGIBLE');
    expect(decision.reasons.map((r) => r.code)).toEqual(reasons);
    expect(decision.complete).toBe(true);
  });
});

describe('decideEligibility: dependants follow their insured (R5)', () => {
  const child = (birthDate: string, extra: Partial<AffiliationFact> = {}) =>
    facts({ person: { birthDate }, affiliations: [affiliation({ role: 'CHILD', insured: insuredOpen, ...extra })] });

  it.each<[string, EligibilityFacts, string, string]>([
    ['a 10-year-old child', child('2015-10-10'), 'ELIGIBLE', 'RIGHTS_OPEN'],
    ['a 23-year-old child, not a student', child('2002-11-05'), 'NO_ACTIVE_RIGHTS', 'DEPENDANT_AGE_LIMIT'],
    ['a 23-year-old student', child('2002-11-05', { student: true }), 'ELIGIBLE', 'RIGHTS_OPEN'],
    ['a 27-year-old student', child('1998-11-05', { student: true }), 'NO_ACTIVE_RIGHTS', 'DEPENDANT_AGE_LIMIT'],
    ['a 40-year-old disabled child (no limit)', child('1985-11-05', { disabled: true }), 'ELIGIBLE', 'RIGHTS_OPEN'],
    [
      'a child whose insured left in 2024',
      child('2015-10-10', { insured: { ...insuredOpen, validUntil: '2024-01-01', status: 'CLOSED' } }),
      'NO_ACTIVE_RIGHTS',
      'INSURED_RIGHTS_CLOSED',
    ],
    [
      'a child whose insured is suspended',
      child('2015-10-10', { insured: { ...insuredOpen, status: 'SUSPENDED', suspensionReason: 'FRAUD_INVESTIGATION' } }),
      'SUSPENDED',
      'RIGHTS_SUSPENDED',
    ],
    [
      'a spouse of an open insured',
      facts({ affiliations: [affiliation({ role: 'SPOUSE', insured: insuredOpen })] }),
      'ELIGIBLE',
      'RIGHTS_OPEN',
    ],
  ])('%s', (_label, input, outcome, reason) => {
    const decision = decideEligibility(input, CONFIG);
    expect(decision.outcome).toBe(outcome);
    expect(decision.reasons.map((r) => r.code)).toContain(reason);
  });

  it('turns 21 on the day of care: past the limit that day', () => {
    expect(decideEligibility(child('2005-03-02'), CONFIG).outcome).toBe('NO_ACTIVE_RIGHTS');
    expect(decideEligibility(child('2005-03-03'), CONFIG).outcome).toBe('ELIGIBLE');
  });
});

describe('decideEligibility: checks that could not be made', () => {
  it('skips R6 when the providers subgraph is down and says so', () => {
    const decision = decideEligibility(facts({ provider: null }), CONFIG);
    expect(decision.outcome).toBe('ELIGIBLE');
    expect(decision.complete).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual(['RIGHTS_OPEN', 'PROVIDER_CHECK_UNAVAILABLE']);
  });

  it('skips R8 when the care-pathways subgraph is down and says so', () => {
    const decision = decideEligibility(facts({ pathway: null }), CONFIG);
    expect(decision.complete).toBe(false);
    expect(decision.reasons.map((r) => r.code)).toEqual(['RIGHTS_OPEN', 'PATHWAY_CHECK_UNAVAILABLE']);
  });

  it('still refuses on coverage when a check could not be made', () => {
    const decision = decideEligibility(facts({ provider: null, person: null, affiliations: [] }), CONFIG);
    expect(decision.outcome).toBe('NOT_FOUND');
    expect(decision.complete).toBe(false);
  });

  it('names every OG of a double registration without picking one', () => {
    const decision = decideEligibility(
      facts({
        affiliations: [
          affiliation({ organism: 'CNSS', regime: 'AMO_TNS' }),
          affiliation({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC' }),
        ],
      }),
      CONFIG,
    );
    expect(decision.coverage).toBeNull();
    expect(decision.reasons.at(-1)?.params?.organisms).toBe('CNOPS/AMO_SALARIES_PUBLIC, CNSS/AMO_TNS');
  });
});
