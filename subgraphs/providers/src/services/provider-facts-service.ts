import { parseInpe, toIsoDate } from '@cmb/kit';
import type { ConventionEntity } from '../entities/convention.entity';
import type { ProviderEntity } from '../entities/provider.entity';
import type { RegistryVersionEntity } from '../entities/registry-version.entity';
import { conventionsInForce } from '../rules/conventioned';
import { providerFactsOn, type ProviderFacts } from '../rules/provider-facts';
import { NO_REGISTRY_VERSION } from '../rules/registry-version-name';

/** The representation the gateway sends in hop 2: the decision's key and the fields this subgraph requires. */
export interface DecisionReference {
  __typename?: string;
  id: string;
  providerInpe?: unknown;
  careDate?: unknown;
}

/** A provider as read for one day: its field resolvers answer `active`, `conventioned` and `conventions` on that day. */
export type ProviderOnDay = ProviderEntity & { readOn?: string };

/** What this subgraph contributes to a decision. */
export interface DecisionProviderPart {
  id: string;
  providerInpe: string;
  careDate: string;
  providerFacts: ProviderFacts;
  provider: ProviderOnDay | null;
}

/** The reads hop 2 needs, through the request's batching loaders and the process's version cache. */
export interface ProviderFactsSources {
  provider: (inpe: string) => Promise<ProviderEntity | null>;
  conventions: (inpe: string) => Promise<ConventionEntity[]>;
  registryVersion: () => Promise<RegistryVersionEntity | null>;
  /** True when a copy extracted on that day is older than its configured age today. */
  isStale: (asOf: string) => boolean;
}

/**
 * Hop 2 of an eligibility check: the asking provider's facts on the day of
 * care (R6), its conventions in force that day with every OG (R7: the
 * decision keeps the person's OG's), and the registry copy they were read
 * from (version, extraction day, staleness). A well-formed but unknown INPE
 * is an outcome (not registered), never an error; a malformed one is
 * `BAD_USER_INPUT` naming the expected form.
 */
export class ProviderFactsService {
  /** Contributes the provider part of one decision. */
  async contribute(reference: DecisionReference, sources: ProviderFactsSources): Promise<DecisionProviderPart> {
    const providerInpe = parseInpe(typeof reference.providerInpe === 'string' ? reference.providerInpe : '');
    const careDate = toIsoDate(typeof reference.careDate === 'string' ? reference.careDate : '');
    const [provider, version] = await Promise.all([sources.provider(providerInpe), sources.registryVersion()]);
    const conventions = provider ? conventionsInForce(await sources.conventions(providerInpe), careDate) : [];
    const facts = providerFactsOn(provider, careDate);
    return {
      id: reference.id,
      providerInpe,
      careDate,
      providerFacts: {
        ...facts,
        conventions: conventions.map((c) => ({ organism: c.organism, careType: c.careType, paymentMode: c.paymentMode })),
        registryVersion: version?.id ?? NO_REGISTRY_VERSION,
        registryAsOf: version?.publishedOn ?? null,
        registryStale: version ? sources.isStale(version.publishedOn) : true,
      },
      provider: provider ? { ...provider, readOn: careDate } : null,
    };
  }
}
