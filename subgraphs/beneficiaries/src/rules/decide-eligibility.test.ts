import { describe, expect, it } from 'vitest';
import { affiliationFact } from '../__tests__/support/affiliation-fact';
import { decideEligibility } from './decide-eligibility';
import type { AffiliationFact, EligibilityFacts, EligibilityRuleConfig } from './facts';

const CONFIG: EligibilityRuleConfig = {
  rightsGracePeriodDays: 90,
  childAgeLimit: 21,
  studentAgeLimit: 26,
  disabledAgeLimit: null,
  suspensionBlocks: {},
};
const DATE = '2026-03-02';

function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    careDate: DATE,
    careType: 'CONSULTATION',
    person: { birthDate: '1985-04-12' },
    affiliations: [affiliationFact()],
    provider: { registered: true, active: true },
    pathway: { pcsApplies: false, compliant: true, penalty: 'REFUSE', aldExemptions: [] },
    ...overrides,
  };
}

const insuredOpen = { ...affiliationFact(), insured: undefined } as unknown as Omit<AffiliationFact, 'insured'>;

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
      { affiliations: [affiliationFact({ validUntil: '2025-06-30', status: 'CLOSED' })] },
      'NO_ACTIVE_RIGHTS',
      ['RIGHTS_CLOSED'],
    ],
    [
      'rights not yet open (R2)',
      { affiliations: [affiliationFact({ validFrom: '2026-04-01' })] },
      'NO_ACTIVE_RIGHTS',
      ['RIGHTS_NOT_YET_OPEN'],
    ],
    [
      'rights closed long ago and the next ones not yet open (R2)',
      {
        affiliations: [
          affiliationFact({ validUntil: '2025-06-30', status: 'CLOSED' }),
          affiliationFact({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC', validFrom: '2026-04-01' }),
        ],
      },
      'NO_ACTIVE_RIGHTS',
      ['RIGHTS_NOT_YET_OPEN'],
    ],
    [
      'rights closed within the grace period (R2)',
      { affiliations: [affiliationFact({ validUntil: '2026-01-15' })] },
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'RIGHTS_IN_GRACE_PERIOD'],
    ],
    [
      'suspended (R3)',
      { affiliations: [affiliationFact({ status: 'SUSPENDED', suspensionReason: 'UNPAID_CONTRIBUTIONS' })] },
      'SUSPENDED',
      ['RIGHTS_SUSPENDED'],
    ],
    [
      'two active regimes (R4)',
      { affiliations: [affiliationFact(), affiliationFact({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC' })] },
      'DUPLICATE_REGISTRATION',
      ['SEVERAL_ACTIVE_REGIMES'],
    ],
    [
      'one active and one closed regime (R4 passes)',
      {
        affiliations: [
          affiliationFact({ validUntil: '2020-01-01', status: 'CLOSED' }),
          affiliationFact({ organism: 'CNOPS', regime: 'AMO_ETUDIANTS' }),
        ],
      },
      'ELIGIBLE',
      ['RIGHTS_OPEN'],
    ],
    [
      'open at one OG, suspended at another: a double registration (R4 before R3, domain.md §5)',
      {
        affiliations: [
          affiliationFact({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC' }),
          affiliationFact({ organism: 'CNSS', regime: 'AMO_TNS', status: 'SUSPENDED', suspensionReason: 'UNPAID_CONTRIBUTIONS' }),
        ],
      },
      'DUPLICATE_REGISTRATION',
      ['SEVERAL_ACTIVE_REGIMES'],
    ],
    [
      'suspended at two OGs: still a double registration (R4 before R3)',
      {
        affiliations: [
          affiliationFact({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC', status: 'SUSPENDED' }),
          affiliationFact({ organism: 'CNSS', regime: 'AMO_TNS', status: 'SUSPENDED' }),
        ],
      },
      'DUPLICATE_REGISTRATION',
      ['SEVERAL_ACTIVE_REGIMES'],
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
    facts({ person: { birthDate }, affiliations: [affiliationFact({ role: 'CHILD', insured: insuredOpen, ...extra })] });

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
      'a child whose insured is suspended (every care type blocked by default)',
      child('2015-10-10', { insured: { ...insuredOpen, status: 'SUSPENDED', suspensionReason: 'FRAUD_INVESTIGATION' } }),
      'SUSPENDED',
      'RIGHTS_SUSPENDED',
    ],
    [
      'a spouse of an open insured',
      facts({ affiliations: [affiliationFact({ role: 'SPOUSE', insured: insuredOpen })] }),
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

describe('decideEligibility: a change of OG or of regime (R2 with a successor, domain.md §5)', () => {
  const cnops = (extra: Partial<AffiliationFact>) => affiliationFact({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC', ...extra });
  const ramed = affiliationFact({ organism: 'ANAM', regime: 'RAMED', validFrom: '2019-05-01', validUntil: '2022-11-30', status: 'CLOSED' });
  const tadamon = affiliationFact({ regime: 'AMO_TADAMON', validFrom: '2022-12-01' });

  it.each<[string, AffiliationFact[], string, string, string | null, string[]]>([
    [
      'closed at CNOPS, opened at CNSS the next day: the new coverage, no grace',
      [cnops({ validUntil: '2026-02-27', status: 'CLOSED' }), affiliationFact({ validFrom: '2026-02-28' })],
      DATE,
      'ELIGIBLE',
      'CNSS',
      ['RIGHTS_OPEN'],
    ],
    ['ex-RAMED moved to AMO Tadamon on 1 Dec 2022 (R15)', [ramed, tadamon], '2022-12-15', 'ELIGIBLE', 'CNSS', ['RIGHTS_OPEN']],
    [
      'closed with no successor: the grace period still covers the person',
      [cnops({ validUntil: '2026-01-31', status: 'CLOSED' })],
      DATE,
      'ELIGIBLE',
      'CNOPS',
      ['RIGHTS_OPEN', 'RIGHTS_IN_GRACE_PERIOD'],
    ],
    [
      'a successor that opens after the day of care does not end the grace yet',
      [cnops({ validUntil: '2026-01-31', status: 'CLOSED' }), affiliationFact({ validFrom: '2026-04-01' })],
      DATE,
      'ELIGIBLE',
      'CNOPS',
      ['RIGHTS_OPEN', 'RIGHTS_IN_GRACE_PERIOD'],
    ],
    [
      'a suspended successor: suspended, the old rights give no grace',
      [cnops({ validUntil: '2026-02-27', status: 'CLOSED' }), affiliationFact({ validFrom: '2026-02-28', status: 'SUSPENDED' })],
      DATE,
      'SUSPENDED',
      'CNSS',
      ['RIGHTS_SUSPENDED'],
    ],
    [
      'overlapping rights at two OGs stay a double registration',
      [cnops({ validUntil: '2026-03-31' }), affiliationFact({ validFrom: '2026-02-28' })],
      DATE,
      'DUPLICATE_REGISTRATION',
      null,
      ['SEVERAL_ACTIVE_REGIMES'],
    ],
  ])('%s', (_label, affiliations, careDate, outcome, organism, reasons) => {
    const decision = decideEligibility(facts({ affiliations, careDate }), CONFIG);
    expect(decision.outcome).toBe(outcome);
    expect(decision.coverage?.organism ?? null).toBe(organism);
    expect(decision.reasons.map((r) => r.code)).toEqual(reasons);
  });
});

describe('decideEligibility: what a suspension blocks comes from reference data (R3, open question 3)', () => {
  const config: EligibilityRuleConfig = { ...CONFIG, suspensionBlocks: { DOCUMENTS_MISSING: ['HOSPITALISATION'], ADMINISTRATIVE: [] } };
  const suspended = (suspensionReason: string) => [affiliationFact({ status: 'SUSPENDED', suspensionReason })];

  it.each<[string, string, string, EligibilityRuleConfig, string, string[]]>([
    [
      'a reason listed for hospitalisation, at a consultation',
      'DOCUMENTS_MISSING',
      'CONSULTATION',
      config,
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'RIGHTS_SUSPENDED_FOR_OTHER_CARE'],
    ],
    [
      'a reason listed for hospitalisation, at a hospitalisation',
      'DOCUMENTS_MISSING',
      'HOSPITALISATION',
      config,
      'SUSPENDED',
      ['RIGHTS_SUSPENDED'],
    ],
    ['a reason not listed blocks every care type', 'UNPAID_CONTRIBUTIONS', 'PHARMACY', config, 'SUSPENDED', ['RIGHTS_SUSPENDED']],
    [
      'a reason listed with no care type blocks none',
      'ADMINISTRATIVE',
      'PHARMACY',
      config,
      'ELIGIBLE',
      ['RIGHTS_OPEN', 'RIGHTS_SUSPENDED_FOR_OTHER_CARE'],
    ],
    ['the default (nothing listed) blocks everything', 'DOCUMENTS_MISSING', 'CONSULTATION', CONFIG, 'SUSPENDED', ['RIGHTS_SUSPENDED']],
  ])('%s', (_label, reason, careType, ruleConfig, outcome, reasons) => {
    const decision = decideEligibility(facts({ affiliations: suspended(reason), careType }), ruleConfig);
    expect(decision.outcome).toBe(outcome);
    expect(decision.reasons.map((r) => r.code)).toEqual(reasons);
  });

  it("follows the insured's suspension for a dependant", () => {
    const child = affiliationFact({
      role: 'CHILD',
      insured: { ...insuredOpen, status: 'SUSPENDED', suspensionReason: 'DOCUMENTS_MISSING' },
    });
    expect(decideEligibility(facts({ person: { birthDate: '2015-10-10' }, affiliations: [child] }), config).outcome).toBe('ELIGIBLE');
    const atHospital = facts({ person: { birthDate: '2015-10-10' }, affiliations: [child], careType: 'HOSPITALISATION' });
    expect(decideEligibility(atHospital, config).outcome).toBe('SUSPENDED');
  });
});

describe("decideEligibility: payment terms with the person's OG on the day of care (R7)", () => {
  const provider = (conventions: { organism: string; careType: string | null; paymentMode: string }[]) => ({
    registered: true,
    active: true,
    conventions,
  });

  it.each<[string, Partial<EligibilityFacts>, boolean | null, string | null]>([
    [
      'CNSS tiers payant for every care type',
      { provider: provider([{ organism: 'CNSS', careType: null, paymentMode: 'TIERS_PAYANT' }]) },
      true,
      'TIERS_PAYANT',
    ],
    [
      'conventioned with CNOPS only: not conventioned for a CNSS member, who pays and claims',
      { provider: provider([{ organism: 'CNOPS', careType: null, paymentMode: 'TIERS_PAYANT' }]) },
      false,
      'DIRECT',
    ],
    [
      'terms for the care type win over the general terms',
      {
        provider: provider([
          { organism: 'CNSS', careType: null, paymentMode: 'TIERS_PAYANT' },
          { organism: 'CNSS', careType: 'CONSULTATION', paymentMode: 'DIRECT' },
        ]),
      },
      true,
      'DIRECT',
    ],
    [
      'terms for another care type only: conventioned, direct payment',
      { provider: provider([{ organism: 'CNSS', careType: 'HOSPITALISATION', paymentMode: 'TIERS_PAYANT' }]) },
      true,
      'DIRECT',
    ],
    ['no convention at all', { provider: provider([]) }, false, 'DIRECT'],
    ['conventions unknown (an older providers subgraph)', { provider: { registered: true, active: true } }, null, null],
    ['providers unavailable', { provider: null }, null, null],
    ['not eligible: no terms', { affiliations: [affiliationFact({ validUntil: '2020-01-01', status: 'CLOSED' })] }, null, null],
  ])('%s', (_label, overrides, conventioned, paymentMode) => {
    const decision = decideEligibility(facts(overrides), CONFIG);
    expect(decision.conventioned).toBe(conventioned);
    expect(decision.paymentMode).toBe(paymentMode);
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
          affiliationFact({ organism: 'CNSS', regime: 'AMO_TNS' }),
          affiliationFact({ organism: 'CNOPS', regime: 'AMO_SALARIES_PUBLIC' }),
        ],
      }),
      CONFIG,
    );
    expect(decision.coverage).toBeNull();
    expect(decision.reasons.at(-1)?.params?.organisms).toBe('CNOPS/AMO_SALARIES_PUBLIC, CNSS/AMO_TNS');
  });
});
