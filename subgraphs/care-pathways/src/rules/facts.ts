/**
 * What the pathway rules read. Every record is a period of validity
 * (`validFrom`..`validUntil`, both inclusive, `validUntil` null when open);
 * dates are `YYYY-MM-DD` strings, so they compare as text.
 */

/** A period of validity, inclusive at both ends; an open end is null. */
export interface Period {
  validFrom: string;
  validUntil: string | null;
}

/** A declaration of the person's referring doctor (médecin référent) to their OG. */
export interface ReferringDoctorFact extends Period {
  doctorInpe: string;
  organism: string;
}

/** A recognised long-term illness (ALD/ALC) and its co-payment exemption period. */
export interface AldFact extends Period {
  aldCode: string;
}

/** An enrolment in a coordinated care pathway (PCS). */
export interface EnrolmentFact extends Period {
  organism: string;
  regime: string;
  regionCode: string;
  pathologyCode: string;
  referringDoctorInpe: string;
}

/** A referral by the referring doctor to a specialty or to a named provider. */
export interface ReferralFact {
  fromInpe: string;
  toSpecialty: string | null;
  /** The provider referred to; null when the referral names a specialty only (any such provider complies). */
  toInpe: string | null;
  issuedOn: string;
  validUntil: string;
}

/** Kinds of pathway exception normalised by ANAM (seeds/001_225b0d72771d4c3f.txt:L612). */
export type ExceptionKind = 'OUT_OF_PCS_CASE' | 'AUTHORISED_EXCEPTION';

/** A normalised out-of-pathway case or an authorised exception, valid for a period. */
export interface ExceptionFact extends Period {
  kind: string;
}

/** Status of a prior approval request. */
export type ApprovalStatus = 'REQUESTED' | 'GRANTED' | 'REFUSED';

/** A prior approval (accord préalable) asked of an OG. */
export interface ApprovalFact extends Period {
  organism: string;
  careType: string;
  actCode: string | null;
  status: string;
}

/** What non-compliance with the pathway means (domain.md R8): refusal, lower reimbursement, or a warning. */
export type Penalty = 'REFUSE' | 'REDUCE' | 'WARN';

/** One activation of the PCS: a feature flag per organism × region × pathology (optionally per regime). */
export interface PcsActivation extends Period {
  organism: string;
  /** Regimes of the organism the activation covers; null for all of them. */
  regimes: readonly string[] | null;
  region: string;
  /** Pathology codes (ALD codes) enrolments must carry. */
  pathologies: readonly string[];
  /** Penalty of this activation; null for the default. */
  penalty: Penalty | null;
}

/** The PCS configuration, from `reference-data/pcs-activation.json`. */
export interface PcsConfig {
  activations: readonly PcsActivation[];
  /** Care types subject to the pathway (never pharmacy or emergencies). */
  careTypesSubject: readonly string[];
  defaultPenalty: Penalty;
}

/** The prior-approval configuration, from `reference-data/prior-approval.json`. */
export interface PriorApprovalConfig {
  /** Care types needing a prior approval, per organism. */
  careTypesByOrganism: Readonly<Record<string, readonly string[]>>;
  /** What to answer when the person's organism is not known to this subgraph. */
  whenOrganismUnknown: 'REQUIRED_IF_ANY_ORGANISM' | 'NOT_REQUIRED';
}

/** The care being checked and the person's pathway records. */
export interface PathwayCareFacts {
  careDate: string;
  careType: string;
  providerInpe: string;
  referringDoctors: readonly ReferringDoctorFact[];
  enrolments: readonly EnrolmentFact[];
  referrals: readonly ReferralFact[];
  exceptions: readonly ExceptionFact[];
}

/** Why a care complies with the pathway. */
export type ComplianceBasis = 'NOT_APPLICABLE' | 'REFERRING_DOCTOR' | 'REFERRAL' | 'EXCEPTION' | 'NONE';

/** The outcome of the pathway rule (R8). */
export interface PathwayCompliance {
  /** The PCS applies to this person, date and care type. */
  pcsApplies: boolean;
  /** The care respects the pathway; always true where the PCS does not apply. */
  compliant: boolean;
  /** What non-compliance means; meaningful only when `pcsApplies` and not `compliant`. */
  penalty: Penalty;
  /** What made the care compliant (or NONE). */
  basis: ComplianceBasis;
}
