import type { PathwayFacts, ProviderFacts } from './facts';

/** One copy of reference data a decision used. */
export interface ReferenceDataUsed {
  copy: string;
  version: string;
  asOf: string | null;
  stale: boolean;
}

/**
 * The copies of reference data a decision was made from (domain.md §7: the
 * gateway lives with batch-fed registries, so every answer says which
 * versions it used): the eligibility rule book of this registry, the INPE
 * registry copy the provider facts were read from (R6: stale when older than
 * five working days plus a margin), the pathway reference lists. A copy whose
 * subgraph did not answer is left out: the reasons already say which check
 * could not be made.
 */
export function referenceDataOf(rulesVersion: string, provider: ProviderFacts | null, pathway: PathwayFacts | null): ReferenceDataUsed[] {
  const used: ReferenceDataUsed[] = [{ copy: 'eligibility-rules', version: rulesVersion, asOf: null, stale: false }];
  if (provider?.registryVersion !== undefined) {
    used.push({
      copy: 'inpe-registry',
      version: provider.registryVersion,
      asOf: provider.registryAsOf ?? null,
      stale: provider.registryStale ?? true,
    });
  }
  if (pathway?.referenceVersion !== undefined) {
    used.push({ copy: 'pathway-rules', version: pathway.referenceVersion, asOf: null, stale: false });
  }
  return used;
}
