import type { PbrPolicy } from '../rules/gmr-facts';
import { pbrBasis } from '../rules/reimbursement-basis';
import type { SeedListing } from './gmr-catalogue';

/** What the published PBR of a pack depends on. */
type PricedListing = Pick<SeedListing, 'ean13' | 'generic' | 'reimbursable' | 'princepsEan13' | 'publicPriceCentimes'>;

/**
 * The PBR ANAM would publish for each pack of one version: a generic's own
 * price, a princeps' price or, when generics are listed, the generic base
 * of rule R12 (seeds/001_225b0d72771d4c3f.txt:L459). Used by the seed and by
 * the load tests' GMR file generator.
 */
export function publishedPbrOf<Listing extends PricedListing>(
  listings: readonly Listing[],
  policy: PbrPolicy,
): (listing: Listing) => number {
  const genericsOf = new Map<string, Listing[]>();
  for (const listing of listings) {
    if (!listing.princepsEan13) continue;
    const group = genericsOf.get(listing.princepsEan13) ?? [];
    group.push(listing);
    genericsOf.set(listing.princepsEan13, group);
  }
  return (listing) => {
    const own = { ean13: listing.ean13, generic: listing.generic, pbrCentimes: listing.publicPriceCentimes };
    const group = (genericsOf.get(listing.ean13) ?? []).map((g) => ({
      generic: g.generic,
      reimbursable: g.reimbursable,
      pbrCentimes: g.publicPriceCentimes,
      princepsEan13: g.princepsEan13,
    }));
    return pbrBasis(own, group, policy).pbrCentimes;
  };
}
