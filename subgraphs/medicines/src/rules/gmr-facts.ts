/**
 * The facts the GMR rules work on, independent of storage. The GMR (Guide
 * des Médicaments Remboursables) is versioned: ANAM published 9 versions in
 * 2022 (seeds/001_225b0d72771d4c3f.txt:L443).
 */

/** One published version of the GMR and the period it applies to (`validUntil` null: still open). */
export interface GmrVersionFact {
  code: string;
  validFrom: string;
  validUntil: string | null;
}

/** One medicine pack as listed in one GMR version. Prices are integer centimes of MAD. */
export interface ListingFact {
  gmrVersion: string;
  ean13: string;
  generic: boolean;
  reimbursable: boolean;
  /** Public selling price (PPV). */
  publicPriceCentimes: number;
  /** Reimbursement base price (PBR) published for this pack. */
  pbrCentimes: number;
  /** EAN13 of the princeps a generic refers to; null for a princeps. */
  princepsEan13: string | null;
}

/**
 * Which generic of a group sets the PBR of its princeps. The seeds say the
 * PBR is set on the generic (seeds/001_225b0d72771d4c3f.txt:L459) but not on
 * which one: versioned reference data (reference-data/gmr-rules.json).
 */
export type PbrPolicy = 'HIGHEST_GENERIC' | 'LOWEST_GENERIC';

/** Why a medicine is or is not reimbursable on a date. */
export type ReimbursementReason = 'REIMBURSABLE' | 'NOT_REIMBURSABLE' | 'NOT_LISTED' | 'WITHDRAWN' | 'NO_GMR_VERSION';

/** What rule R12 decides for one EAN13 on one date. */
export interface ReimbursementDecision {
  listed: boolean;
  reimbursable: boolean;
  reason: ReimbursementReason;
  /** The base the OG reimburses on; null when not reimbursable. */
  pbrCentimes: number | null;
  /** Public price of the pack in the version applied; null when not listed. */
  publicPriceCentimes: number | null;
  basedOnGeneric: boolean;
  /** The GMR version valid on the date, when there is one. */
  gmrVersion: string | null;
  /** The day that version took effect; null with no version. */
  gmrVersionEffectiveDate: string | null;
  /** For a withdrawn medicine: the last earlier version that listed it. */
  lastListedVersion: string | null;
}
