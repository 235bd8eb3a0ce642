import { providerRefused } from '@cmb/kit';
import type { AffiliationFact, Decision, EligibilityFacts, EligibilityRuleConfig, ReasonFact } from './facts';
import { paymentTerms } from './payment-terms';
import { inGracePeriod, rightsClosedCause, suspensionBlocks, suspensionReasonOf, type ClosedCause } from './rights-open';

/** Builds a refusal: not eligible, with the reasons gathered so far. */
function refuse(outcome: Decision['outcome'], reasons: ReasonFact[], coverage: AffiliationFact | null, complete: boolean): Decision {
  return { outcome, eligible: false, reasons, coverage, complete, conventioned: null, paymentMode: null };
}

/** The organisms of a set of affiliations, sorted and distinct. */
function organismsOf(affiliations: AffiliationFact[]): string {
  return [...new Set(affiliations.map((a) => `${a.organism}/${a.regime}`))].sort().join(', ');
}

/**
 * The reason of NO_ACTIVE_RIGHTS: rights that open after the day of care
 * first (the person is expected), then the dependant's causes (R5), else the
 * rights are closed.
 */
function noRightsReason(causes: readonly (ClosedCause | null)[]): ReasonFact {
  if (causes.includes('NOT_YET_OPEN')) return { code: 'RIGHTS_NOT_YET_OPEN', rule: 'R2' };
  const dependant = causes.find((cause) => cause === 'DEPENDANT_AGE_LIMIT' || cause === 'INSURED_RIGHTS_CLOSED');
  return dependant ? { code: dependant, rule: 'R5' } : { code: 'RIGHTS_CLOSED', rule: 'R2' };
}

/**
 * The eligibility rule, in the order of domain.md §5: R6 → R1 → R2 → R4 → R3
 * → R8 → ELIGIBLE; the first failure wins. The provider check comes first so
 * that an unauthorised caller cannot learn whether a person exists. R4 comes
 * before R3: two regimes with open rights are a double registration whether
 * or not one is suspended. A check whose subgraph was unavailable is skipped
 * and named in the reasons. R7 adds the payment terms to an ELIGIBLE decision.
 */
export function decideEligibility(facts: EligibilityFacts, config: EligibilityRuleConfig): Decision {
  const reasons: ReasonFact[] = [];
  let complete = true;

  // R6: the asking provider holds an INPE active on the date (seeds/001_225b0d72771d4c3f.txt:L891).
  if (facts.provider === null) {
    complete = false;
    reasons.push({ code: 'PROVIDER_CHECK_UNAVAILABLE', rule: 'R6', params: { subgraph: 'providers' } });
  } else if (providerRefused(facts.provider)) {
    const code = facts.provider.registered ? 'PROVIDER_INACTIVE' : 'PROVIDER_UNKNOWN';
    return refuse('PROVIDER_NOT_AUTHORIZED', [...reasons, { code, rule: 'R6' }], null, complete);
  }

  // R1: the person is in the registry (seeds/004_c48955e6965216bd.txt:L382).
  if (facts.person === null || facts.affiliations.length === 0) {
    return refuse('NOT_FOUND', [...reasons, { code: 'PERSON_NOT_FOUND', rule: 'R1' }], null, complete);
  }
  const birthDate = facts.person.birthDate;

  // R2 and R5: rights open on the date, dependants through their insured; a successor ends the grace period.
  const causes = facts.affiliations.map((a) => rightsClosedCause(a, facts.affiliations, birthDate, facts.careDate, config));
  const open = facts.affiliations.filter((_, index) => causes[index] === null);
  if (open.length === 0) {
    const latest = [...facts.affiliations].sort((a, b) => (b.validFrom > a.validFrom ? 1 : -1))[0] ?? null;
    return refuse('NO_ACTIVE_RIGHTS', [...reasons, noRightsReason(causes)], latest, complete);
  }

  // R4: one person, one regime (seeds/001_225b0d72771d4c3f.txt:L133), suspended rights included; list the OGs, pick no winner.
  const regimes = new Set(open.map((a) => `${a.organism}/${a.regime}`));
  if (regimes.size > 1) {
    return refuse(
      'DUPLICATE_REGISTRATION',
      [...reasons, { code: 'SEVERAL_ACTIVE_REGIMES', rule: 'R4', params: { organisms: organismsOf(open) } }],
      null,
      complete,
    );
  }

  // R3: rights suspended on the date, for the care types the suspension blocks (reference data).
  const usable = open.filter((a) => !suspensionBlocks(a, facts.careType, config));
  if (usable.length === 0) {
    const suspended = open[0] ?? null;
    const suspensionReason = suspended ? suspensionReasonOf(suspended) : 'UNSPECIFIED';
    return refuse('SUSPENDED', [...reasons, { code: 'RIGHTS_SUSPENDED', rule: 'R3', params: { suspensionReason } }], suspended, complete);
  }
  const coverage = usable[0] as AffiliationFact;
  const suspendedForOtherCare = coverage.status === 'SUSPENDED' || coverage.insured?.status === 'SUSPENDED';

  // R8: coordinated care pathway where it applies (seeds/001_225b0d72771d4c3f.txt:L602).
  if (facts.pathway === null) {
    complete = false;
    reasons.push({ code: 'PATHWAY_CHECK_UNAVAILABLE', rule: 'R8', params: { subgraph: 'care-pathways' } });
  } else if (facts.pathway.pcsApplies && !facts.pathway.compliant) {
    if (facts.pathway.penalty === 'REFUSE') {
      return refuse('OUT_OF_PATHWAY', [...reasons, { code: 'OUT_OF_PATHWAY', rule: 'R8' }], coverage, complete);
    }
    reasons.push({ code: facts.pathway.penalty === 'REDUCE' ? 'OUT_OF_PATHWAY_REDUCED_RATE' : 'OUT_OF_PATHWAY_WARNING', rule: 'R8' });
  }

  if (suspendedForOtherCare) {
    reasons.push({ code: 'RIGHTS_SUSPENDED_FOR_OTHER_CARE', rule: 'R3', params: { suspensionReason: suspensionReasonOf(coverage) } });
  }
  if (inGracePeriod(coverage, facts.careDate)) reasons.push({ code: 'RIGHTS_IN_GRACE_PERIOD', rule: 'R2' });
  if ((facts.pathway?.aldExemptions.length ?? 0) > 0) reasons.push({ code: 'ALD_EXEMPTION', rule: 'R9' });
  reasons.unshift({ code: 'RIGHTS_OPEN', rule: 'R2', params: { organism: coverage.organism } });
  const terms = paymentTerms(facts.provider?.conventions, coverage.organism, facts.careType);
  return { outcome: 'ELIGIBLE', eligible: true, reasons, coverage, complete, ...terms };
}
