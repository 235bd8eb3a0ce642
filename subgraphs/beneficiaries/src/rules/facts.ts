/**
 * The facts an eligibility decision is made from. Coverage facts come from
 * this registry; provider and pathway facts come from the providers and
 * care-pathways subgraphs through federation (`@requires`), or are `null`
 * when that subgraph could not answer.
 */

/** One affiliation as the rules see it. */
export interface AffiliationFact {
  organism: string;
  regime: string;
  role: string;
  memberNumber: string;
  validFrom: string;
  validUntil: string | null;
  status: string;
  suspensionReason: string | null;
  student: boolean;
  disabled: boolean;
  /** For a dependant: the insured's own affiliation in the same regime, whose rights it follows (R5). */
  insured: Omit<AffiliationFact, 'insured'> | null;
}

/** What the providers subgraph says of the asking provider on the care date. */
export interface ProviderFacts {
  registered: boolean;
  active: boolean;
  /** The provider gives care (not a pharmacy); absent from an older providers subgraph, read as no. */
  givesCare?: boolean;
  /** Its conventions in force on the day of care, with every OG (R7); absent from an older providers subgraph: unknown. */
  conventions?: ConventionTerms[];
  /** The INPE registry copy the facts were read from, its extraction day and whether it is stale (R6). */
  registryVersion?: string;
  registryAsOf?: string | null;
  registryStale?: boolean;
}

/** A convention in force: with which OG, for which care type (null: every one), and how that OG pays (R7). */
export interface ConventionTerms {
  organism: string;
  careType: string | null;
  paymentMode: string;
}

/** What the care-pathways subgraph says of the person's pathway on the care date. */
export interface PathwayFacts {
  /** The coordinated pathway (PCS) applies to this person, regime, region and care. */
  pcsApplies: boolean;
  /** The care respects the pathway (referral, exception or care by the referring doctor). */
  compliant: boolean;
  /** What non-compliance means where the PCS applies: REFUSE, REDUCE or WARN (config). */
  penalty: string;
  /** Long-term illness exemptions valid on the care date. */
  aldExemptions: string[];
  /** Versions of the pathway reference lists the facts were computed from. */
  referenceVersion?: string;
}

/** Everything one decision needs. */
export interface EligibilityFacts {
  careDate: string;
  /** The kind of care checked (CONSULTATION, PHARMACY, ...): a suspension may block some kinds only (R3). */
  careType: string;
  person: { birthDate: string } | null;
  affiliations: AffiliationFact[];
  provider: ProviderFacts | null;
  pathway: PathwayFacts | null;
}

/** Values the seeds leave open, from versioned reference data. */
export interface EligibilityRuleConfig {
  rightsGracePeriodDays: number;
  childAgeLimit: number;
  studentAgeLimit: number;
  disabledAgeLimit: number | null;
  /**
   * The care types a suspension blocks, per suspension reason (domain.md,
   * open question 3); a reason absent from the map blocks every care type.
   */
  suspensionBlocks: Readonly<Record<string, readonly string[]>>;
}

/** One value per rule, in the order they are evaluated. */
export type EligibilityOutcome =
  'ELIGIBLE' | 'PROVIDER_NOT_AUTHORIZED' | 'NOT_FOUND' | 'NO_ACTIVE_RIGHTS' | 'SUSPENDED' | 'DUPLICATE_REGISTRATION' | 'OUT_OF_PATHWAY';

/** A reason code with the non-personal parameters its message needs. */
export interface ReasonFact {
  code: string;
  rule: string;
  params?: Record<string, string>;
}

/** How the person's OG pays the provider for this care (R7, seeds/001_225b0d72771d4c3f.txt:L686). */
export type PaymentMode = 'TIERS_PAYANT' | 'DIRECT';

/** The decision the rules reach. */
export interface Decision {
  outcome: EligibilityOutcome;
  eligible: boolean;
  reasons: ReasonFact[];
  /** The affiliation that grants (or would grant) the rights, when there is one. */
  coverage: AffiliationFact | null;
  /** False when a check could not be made because a subgraph was unavailable. */
  complete: boolean;
  /** ELIGIBLE only: the provider holds a convention in force with the person's OG; null when unknown (R7). */
  conventioned: boolean | null;
  /** ELIGIBLE only: how the person's OG pays for this care; null when unknown (R7). */
  paymentMode: PaymentMode | null;
}
