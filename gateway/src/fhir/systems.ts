/**
 * Every URI the FHIR facade publishes, in one place: the identifier systems
 * it reads, the code systems and the extension it writes. They live under one
 * stable base and never change meaning; a new one is added here and in the
 * table of `gateway/README.md` (section FHIR). HL7's own systems are listed
 * too, so no other file spells a URI.
 */

/** The stable base of every URI this facade publishes. */
export const FHIR_BASE = 'https://specs.cmb.ma/fhir';

/** Identifier systems (`Identifier.system`) the facade reads and writes. */
export const IDENTIFIER_SYSTEMS = {
  /** National identity card number (CIN / CNIE) of a person. */
  cin: `${FHIR_BASE}/sid/cin`,
  /** Social identifier of minors, who hold no CIN. */
  socialId: `${FHIR_BASE}/sid/social-id`,
  /** INPE code of a health professional or establishment (ANAM's registry). */
  inpe: `${FHIR_BASE}/sid/inpe`,
  /** Code of a managing organism (OG: CNSS, CNOPS, ...) or of ANAM. */
  organism: `${FHIR_BASE}/sid/organism`,
  /** Member number an OG gives its insured (with the OG as assigner). */
  memberNumber: `${FHIR_BASE}/sid/member-number`,
  /** The gateway's request id (`x-request-id`), naming the request a response answers. */
  requestId: `${FHIR_BASE}/sid/request-id`,
  /** The opaque id of an eligibility decision (the graph's `EligibilityDecision.id`). */
  decisionId: `${FHIR_BASE}/sid/eligibility-decision`,
} as const;

/** The national id scheme (`identifier-schemes.json`) each person identifier system carries. */
export const PERSON_IDENTIFIER_SCHEMES: Readonly<Record<string, string>> = {
  [IDENTIFIER_SYSTEMS.cin]: 'CIN',
  [IDENTIFIER_SYSTEMS.socialId]: 'SOCIAL',
};

/** Code systems the facade publishes. */
export const CODE_SYSTEMS = {
  /** Kinds of care (the graph's `CareType`), in `item.category`. */
  careType: `${FHIR_BASE}/CodeSystem/care-type`,
  /** AMO regimes (reference data `regimes.json`), in `Coverage.type`. */
  regime: `${FHIR_BASE}/CodeSystem/regime`,
  /** The person's role in the coverage: INSURED, SPOUSE, CHILD (`Coverage.relationship`). */
  coverageRole: `${FHIR_BASE}/CodeSystem/coverage-role`,
  /** Decision outcomes (the graph's `EligibilityOutcome`). */
  eligibilityOutcome: `${FHIR_BASE}/CodeSystem/eligibility-outcome`,
  /** Reasons of a decision (the graph's `DecisionReason.code`); display in the asker's language. */
  decisionReason: `${FHIR_BASE}/CodeSystem/decision-reason`,
  /** Stable error codes of the graph (`extensions.code`: BAD_USER_INPUT, FORBIDDEN, ...). */
  errorCode: `${FHIR_BASE}/CodeSystem/error-code`,
  /** Precise error reasons of the graph (`extensions.reason`: PROVIDER_BINDING, ...). */
  errorReason: `${FHIR_BASE}/CodeSystem/error-reason`,
  /** How the OG pays the provider (the graph's `PaymentMode`: TIERS_PAYANT, DIRECT). */
  paymentMode: `${FHIR_BASE}/CodeSystem/payment-mode`,
} as const;

/** Extensions the facade writes. */
export const EXTENSIONS = {
  /** On CoverageEligibilityResponse: one per reason of the decision (valueCodeableConcept in `decisionReason`). */
  decisionReason: `${FHIR_BASE}/StructureDefinition/eligibility-decision-reason`,
  /** On CoverageEligibilityResponse: the decision's outcome (valueCoding in `eligibilityOutcome`). */
  eligibilityOutcome: `${FHIR_BASE}/StructureDefinition/eligibility-outcome`,
  /** On CoverageEligibilityResponse.insurance: how the OG pays this care (valueCoding in `paymentMode`). */
  paymentMode: `${FHIR_BASE}/StructureDefinition/payment-mode`,
} as const;

/** HL7's own systems the facade writes (FHIR R4 terminology). */
export const HL7_SYSTEMS = {
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  benefitType: 'http://terminology.hl7.org/CodeSystem/benefit-type',
  benefitNetwork: 'http://terminology.hl7.org/CodeSystem/benefit-network',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
} as const;
