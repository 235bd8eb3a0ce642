import type { AffiliationFact, Decision, EligibilityFacts, EligibilityRuleConfig, ReasonFact } from './facts';
import { inGracePeriod, isSuspended, rightsClosedCause } from './rights-open';

/** Builds a refusal: not eligible, with the reasons gathered so far. */
function refuse(outcome: Decision['outcome'], reasons: ReasonFact[], coverage: AffiliationFact | null, complete: boolean): Decision {
  return { outcome, eligible: false, reasons, coverage, complete };
}

/** The organisms of a set of affiliations, sorted and distinct. */
function organismsOf(affiliations: AffiliationFact[]): string {
  return [...new Set(affiliations.map((a) => `${a.organism}/${a.regime}`))].sort().join(', ');
}

/**
 * The eligibility rule, in the order of domain.md §5: R6 → R1 → R2 → R3 → R4
 * → R8 → ELIGIBLE; the first failure wins. The provider check comes first so
 * that an unauthorised caller cannot learn whether a person exists. A check
 * whose subgraph was unavailable is skipped and named in the reasons.
 */
export function decideEligibility(facts: EligibilityFacts, config: EligibilityRuleConfig): Decision {
  const reasons: ReasonFact[] = [];
  let complete = true;

  // R6: the asking provider holds an INPE active on the date (seeds/001_225b0d72771d4c3f.txt:L891).
  if (facts.provider === null) {
    complete = false;
    reasons.push({ code: 'PROVIDER_CHECK_UNAVAILABLE', rule: 'R6', params: { subgraph: 'providers' } });
  } else if (!facts.provider.registered || !facts.provider.active) {
    const code = facts.provider.registered ? 'PROVIDER_INACTIVE' : 'PROVIDER_UNKNOWN';
    return refuse('PROVIDER_NOT_AUTHORIZED', [...reasons, { code, rule: 'R6' }], null, complete);
  }

  // R1: the person is in the registry (seeds/004_c48955e6965216bd.txt:L382).
  if (facts.person === null || facts.affiliations.length === 0) {
    return refuse('NOT_FOUND', [...reasons, { code: 'PERSON_NOT_FOUND', rule: 'R1' }], null, complete);
  }
  const birthDate = facts.person.birthDate;

  // R2 and R5: rights open on the date, dependants through their insured.
  const causes = facts.affiliations.map((a) => ({ affiliation: a, cause: rightsClosedCause(a, birthDate, facts.careDate, config) }));
  const open = causes.filter((c) => c.cause === null).map((c) => c.affiliation);
  if (open.length === 0) {
    const cause = causes.find((c) => c.cause === 'DEPENDANT_AGE_LIMIT' || c.cause === 'INSURED_RIGHTS_CLOSED')?.cause ?? 'RIGHTS_CLOSED';
    const latest = [...facts.affiliations].sort((a, b) => (b.validFrom > a.validFrom ? 1 : -1))[0] ?? null;
    return refuse('NO_ACTIVE_RIGHTS', [...reasons, { code: cause, rule: cause === 'RIGHTS_CLOSED' ? 'R2' : 'R5' }], latest, complete);
  }

  // R3: rights exist but are suspended on the date.
  const active = open.filter((a) => !isSuspended(a));
  if (active.length === 0) {
    const suspended = open[0] ?? null;
    const reason = suspended?.suspensionReason ?? suspended?.insured?.suspensionReason ?? 'UNSPECIFIED';
    return refuse(
      'SUSPENDED',
      [...reasons, { code: 'RIGHTS_SUSPENDED', rule: 'R3', params: { suspensionReason: reason } }],
      suspended,
      complete,
    );
  }

  // R4: one person, one regime (seeds/001_225b0d72771d4c3f.txt:L133); list the OGs, pick no winner.
  const regimes = new Set(active.map((a) => `${a.organism}/${a.regime}`));
  if (regimes.size > 1) {
    return refuse(
      'DUPLICATE_REGISTRATION',
      [...reasons, { code: 'SEVERAL_ACTIVE_REGIMES', rule: 'R4', params: { organisms: organismsOf(active) } }],
      null,
      complete,
    );
  }
  const coverage = active[0] as AffiliationFact;

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

  if (inGracePeriod(coverage, facts.careDate)) reasons.push({ code: 'RIGHTS_IN_GRACE_PERIOD', rule: 'R2' });
  if ((facts.pathway?.aldExemptions.length ?? 0) > 0) reasons.push({ code: 'ALD_EXEMPTION', rule: 'R9' });
  reasons.unshift({ code: 'RIGHTS_OPEN', rule: 'R2', params: { organism: coverage.organism } });
  return { outcome: 'ELIGIBLE', eligible: true, reasons, coverage, complete };
}
