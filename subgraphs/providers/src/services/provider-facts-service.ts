import { parseInpe, toIsoDate } from '@cmb/kit';
import type { ProviderEntity } from '../entities/provider.entity';
import { providerFactsOn, type ProviderFacts } from '../rules/provider-facts';

/** The representation the gateway sends in hop 2: the decision's key and the fields this subgraph requires. */
export interface DecisionReference {
  __typename?: string;
  id: string;
  providerInpe?: unknown;
  careDate?: unknown;
}

/** What this subgraph contributes to a decision. */
export interface DecisionProviderPart {
  id: string;
  providerInpe: string;
  careDate: string;
  providerFacts: ProviderFacts;
  provider: ProviderEntity | null;
}

/**
 * Hop 2 of an eligibility check: the asking provider's facts on the day of
 * care (R6). A well-formed but unknown INPE is an outcome (not registered),
 * never an error; a malformed one is `BAD_USER_INPUT` naming the expected form.
 */
export class ProviderFactsService {
  /** Contributes the provider part of one decision; provider lookups go through the request's batching loader. */
  async contribute(
    reference: DecisionReference,
    loadProvider: (inpe: string) => Promise<ProviderEntity | null>,
  ): Promise<DecisionProviderPart> {
    const providerInpe = parseInpe(typeof reference.providerInpe === 'string' ? reference.providerInpe : '');
    const careDate = toIsoDate(typeof reference.careDate === 'string' ? reference.careDate : '');
    const provider = await loadProvider(providerInpe);
    return { id: reference.id, providerInpe, careDate, providerFacts: providerFactsOn(provider, careDate), provider };
  }
}
