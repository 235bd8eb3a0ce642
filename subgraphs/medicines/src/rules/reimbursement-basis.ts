import type { GmrVersionFact, ListingFact, PbrPolicy, ReimbursementDecision } from './gmr-facts';

/**
 * The GMR version that applies on a date: its period holds the date. When a
 * new version was published without closing the previous one, the latest
 * start wins (a new version supersedes the old one).
 */
export function versionValidOn(versions: readonly GmrVersionFact[], date: string): GmrVersionFact | null {
  let chosen: GmrVersionFact | null = null;
  for (const version of versions) {
    const holds = version.validFrom <= date && (version.validUntil === null || date <= version.validUntil);
    if (!holds) continue;
    if (!chosen || version.validFrom > chosen.validFrom || (version.validFrom === chosen.validFrom && version.code > chosen.code)) {
      chosen = version;
    }
  }
  return chosen;
}

/** The base price of a listed pack and whether a generic set it. */
export interface PbrBasis {
  pbrCentimes: number;
  basedOnGeneric: boolean;
}

/**
 * The PBR rule (seeds/001_225b0d72771d4c3f.txt:L459, art. 8 of decree
 * 2-05-733): a generic is reimbursed on its own PBR; a princeps whose group
 * has reimbursable generics listed in the same version is reimbursed on the
 * generic's PBR (the one the policy picks). A generic priced above its
 * princeps (one case found by ANAM, seeds/001_225b0d72771d4c3f.txt:L467)
 * never raises the base above the princeps' own PBR.
 */
export function pbrBasis(
  listing: Pick<ListingFact, 'ean13' | 'generic' | 'pbrCentimes'>,
  groupGenerics: readonly Pick<ListingFact, 'generic' | 'reimbursable' | 'pbrCentimes' | 'princepsEan13'>[],
  policy: PbrPolicy,
): PbrBasis {
  if (listing.generic) return { pbrCentimes: listing.pbrCentimes, basedOnGeneric: true };
  const prices = groupGenerics
    .filter((generic) => generic.generic && generic.reimbursable && generic.princepsEan13 === listing.ean13)
    .map((generic) => generic.pbrCentimes);
  if (prices.length === 0) return { pbrCentimes: listing.pbrCentimes, basedOnGeneric: false };
  const genericBase = policy === 'HIGHEST_GENERIC' ? Math.max(...prices) : Math.min(...prices);
  if (genericBase > listing.pbrCentimes) return { pbrCentimes: listing.pbrCentimes, basedOnGeneric: false };
  return { pbrCentimes: genericBase, basedOnGeneric: true };
}

/** Everything R12 needs for one EAN13 on one date. */
export interface ReimbursementFacts {
  date: string;
  /** Every GMR version known. */
  versions: readonly GmrVersionFact[];
  /** The listings of this EAN13, in any version. */
  listings: readonly ListingFact[];
  /** The generics whose princeps is this EAN13, in the version valid on the date. */
  groupGenerics: readonly ListingFact[];
}

/** A decision that the medicine is not reimbursable, with no base price. */
function notReimbursable(
  reason: ReimbursementDecision['reason'],
  version: GmrVersionFact | null,
  extra: Partial<ReimbursementDecision> = {},
): ReimbursementDecision {
  return {
    listed: false,
    reimbursable: false,
    reason,
    pbrCentimes: null,
    publicPriceCentimes: null,
    basedOnGeneric: false,
    gmrVersion: version?.code ?? null,
    gmrVersionEffectiveDate: version?.validFrom ?? null,
    lastListedVersion: null,
    ...extra,
  };
}

/**
 * Rule R12 (domain.md; seeds/001_225b0d72771d4c3f.txt:L443, L459, L804,
 * L866): a medicine is reimbursable on a date only if it is listed, and
 * flagged reimbursable, in the GMR version valid on that date; a marketing
 * authorisation alone is not enough (L804). The base is the PBR, set on the
 * generic when one exists. A medicine listed in an earlier version but not
 * in this one was withdrawn (141 in 2022, L455). The decision names the
 * version it used and the day that version took effect.
 */
export function decideReimbursementBasis(facts: ReimbursementFacts, policy: PbrPolicy): ReimbursementDecision {
  const version = versionValidOn(facts.versions, facts.date);
  if (!version) return notReimbursable('NO_GMR_VERSION', null);
  const listing = facts.listings.find((candidate) => candidate.gmrVersion === version.code);
  if (!listing) {
    const startOf = new Map(facts.versions.map((v) => [v.code, v.validFrom]));
    const earlier = facts.listings
      .map((candidate) => ({ code: candidate.gmrVersion, validFrom: startOf.get(candidate.gmrVersion) }))
      .filter(
        (candidate): candidate is { code: string; validFrom: string } =>
          candidate.validFrom !== undefined && candidate.validFrom < version.validFrom,
      )
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
    const last = earlier[0];
    return last ? notReimbursable('WITHDRAWN', version, { lastListedVersion: last.code }) : notReimbursable('NOT_LISTED', version);
  }
  if (!listing.reimbursable) {
    return notReimbursable('NOT_REIMBURSABLE', version, { listed: true, publicPriceCentimes: listing.publicPriceCentimes });
  }
  const basis = pbrBasis(
    listing,
    facts.groupGenerics.filter((g) => g.gmrVersion === version.code),
    policy,
  );
  return {
    listed: true,
    reimbursable: true,
    reason: 'REIMBURSABLE',
    pbrCentimes: basis.pbrCentimes,
    publicPriceCentimes: listing.publicPriceCentimes,
    basedOnGeneric: basis.basedOnGeneric,
    gmrVersion: version.code,
    gmrVersionEffectiveDate: version.validFrom,
    lastListedVersion: null,
  };
}
