import { parseInpe, REGIONS } from '@cmb/kit';
import type { PaginationLimits } from '../config';
import type { ProviderEntity } from '../entities/provider.entity';
import rules from '../reference-data/providers-rules.json';
import { encodeCursor, parsePageRequest, slicePage } from '../rules/page-cursor';
import { periodCovers } from '../rules/periods';
import { PROVIDER_CATEGORIES } from '../rules/provider-categories';
import { parseProviderFilter, type FilterVocabulary, type ProviderFilterInput } from '../rules/provider-filter';
import type { ProviderStore } from './provider-store';

/** A page of the listing, before GraphQL: providers with their cursors. */
export interface ProviderPage {
  edges: { cursor: string; node: ProviderEntity }[];
  nodes: ProviderEntity[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The codes a listing filter may use, from the versioned reference lists. */
export function filterVocabulary(limits: Pick<PaginationLimits, 'maxNameFilterLength'>): FilterVocabulary {
  return {
    regions: REGIONS.regions.map((region) => region.code),
    categories: PROVIDER_CATEGORIES.map((category) => category.code),
    kinds: rules.kinds.values,
    statuses: rules.statuses.values,
    maxNameFilterLength: limits.maxNameFilterLength,
  };
}

/** Lists the registry: filtered, cursor-paginated pages and the professionals attached to an establishment. */
export class ProviderDirectory {
  private readonly vocabulary: FilterVocabulary;

  constructor(
    private readonly store: ProviderStore,
    private readonly limits: PaginationLimits,
  ) {
    this.vocabulary = filterVocabulary(limits);
  }

  /** One page of providers matching the filter; inputs are validated at the edge. */
  async page(filter: ProviderFilterInput, first: number | null | undefined, after: string | null | undefined): Promise<ProviderPage> {
    const request = parsePageRequest(first, after, this.limits);
    const query = parseProviderFilter(filter, this.vocabulary);
    const rows = await this.store.page(query, request.afterInpe, request.size + 1);
    const { items, hasNextPage } = slicePage(rows, request.size);
    const edges = items.map((node) => ({ cursor: encodeCursor(node.inpe), node }));
    return { edges, nodes: items, endCursor: edges[edges.length - 1]?.cursor ?? null, hasNextPage };
  }

  /** INPE codes of the professionals attached to an establishment on a date (empty for an unknown establishment). */
  async attachedProfessionalInpes(establishmentInpe: string, date: string): Promise<string[]> {
    const attachments = await this.store.attachmentsToEstablishment(parseInpe(establishmentInpe));
    const inForce = attachments.filter((a) => periodCovers(a.validFrom, a.validUntil, date)).map((a) => a.professionalInpe);
    return [...new Set(inForce)];
  }
}
