import type { EnrolmentFact, PathwayCareFacts, PathwayCompliance, PcsActivation, PcsConfig, ReferringDoctorFact } from './facts';
import { validOn } from './valid-on';

/** The activation that puts an enrolment in the PCS on the date, if any (feature flag organism × region × pathology). */
export function activationFor(enrolment: EnrolmentFact, date: string, config: PcsConfig): PcsActivation | null {
  return (
    config.activations.find(
      (a) =>
        validOn(a, date) &&
        a.organism === enrolment.organism &&
        a.region === enrolment.regionCode &&
        a.pathologies.includes(enrolment.pathologyCode) &&
        (a.regimes === null || a.regimes.includes(enrolment.regime)),
    ) ?? null
  );
}

/**
 * The referring doctor declared for the date: the newest declaration valid on
 * it, else the doctor named by an enrolment valid on it
 * (seeds/001_225b0d72771d4c3f.txt:L612, declaration of the referring doctor).
 */
export function referringDoctorOn(
  declarations: readonly ReferringDoctorFact[],
  enrolments: readonly EnrolmentFact[],
  date: string,
): string | null {
  const newestFirst = <T extends { validFrom: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  const declared = newestFirst(declarations.filter((d) => validOn(d, date)))[0];
  if (declared) return declared.doctorInpe;
  return newestFirst(enrolments.filter((e) => validOn(e, date)))[0]?.referringDoctorInpe ?? null;
}

/**
 * R8, the coordinated care pathway (seeds/001_225b0d72771d4c3f.txt:L602-L614).
 * The PCS applies when the person has an enrolment valid on the care date
 * whose organism × region × pathology is activated and the care type is
 * subject to the pathway. The care then complies when it is given by the
 * referring doctor himself, or a referral valid on the date names the
 * provider (or names no provider: any specialist), or a normalised
 * out-of-PCS case or authorised exception is valid on the date (L612).
 */
export function pathwayCompliance(facts: PathwayCareFacts, config: PcsConfig): PathwayCompliance {
  const date = facts.careDate;
  const notApplicable: PathwayCompliance = { pcsApplies: false, compliant: true, penalty: config.defaultPenalty, basis: 'NOT_APPLICABLE' };
  if (!config.careTypesSubject.includes(facts.careType)) return notApplicable;
  const enrolled = facts.enrolments
    .filter((e) => validOn(e, date))
    .map((enrolment) => ({ enrolment, activation: activationFor(enrolment, date, config) }))
    .filter((match): match is { enrolment: EnrolmentFact; activation: PcsActivation } => match.activation !== null);
  const first = enrolled[0];
  if (!first) return notApplicable;
  const penalty = first.activation.penalty ?? config.defaultPenalty;

  const doctors = new Set(enrolled.map((m) => m.enrolment.referringDoctorInpe));
  const declared = referringDoctorOn(facts.referringDoctors, [], date);
  if (declared) doctors.add(declared);
  if (doctors.has(facts.providerInpe)) return { pcsApplies: true, compliant: true, penalty, basis: 'REFERRING_DOCTOR' };

  const referred = facts.referrals.some(
    (r) => r.issuedOn <= date && date <= r.validUntil && (r.toInpe === null || r.toInpe === facts.providerInpe),
  );
  if (referred) return { pcsApplies: true, compliant: true, penalty, basis: 'REFERRAL' };

  if (facts.exceptions.some((e) => validOn(e, date))) return { pcsApplies: true, compliant: true, penalty, basis: 'EXCEPTION' };
  return { pcsApplies: true, compliant: false, penalty, basis: 'NONE' };
}
