import categories from '../reference-data/provider-categories.json';

/** One category of the INPE registry with its active codes per sector on 31 Dec 2022. */
export interface ProviderCategory {
  code: string;
  kind: string;
  label: string;
  public: number;
  private: number;
  source: string;
}

/** The categories of the registry (seeds/001_225b0d72771d4c3f.txt:L895-L917), from versioned reference data. */
export const PROVIDER_CATEGORIES: readonly ProviderCategory[] = categories.categories;

/** Categories that dispense and do not give care (pharmacies, pharmacists), from versioned reference data. */
export const DISPENSING_ONLY: readonly string[] = categories.dispensingOnly.categories;

/**
 * Whether a category gives care, so that an eligibility check by a provider
 * of it opens a care relationship: a known category that does not only
 * dispense. An unknown category gives none (flag, never guess).
 */
export function givesCare(
  code: string,
  list: readonly ProviderCategory[] = PROVIDER_CATEGORIES,
  dispensingOnly: readonly string[] = DISPENSING_ONLY,
): boolean {
  return list.some((category) => category.code === code) && !dispensingOnly.includes(code);
}

/** Medical specialties a SPECIALIST may hold (open list, reference data). */
export const SPECIALTIES: readonly string[] = categories.specialties.codes;

/** The kind (PROFESSIONAL or ESTABLISHMENT) of a category, or null for an unknown category. */
export function kindOfCategory(code: string, list: readonly ProviderCategory[] = PROVIDER_CATEGORIES): string | null {
  return list.find((category) => category.code === code)?.kind ?? null;
}

/**
 * Weights of `CATEGORY|SECTOR` pairs in proportion to the active codes of the
 * registry (seeds/001_225b0d72771d4c3f.txt:L895-L911), pairs without codes left out.
 */
export function categorySectorWeights(list: readonly ProviderCategory[] = PROVIDER_CATEGORIES): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const category of list) {
    if (category.public > 0) weights[`${category.code}|PUBLIC`] = category.public;
    if (category.private > 0) weights[`${category.code}|PRIVATE`] = category.private;
  }
  return weights;
}
